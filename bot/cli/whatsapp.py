"""``consultoria whatsapp templates``: the message templates to submit to Meta for approval.

Outside the 24-hour customer-service window WhatsApp only delivers approved templates. The
adapter sends a booking reminder, a next-opening notice and a session summary that fall outside
the window as the configured template, with the whole notice as the body's one parameter; the
nudge tells a client that another message waits for their answer.
"""

from __future__ import annotations

import typer

from bot.wiring import load_settings
from core.messages import t

app = typer.Typer(help="WhatsApp: what to submit to Meta.", no_args_is_help=True)

TEMPLATES = (
    ("whatsapp_template_reminder", "consultoria_lembrete", "wa.template.reminder"),
    ("whatsapp_template_opening", "consultoria_abertura", "wa.template.opening"),
    ("whatsapp_template_summary", "consultoria_resumo", "wa.template.summary"),
    ("whatsapp_template_nudge", "consultoria_novidade", "wa.template.nudge"),
)
BODY_PARAMETER = "{{1}}"
NUDGE = "wa.template.nudge"


@app.command("templates")
def templates_command() -> None:
    """Print each template: setting, name, category, language, body and an example."""
    settings = load_settings()
    language = settings.language
    code = settings.whatsapp_template_language
    for setting, default, key in TEMPLATES:
        name = getattr(settings, setting) or default
        plain = key == NUDGE  # no parameter: it only asks the client to answer
        body = t(f"{key}.body", code.replace("_", "-")) + ("" if plain else " " + BODY_PARAMETER)
        typer.echo(f"CONSULTORIA_{setting.upper()}={name}")
        typer.echo(f"  {t('wa.template.name', language)}: {name}")
        typer.echo(f"  {t('wa.template.category', language)}: UTILITY")
        typer.echo(f"  {t('wa.template.language', language)}: {code}")
        typer.echo(f"  {t('wa.template.body_label', language)}: {body}")
        if not plain:
            example = t(f"{key}.example", language)
            typer.echo(f"  {t('wa.template.example', language)}: {example}")
        if not getattr(settings, setting):
            typer.echo(f"  {t('wa.template.unset', language)}")
        typer.echo("")
