"""Alembic migrations of the bot's database (SQLite and PostgreSQL)."""
