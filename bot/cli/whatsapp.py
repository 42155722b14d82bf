"""``consultoria whatsapp templates``: the message templates to submit to Meta for approval.

Outside the 24-hour customer-service window WhatsApp only delivers approved templates. The
adapter sends a booking reminder, a next-opening notice and a session summary that fall outside
the window as the configured template, with the whole notice as the body's one parameter; a
booking notice carrying its calendar invite goes as the booking template, the .ics as its
DOCUMENT header; the opening notice's three choices are the template's quick-reply buttons (the
press brings back the choice as the button's payload); the nudge tells a client that another
message waits for their answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import typer

from bot.wiring import load_settings
from core.messages import t

app = typer.Typer(help="WhatsApp: what to submit to Meta.", no_args_is_help=True)


@dataclass(frozen=True)
class Submitted:
    """One template to submit: its setting, default name, text key and extra components."""

    setting: str
    default: str
    key: str
    parameter: bool = True
    document: bool = False
    buttons: tuple[str, ...] = ()


TEMPLATES = (
    Submitted("whatsapp_template_reminder", "consultoria_lembrete", "wa.template.reminder"),
    Submitted(
        "whatsapp_template_booking",
        "consultoria_agendamento",
        "wa.template.booking",
        document=True,
    ),
    Submitted(
        "whatsapp_template_opening",
        "consultoria_abertura",
        "wa.template.opening",
        buttons=("queue.closing.keep", "queue.client.to_booking", "queue.client.leave"),
    ),
    Submitted("whatsapp_template_summary", "consultoria_resumo", "wa.template.summary"),
    Submitted(
        "whatsapp_template_nudge", "consultoria_novidade", "wa.template.nudge", parameter=False
    ),
)
BODY_PARAMETER = "{{1}}"


@app.command("templates")
def templates_command() -> None:
    """Print each template: setting, name, category, language, header, body, buttons, example."""
    settings = load_settings()
    language = settings.language
    code = settings.whatsapp_template_language
    in_template = code.replace("_", "-")
    for item in TEMPLATES:
        name = getattr(settings, item.setting) or item.default
        body = t(f"{item.key}.body", in_template)
        body += " " + BODY_PARAMETER if item.parameter else ""
        typer.echo(f"CONSULTORIA_{item.setting.upper()}={name}")
        typer.echo(f"  {t('wa.template.name', language)}: {name}")
        typer.echo(f"  {t('wa.template.category', language)}: UTILITY")
        typer.echo(f"  {t('wa.template.language', language)}: {code}")
        if item.document:
            header = t("wa.template.header_document", language)
            typer.echo(f"  {t('wa.template.header_label', language)}: {header}")
        typer.echo(f"  {t('wa.template.body_label', language)}: {body}")
        if item.buttons:
            labels = " | ".join(t(key, in_template) for key in item.buttons)
            typer.echo(f"  {t('wa.template.buttons_label', language)}: {labels}")
        if item.parameter:
            example = t(f"{item.key}.example", language)
            typer.echo(f"  {t('wa.template.example', language)}: {example}")
        if not getattr(settings, item.setting):
            typer.echo(f"  {t('wa.template.unset', language)}")
        typer.echo("")
