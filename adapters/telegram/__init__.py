"""The Telegram adapter: the client's channel (PTB Application, sender, file source)."""
