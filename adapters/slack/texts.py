"""The few Slack-only labels (modal buttons, App Home, usage); everything else is core/messages."""

from __future__ import annotations

from core.messages import normalise_language

_TEXTS: dict[str, dict[str, str]] = {
    "pt-BR": {
        "modal.submit": "Confirmar",
        "modal.cancel": "Cancelar",
        "modal.choose": "Escolha…",
        "modal.specialist_hint": "Escolha um consultor ou uma área (o primeiro livre dela).",
        "home.title": "Consultoria Online",
        "home.today": "Seus agendamentos de hoje",
        "home.not_consultant": "Você não está cadastrado como consultor.",
        "consultor.usage": "Uso: /consultor disponivel | ocupado | ausente | status",
    },
    "en": {
        "modal.submit": "Confirm",
        "modal.cancel": "Cancel",
        "modal.choose": "Choose…",
        "modal.specialist_hint": "Choose a consultant or an area (its first free consultant).",
        "home.title": "Online Consulting",
        "home.today": "Your bookings today",
        "home.not_consultant": "You are not registered as a consultant.",
        "consultor.usage": "Usage: /consultor disponivel | ocupado | ausente | status",
    },
}


def label(key: str, language: str) -> str:
    """The Slack-only label ``key`` in ``language`` (pt-BR when unknown)."""
    return _TEXTS[normalise_language(language)][key]
