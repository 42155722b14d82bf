"""Texts only the Telegram adapter says (command descriptions, input it cannot take), pt-BR and en.

Everything about the service itself comes from the core's catalogue (``core.messages``); these are
about Telegram's own surface, so they live with the adapter.
"""

from __future__ import annotations

from typing import Any

from core.messages import normalise_language

PT_BR = {
    "tg.command.start": "Menu principal (ou vincular com um código de acesso)",
    "tg.command.ajuda": "Como funciona o atendimento",
    "tg.command.cancelar": "Desistir do pedido em andamento ou sair da fila",
    "tg.command.agendamentos": "Meus agendamentos: ver, remarcar ou cancelar",
    "tg.command.suporte": "Suporte técnico gratuito",
    "tg.sticker": "Recebi uma figurinha, mas não consigo entendê-la. Escreva em texto ou envie "
    "uma foto, um documento ou um áudio. Envie /start para ver o menu.",
    "tg.unsupported": "Não consigo tratar este tipo de mensagem. Escreva em texto ou envie uma "
    "foto, um documento ou um áudio. Envie /start para ver o menu.",
    "tg.group": "Eu atendo apenas em conversa privada. Abra uma conversa comigo: "
    "https://t.me/{bot}",
    "tg.unknown_command": "Comando desconhecido. Comandos: /start, /ajuda, /cancelar, "
    "/agendamentos, /suporte.",
}

EN = {
    "tg.command.start": "Main menu (or link with an access code)",
    "tg.command.ajuda": "How the service works",
    "tg.command.cancelar": "Drop the current request or leave the queue",
    "tg.command.agendamentos": "My bookings: see, move or cancel",
    "tg.command.suporte": "Free technical support",
    "tg.sticker": "I got a sticker, but I cannot read it. Please write text or send a photo, a "
    "document or a voice note. Send /start to see the menu.",
    "tg.unsupported": "I cannot handle this kind of message. Please write text or send a photo, "
    "a document or a voice note. Send /start to see the menu.",
    "tg.group": "I only work in a private chat. Open one with me: https://t.me/{bot}",
    "tg.unknown_command": "Unknown command. Commands: /start, /ajuda, /cancelar, "
    "/agendamentos, /suporte.",
}

_CATALOGUES = {"pt-BR": PT_BR, "en": EN}


def tg_text(key: str, language: str | None = None, **params: Any) -> str:
    """The adapter text ``key`` in ``language`` (pt-BR when unknown)."""
    template = _CATALOGUES[normalise_language(language)].get(key) or PT_BR[key]
    return template.format(**params) if params else template
