"""Slack commands handlers, one module each; registered by the table in ``listeners/__init__``."""
