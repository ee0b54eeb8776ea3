"""Storage: the schema and its SQLModel rows, the engine (from a database URL), schema versions
and migrations, the reads (Core) and the writes (ORM)."""
