"""The adapters' own harnesses, reused: ``tg`` (real PTB Application) and ``slack`` (real bolt)."""

from tests.adapters.slack.conftest import slack
from tests.adapters.telegram.conftest import fake, tg

__all__ = ["fake", "slack", "tg"]
