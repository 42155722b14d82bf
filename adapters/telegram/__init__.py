"""Telegram adapter (python-telegram-bot 22): the client's way."""
