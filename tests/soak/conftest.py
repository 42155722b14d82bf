"""Fixtures of the soak tests: the web channel's ``web`` fixture (both engines)."""

from tests.web.conftest import web as web
