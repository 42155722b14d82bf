"""The app manifest lists what the adapter listens to."""

from __future__ import annotations

from pathlib import Path

import adapters.slack

MANIFEST = Path(adapters.slack.__file__).parent / "manifest.yml"


def test_the_manifest_declares_commands_events_scopes_and_socket_mode() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    for needle in (
        "command: /agendar",
        "command: /consultor",
        "command: /resposta",
        "- chat:write",
        "- commands",
        "- files:read",
        "- message.channels",
        "- message.groups",
        "- app_home_opened",
        "socket_mode_enabled: true",
        "is_enabled: true",
        "/slack/events",
    ):
        assert needle in text, needle
