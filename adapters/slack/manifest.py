"""The Slack app manifest, built from what the adapter registers: ``consultoria setup slack``.

The slash commands are the ``command`` rows of :data:`adapters.slack.listeners.LISTENERS`; the
bot events follow its ``event`` rows; :data:`BOT_SCOPES` is the one list of bot scopes the app
asks for (the install check compares the token's scopes with it). Socket Mode needs no URL; in
HTTP mode every request URL (slash commands, interactivity, type-ahead options, events) is
``<public URL>/slack/events``. Format: Slack's app manifest (JSON), as pasted in *Create New
App → From an app manifest* (``adapters/slack/manifest.yml`` is the same, in YAML).
"""

from __future__ import annotations

from typing import Any, Literal

from adapters.slack.channel import EVENTS_PATH
from adapters.slack.listeners import LISTENERS

APP_NAME = "Consultoria Online"

BOT_SCOPES: tuple[str, ...] = (
    "app_mentions:read",
    "channels:history",
    "channels:read",
    "channels:join",
    "channels:manage",
    "chat:write",
    "chat:write.public",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "groups:write",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "usergroups:read",
)
"""Every bot scope the app asks for (``oauth_config.scopes.bot``)."""

COMMAND_TEXTS: dict[str, tuple[str, str]] = {
    "/agendar": (
        "Agendar, listar, remarcar ou cancelar sessões",
        "[empresa dd/mm hh:mm [duração] [meio] [@consultor] | lista | cancelar <id> | "
        "remarcar <id> dd/mm hh:mm | ajuda]",
    ),
    "/consultor": ("Seu status de atendimento", "disponivel | ocupado | ausente | status"),
    "/resposta": ("Enviar uma resposta salva numa sessão sua", "[termo]"),
}
"""Description and usage hint of each slash command, as Slack shows them."""

EVENT_SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
    "app_home_opened": ("app_home_opened",),
    "message": ("message.channels", "message.groups", "message.im"),
}
"""The Events API subscriptions behind each event the adapter listens to."""

Mode = Literal["socket", "http"]


def slash_commands() -> list[str]:
    """The slash commands the adapter registers, in registration order."""
    return [str(row.matcher) for row in LISTENERS if row.kind == "command"]


def bot_events() -> list[str]:
    """The bot events to subscribe to (``app_mention`` too: mentions reach the bot)."""
    events = [
        name
        for row in LISTENERS
        if row.kind == "event"
        for name in EVENT_SUBSCRIPTIONS.get(str(row.matcher), (str(row.matcher),))
    ]
    return [*events, "app_mention"]


def request_url(public_url: str) -> str:
    """``https://host/slack/events`` for the public address ``https://host`` (HTTP mode)."""
    return public_url.rstrip("/") + EVENTS_PATH


def build_manifest(mode: Mode, public_url: str | None = None) -> dict[str, Any]:
    """The app manifest for ``mode``; HTTP mode needs the bot's public address."""
    url = request_url(public_url) if mode == "http" and public_url else None
    if mode == "http" and url is None:
        raise ValueError("HTTP mode needs the public URL")
    commands: list[dict[str, Any]] = []
    for name in slash_commands():
        description, hint = COMMAND_TEXTS.get(name, (name, ""))
        command: dict[str, Any] = {"command": name, "description": description}
        if url:
            command["url"] = url
        if hint:
            command["usage_hint"] = hint
        command["should_escape"] = name == "/agendar"
        commands.append(command)
    events: dict[str, Any] = {"bot_events": bot_events()}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if url:
        events = {"request_url": url, **events}
        interactivity |= {"request_url": url, "message_menu_options_url": url}
    return {
        "display_information": {
            "name": APP_NAME,
            "description": "Fila, sessões e agendamentos da Consultoria Online",
            "background_color": "#1d4f91",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": APP_NAME, "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": mode == "socket",
            "token_rotation_enabled": False,
        },
    }
