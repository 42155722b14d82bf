"""Webhook rules without a network: event lists, receiver URLs, the signature, HTTP answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.webhooks.sender import _outcome, _retry_after
from core.errors import InvalidInput
from core.outbox import PermanentDeliveryError, TransientDeliveryError
from core.webhooks import (
    EVENT_TYPES,
    parse_event_types,
    signature,
    signature_header,
    validate_url,
    verify_signature,
)
from tests.webhook_helpers import readme_verifier


def test_all_means_every_event_and_a_list_keeps_the_catalogue_order() -> None:
    assert parse_event_types("all") == list(EVENT_TYPES)
    assert parse_event_types(" billing.recorded, SESSION.ENDED ") == [
        "session.ended",
        "billing.recorded",
    ]


@pytest.mark.parametrize("text", ["", " , ", "session.ended,sessao.fim", "all,ping", "ping"])
def test_an_unknown_or_empty_event_list_is_refused_by_name(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_event_types(text)
    assert "request.created" in refused.value.render("pt-BR")


@pytest.mark.parametrize(
    "url",
    [
        "https://erp.example.com/hooks",
        "https://erp.example.com:8443/hooks?tenant=7",
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://[::1]:9000/hooks",
    ],
)
def test_https_or_a_loopback_address_is_accepted(url: str) -> None:
    assert validate_url(url) == url


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://erp.example.com/hooks", "webhooks.url_https"),
        ("https://user:pass@erp.example.com/hooks", "webhooks.url_credentials"),
        ("https://token@erp.example.com/hooks", "webhooks.url_credentials"),
        ("ftp://erp.example.com/hooks", "webhooks.url_invalid"),
        ("file:///etc/passwd", "webhooks.url_invalid"),
        ("javascript:alert(1)", "webhooks.url_invalid"),
        ("https:///no-host", "webhooks.url_invalid"),
        ("https://erp.example.com:99999/", "webhooks.url_invalid"),
        ("https://erp.example.com/a b", "webhooks.url_invalid"),
        ("https://erp.example.com/\x00", "webhooks.url_invalid"),
        ("https://erp.example.com/" + "a" * 2000, "webhooks.url_invalid"),
        ("", "webhooks.url_invalid"),
    ],
)
def test_a_hostile_or_plain_http_url_is_refused_with_a_reason(url: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_url(url)
    assert refused.value.key == key


def test_plain_http_elsewhere_only_when_the_setting_allows_it() -> None:
    assert validate_url("http://erp.lan/hooks", allow_http=True) == "http://erp.lan/hooks"


def test_the_signature_is_the_hmac_of_timestamp_dot_body_and_the_readme_check_agrees() -> None:
    body = b'{"id":"evt_1","type":"ping"}'
    header = signature_header(["whsec_new", "whsec_old"], 1_764_000_000, body)
    assert header == (
        f"t=1764000000,v1={signature('whsec_new', 1_764_000_000, body)},"
        f"v1={signature('whsec_old', 1_764_000_000, body)}"
    )
    documented = readme_verifier()
    for secret in ("whsec_new", "whsec_old"):
        assert verify_signature(header, body, secret, now=1_764_000_100)
        assert documented(header, body, secret, now=1_764_000_100)
    assert not documented(header, body + b" ", "whsec_new", now=1_764_000_100)
    assert not documented(header, body, "whsec_other", now=1_764_000_100)
    assert not documented(header, body, "whsec_new", now=1_764_000_301)  # too late: a replay
    assert not documented("v1=" + signature("whsec_new", 1, body), body, "whsec_new", now=1)


def test_2xx_is_delivered_and_the_retryable_answers_are_transient() -> None:
    assert _outcome(204, None) == "204"
    for status in (408, 425, 429, 500, 502, 503):
        with pytest.raises(TransientDeliveryError):
            _outcome(status, None)
    for status in (301, 400, 401, 404, 410, 422):
        with pytest.raises(PermanentDeliveryError):
            _outcome(status, None)


def test_retry_after_in_seconds_or_as_a_date_is_capped() -> None:
    now = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    assert _retry_after("120", now) == 120.0
    assert _retry_after("86400", now) == 3600.0
    assert _retry_after("Mon, 23 Nov 2026 13:01:30 GMT", now) == 90.0
    assert _retry_after("soon", now) is None
    assert _retry_after(None, now) is None
