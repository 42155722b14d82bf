"""Slack events listeners: one module each, exposing ``register(app, core)``."""
