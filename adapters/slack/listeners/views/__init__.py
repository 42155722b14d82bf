"""Slack views listeners: one module each, exposing ``register(app, core)``."""
