"""Pure domain logic: models and rules. Knows nothing of Textual, the terminal or the database."""
