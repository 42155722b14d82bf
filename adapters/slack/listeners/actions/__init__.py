"""Slack actions listeners: one module each, exposing ``register(app, core)``."""
