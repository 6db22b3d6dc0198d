"""User accounts stored in SQLite."""
