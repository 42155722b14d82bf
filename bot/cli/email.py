"""``consultoria email test --to ADDRESS``: one e-mail through the configured SMTP server, now."""

from __future__ import annotations

from typing import Annotated

import typer

from adapters.email import compose, smtp_send, stable_message_id
from bot.cli.common import clock, refuse, run_async
from bot.platforms import smtp_config
from bot.wiring import load_settings
from core.errors import BusinessError
from core.mail import valid_email
from core.messages import t
from core.outbox import OutboundMessage, PermanentDeliveryError, TransientDeliveryError

app = typer.Typer(help="E-mail notices: check the SMTP settings.", no_args_is_help=True)


@app.command("test")
def test_command(
    to: Annotated[str, typer.Option("--to", help="Who receives the test e-mail.")],
) -> None:
    """Send one test e-mail with the CONSULTORIA_SMTP_* settings (not through the outbox)."""
    settings = load_settings()
    language = settings.language
    if not settings.email_on:
        refuse(t("mail.off", language, setting="CONSULTORIA_SMTP_HOST"))
    try:
        address = valid_email(to)
    except BusinessError as error:
        refuse(error.render(language))
    config = smtp_config(settings)
    service = config.sender_name
    message = OutboundMessage(
        t("mail.test.text", language, service=service),
        title=t("mail.test.subject", language, service=service),
    )
    mail = compose(
        message,
        sender=config.sender_address,
        to=address,
        message_id=stable_message_id(config, f"test-{clock.now():%Y%m%d%H%M%S}"),
        footer=t("mail.footer", language, service=service),
        when=clock.now(),
    )

    async def _send() -> None:
        await smtp_send(config, mail)

    try:
        run_async(settings, _send)
    except (TransientDeliveryError, PermanentDeliveryError) as error:
        refuse(t("mail.test.failed", language, reason=error.reason))
    typer.echo(t("mail.test.sent", language, to=address, host=config.host, port=config.port))
