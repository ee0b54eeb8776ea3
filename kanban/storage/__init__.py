"""Storage: SQLModel tables, the engine (from a database URL), schema versions and migrations."""
