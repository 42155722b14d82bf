"""Slack commands listeners: one module each, exposing ``register(app, core)``."""
