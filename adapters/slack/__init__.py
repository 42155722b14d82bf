"""Slack adapter (slack-bolt async): consultants, secretaries and support attendants."""
