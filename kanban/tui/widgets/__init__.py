"""The board's widgets: the top bar, the columns and their line-API card lists."""
