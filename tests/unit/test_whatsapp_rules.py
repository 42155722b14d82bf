"""The WhatsApp adapter's pure rules: error mapping, typed codes, media types, rendering."""

from __future__ import annotations

import pytest

from adapters.whatsapp.errors import delivery_error
from adapters.whatsapp.graph import GraphError
from adapters.whatsapp.inbound import typed_text
from adapters.whatsapp.render import bodies, split, template_body
from adapters.whatsapp.sender import media_kind
from adapters.whatsapp.webhook import signature
from core.outbox import Choice, OutboundMessage, PermanentDeliveryError, TransientDeliveryError


@pytest.mark.parametrize(
    ("status", "code"),
    [(429, 130429), (400, 131056), (400, 80007), (500, 1), (503, None), (0, None), (401, 190)],
)
def test_rate_limits_server_errors_and_token_errors_are_transient(
    status: int, code: int | None
) -> None:
    assert isinstance(delivery_error(GraphError(status, code, "x")), TransientDeliveryError)


@pytest.mark.parametrize("code", [131026, 131051])
def test_undeliverable_numbers_are_permanent_and_unreachable(code: int) -> None:
    error = delivery_error(GraphError(400, code, "Message undeliverable"))
    assert isinstance(error, PermanentDeliveryError) and error.unreachable


def test_a_blocked_user_is_unreachable_and_a_bad_request_only_permanent() -> None:
    blocked = delivery_error(GraphError(400, 131999, "User has blocked the business"))
    assert isinstance(blocked, PermanentDeliveryError) and blocked.unreachable
    bad = delivery_error(GraphError(400, 100, "Invalid parameter"))
    assert isinstance(bad, PermanentDeliveryError) and not bad.unreachable


def test_the_rate_limit_wait_honours_retry_after() -> None:
    error = delivery_error(GraphError(429, 130429, "slow down", retry_after=90))
    assert isinstance(error, TransientDeliveryError) and error.retry_after == 90


@pytest.mark.parametrize(
    ("typed", "code"),
    [("CODIGO AB12CD34", "AB12CD34"), ("código: ab12", "ab12"), ("Olá", "Olá"), ("AB12", "AB12")],
)
def test_the_wa_me_text_gives_the_bare_code(typed: str, code: str) -> None:
    assert typed_text(typed) == code


def test_media_types_whatsapp_does_not_take_go_as_documents() -> None:
    assert media_kind("image", "image/png") == "image"
    assert media_kind("image", "image/webp") == "document"
    assert media_kind("audio", "audio/ogg; codecs=opus") == "audio"
    assert media_kind("audio", "audio/x-wav") == "document"
    assert media_kind("document", None) == "document"


def test_a_long_text_is_split_on_lines_and_the_choices_ride_the_last_part() -> None:
    text = "\n".join(f"linha {n} " + "x" * 90 for n in range(60))
    message = OutboundMessage(text, choices=(Choice("a:1", "Sim"), Choice("b:1", "Não")))
    sent = bodies("5548", message, 1, "pt-BR")
    assert all(len(b["text"]["body"]) <= 4096 for b in sent[:-1] if b["type"] == "text")
    assert sent[-1]["type"] == "interactive"
    assert len(sent[-1]["interactive"]["body"]["text"]) <= 1024
    assert all(len(part) <= 50 for part in split("y" * 120, 50))


def test_a_template_parameter_is_one_line() -> None:
    body = template_body("5548", "lembrete", "pt_BR", "Amanhã\n\n\tàs 10h     com Bruno")
    parameter = body["template"]["components"][0]["parameters"][0]["text"]
    assert "\n" not in parameter and "\t" not in parameter and "    " not in parameter


def test_the_signature_is_metas_header_format() -> None:
    assert signature("secret", b"{}").startswith("sha256=")
    assert len(signature("secret", b"{}")) == len("sha256=") + 64
