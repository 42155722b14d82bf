"""The web channel's inbound entry points: whatever a browser (or a forger) sends — JSON bodies,
raw bodies, button action ids, sign-in forms, staff forms and ids in paths and queries — the
answer is a clear refusal (a 4xx, or ``{"ok": false}``), never a 500 nor an ERROR log line, and a
refusal stores nothing in the important tables."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import col, select
from yarl import URL

from adapters.web.client.identity import CLIENT_COOKIE, WebClient
from core import intake
from core.client import ROUTES
from core.models import WebMessage
from core.outbox import Address
from tests.properties.support import (
    examples,
    huge_ints,
    json_values,
    mangled_ids,
    nasty_text,
    no_errors,
    row_counts,
    surrogate_text,
)
from tests.web.client.helpers import message_id
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import StaffBrowser, given_account, staff_browser
from tests.web.helpers import given_company

CHAT_POSTS = ("/chat/start", "/chat/send", "/chat/action", "/chat/name", "/chat/language")
REFUSED = {400, 403, 404, 405, 409, 413, 415, 422, 429}


def address_of(browser: Browser) -> Address:
    """The chat address of a browser (from its identity cookie)."""
    for cookie in browser.http.cookie_jar:
        if cookie.key == CLIENT_COOKIE:
            return WebClient(cookie.value).address
    raise AssertionError("the browser has no identity cookie")


async def queued_browser(web: WebWorld) -> Browser:
    """A browser linked to a company whose client waits in the queue (a request with an id)."""
    company = await given_company(web)
    browser = await web.browser()
    status, answer = await browser.post(
        "/chat/start", {"code": company.access_code, "name": "Ana", "message_id": message_id()}
    )
    assert status == 200 and answer["linked"], answer
    address = address_of(browser)
    await intake.begin_consulting(web.core, address)
    await web.deliver()
    async with web.core.db.uow() as uow:
        rows = await uow.session.exec(
            select(WebMessage)
            .where(WebMessage.address == address.id)
            .order_by(col(WebMessage.id).desc())
        )
        actions = [
            str(c.get("action", "")) for row in rows.all() for c in row.payload.get("choices", ())
        ]
    request_id = int(next(a for a in actions if a.startswith("area:")).split(":")[1])
    await intake.choose_area(web.core, address, request_id, 0)
    await intake.handle_text(web.core, address, "Como fechar o custo do mês?")
    await intake.accept_terms(web.core, address, request_id)
    await web.deliver()
    return browser


async def refused_or_done(
    web: WebWorld,
    caplog: pytest.LogCaptureFixture,
    what: Any,
    status: int,
    answer: Any,
    before: dict[str, int],
) -> None:
    """Never a 500 or an error log; a refusal (a 4xx or ``ok: false``) stored nothing."""
    assert status < 500, (what, status, answer)
    no_errors(caplog, what)
    refused = status in REFUSED or (isinstance(answer, dict) and answer.get("ok") is False)
    assert status in REFUSED | {200}, (what, status, answer)
    if refused:
        assert await row_counts(web.core.db) == before, what


async def post_raw(
    browser: Browser, path: str, data: bytes, content_type: str, csrf: bool = True
) -> tuple[int, Any]:
    headers = {"Content-Type": content_type, "Accept": "application/json"}
    if csrf:
        headers["X-CSRF-Token"] = browser.csrf
    async with browser.http.post(browser.base_url + path, data=data, headers=headers) as response:
        body = await response.read()
        return response.status, body[:300]


# -- the client chat ------------------------------------------------------------------------------

action_bodies = st.fixed_dictionaries(
    {"action": st.one_of(mangled_ids(tuple(ROUTES)), nasty_text, json_values)},
    optional={"ref": json_values, "message_id": st.one_of(nasty_text, json_values)},
)


@pytest.fixture
def memo() -> dict[str, Any]:
    """Set-up done once per test and shared by its examples (hypothesis reuses the fixture)."""
    return {}


async def queued(web: WebWorld, memo: dict[str, Any]) -> Browser:
    if "queued" not in memo:
        memo["queued"] = await queued_browser(web)
    browser: Browser = memo["queued"]
    return browser


@examples(80)
@given(body=action_bodies)
async def test_a_forged_button_is_expired_never_an_error(
    web: WebWorld, memo: dict[str, Any], caplog: pytest.LogCaptureFixture, body: dict[str, Any]
) -> None:
    browser = await queued(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    status, answer = await browser.post("/chat/action", body)
    await refused_or_done(web, caplog, body, status, answer, before)


@examples(80)
@given(path=st.sampled_from(CHAT_POSTS), body=json_values)
async def test_any_json_body_gets_an_answer_never_an_error(
    web: WebWorld, memo: dict[str, Any], caplog: pytest.LogCaptureFixture, path: str, body: Any
) -> None:
    browser = await queued(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    status, answer = await browser.post(path, body)
    await refused_or_done(web, caplog, (path, body), status, answer, before)


field_values = st.one_of(nasty_text, surrogate_text, json_values)


@examples(80)
@given(
    path=st.sampled_from(CHAT_POSTS),
    body=st.fixed_dictionaries(
        {},
        optional={
            "code": field_values,
            "text": field_values,
            "name": field_values,
            "language": field_values,
            "action": field_values,
            "message_id": field_values,
        },
    ),
)
async def test_hostile_fields_get_an_answer_never_an_error(
    web: WebWorld,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    path: str,
    body: dict[str, Any],
) -> None:
    browser = await queued(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    status, answer = await browser.post(path, body)
    await refused_or_done(web, caplog, (path, body), status, answer, before)


content_types = st.one_of(
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=latin-1",
            "text/plain",
            "multipart/form-data; boundary=XyZ",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "",
        ]
    ),
    nasty_text.filter(lambda t: t.isascii() and t.isprintable()),
)


@examples(60)
@given(
    path=st.sampled_from((*CHAT_POSTS, "/chat/upload")),
    data=st.one_of(st.binary(max_size=300), nasty_text.map(lambda t: t.encode())),
    content_type=content_types,
)
async def test_a_raw_body_gets_an_answer_never_an_error(
    web: WebWorld,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    path: str,
    data: bytes,
    content_type: str,
) -> None:
    browser = await queued(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    status, _ = await post_raw(browser, path, data, content_type)
    await refused_or_done(web, caplog, (path, data, content_type), status, None, before)


# -- sign-in and the staff pages ---------------------------------------------------------------


async def admin_browser(web: WebWorld, memo: dict[str, Any]) -> StaffBrowser:
    """A signed-in admin who is also manager and secretary (every staff page is open to them)."""
    if "admin" not in memo:
        await given_company(web)
        await given_account(web, "gerente", roles=("admin", "manager", "secretary"))
        browser = await staff_browser(web)
        assert await browser.sign_in("gerente") == 200
        memo["admin"] = browser
    admin: StaffBrowser = memo["admin"]
    return admin


@examples(50)
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            "login": nasty_text,
            "password": nasty_text,
            "next": st.one_of(nasty_text, st.sampled_from(["//x", "/\t/x", "https://e.x/"])),
            "csrf_token": nasty_text,
        },
    )
)
async def test_a_sign_in_form_gets_an_answer_never_an_error(
    web: WebWorld, caplog: pytest.LogCaptureFixture, form: dict[str, str]
) -> None:
    browser = await staff_browser(web)
    await browser.get("/login")
    caplog.clear()
    before = await row_counts(web.core.db)
    async with browser.http.post(
        web.base_url + "/login", data=form, allow_redirects=False
    ) as response:
        status = response.status
        location = response.headers.get("Location", "")
    assert status in REFUSED | {200, 303}, (form, status)
    assert not location.startswith("//") and "://" not in location, location
    no_errors(caplog, form)
    assert await row_counts(web.core.db) == before


STAFF_GETS = (
    "/dashboard/billing.csv?company={}",
    "/dashboard/billing?month={}",
    "/dashboard/billing.csv?month={}&company={}",
    "/dashboard?week={}",
    "/dashboard/reports?from={}&to={}",
    "/dashboard/reports/{}.csv?month={}",
    "/dashboard/contacts?q={}",
    "/dashboard/contacts/{}",
    "/dashboard/contacts/{}/export.json",
    "/dashboard/contacts/{}/erase",
    "/console/session/{}",
    "/console/session/{}/replies?q={}",
    "/console/session/{}/replies?format=html&q={}",
    "/dashboard/replies/{}",
    "/console/bookings?day={}",
    "/console/agendar?company={}",
    "/console/{}",
)
STAFF_POSTS = (
    "/console/agendar",
    "/console/action",
    "/console/status",
    "/console/bookings/{}/move",
    "/console/bookings/{}/cancel",
    "/console/links/{}",
    "/console/session/{}/send",
    "/console/session/{}/specialist",
    "/console/session/{}/transfer",
    "/console/session/{}/onsite",
    "/console/session/{}/medium",
    "/dashboard/contacts/{}/erase",
)
REPLY_POSTS = (
    "/dashboard/replies",
    "/dashboard/replies/{}",
    "/dashboard/replies/{}/active",
    "/dashboard/replies/{}/delete",
)
id_texts = st.one_of(huge_ints.map(str), nasty_text)
form_fields = st.dictionaries(
    st.sampled_from(
        [
            "action",
            "status",
            "company",
            "contact",
            "day",
            "time",
            "date",
            "duration",
            "medium",
            "area",
            "consultant",
            "text",
            "reason",
            "alternative",
            "month",
            "week",
            "q",
            "detail",
            "title",
            "language",
        ]
    ),
    st.one_of(id_texts, st.sampled_from(["", "1", "24/11/2026", "10:00", "claim:1"])),
    max_size=6,
)


def filled(template: str, values: list[str]) -> URL:
    parts = iter(values)
    path = template.replace("{}", "%s") % tuple(
        quote(next(parts), safe="") for _ in range(template.count("{}"))
    )
    return URL(path, encoded=True)


@examples(80)
@given(
    template=st.sampled_from(STAFF_GETS),
    values=st.lists(id_texts, min_size=2, max_size=2),
)
async def test_staff_pages_refuse_forged_ids_and_queries(
    web: WebWorld,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    template: str,
    values: list[str],
) -> None:
    admin = await admin_browser(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    url = URL(web.base_url).join(filled(template, values))
    async with admin.http.get(url, allow_redirects=False) as response:
        status = response.status
        await response.read()
    assert status in REFUSED | {200, 302, 303}, (str(url), status)
    no_errors(caplog, str(url))
    assert await row_counts(web.core.db) == before


@examples(80)
@given(
    template=st.sampled_from((*STAFF_POSTS, *REPLY_POSTS)),
    value=id_texts,
    form=form_fields,
)
async def test_staff_forms_refuse_forged_fields(
    web: WebWorld,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    template: str,
    value: str,
    form: dict[str, str],
) -> None:
    admin = await admin_browser(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    url = URL(web.base_url).join(filled(template, [value]))
    data = {**form, "csrf_token": admin.csrf}
    async with admin.http.post(url, data=data, allow_redirects=False) as response:
        status = response.status
        await response.read()
    assert status in REFUSED | {200, 302, 303}, (str(url), form, status)
    no_errors(caplog, (str(url), form))
    if status in REFUSED:
        assert await row_counts(web.core.db) == before


raw_forms = st.lists(
    st.one_of(
        st.binary(max_size=40),
        st.sampled_from(
            [b"%ED%A0%80", b"%FF%FE", b"text=%C3", b"csrf_token=", b"&&&", b"==", b"%", b"+"]
        ),
    ),
    max_size=5,
).map(b"&".join)


@examples(60)
@given(template=st.sampled_from((*STAFF_POSTS, "/login")), value=id_texts, data=raw_forms)
async def test_staff_forms_refuse_undecodable_bodies(
    web: WebWorld,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    template: str,
    value: str,
    data: bytes,
) -> None:
    admin = await admin_browser(web, memo)
    caplog.clear()
    before = await row_counts(web.core.db)
    url = URL(web.base_url).join(filled(template, [value]))
    body = data + b"&csrf_token=" + admin.csrf.encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with admin.http.post(url, data=body, headers=headers, allow_redirects=False) as response:
        status = response.status
        await response.read()
    assert status in REFUSED | {200, 302, 303}, (str(url), data, status)
    no_errors(caplog, (str(url), data))
    if status in REFUSED:
        assert await row_counts(web.core.db) == before
