"""Slack adapter tests: the real bolt AsyncApp over HTTP, its Web API calls to a fake."""
