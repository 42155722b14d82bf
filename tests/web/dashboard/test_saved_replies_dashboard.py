"""Saved replies in the dashboard over real HTTP: managers only, CSRF, validation, preview."""

from __future__ import annotations

import re

from sqlmodel import select

from core.models import SavedReply
from tests.web.conftest import WebWorld
from tests.web.dashboard.helpers import get, post_form, signed_in

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def _stored(web: WebWorld) -> list[SavedReply]:
    async with web.core.db.uow() as uow:
        return list((await uow.session.exec(select(SavedReply))).all())


def _token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found is not None
    return found.group(1)


async def test_a_manager_creates_edits_deactivates_and_deletes_a_reply(web: WebWorld) -> None:
    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, "/dashboard/replies")
    assert status == 200
    assert 'href="/dashboard/replies" class="active"' in html
    assert "Nenhuma resposta salva ainda." in html and "{primeiro_nome}" in html
    token = _token(html)

    form = {
        "csrf_token": token,
        "title": "Boas-vindas",
        "text": "Olá, {primeiro_nome}! Aqui é {consultor}, da equipe. <b>x</b>",
        "language": "pt-BR",
        "action": "save",
    }
    status, _, location = await post_form(manager, "/dashboard/replies", form)
    assert status == 303
    (reply,) = await _stored(web)
    assert location == f"/dashboard/replies/{reply.id}?done=saved"
    assert (reply.title, reply.language, reply.active, reply.created_by) == (
        "Boas-vindas",
        "pt-BR",
        True,
        "web:gerente",
    )
    status, html, _ = await get(manager, location)
    assert status == 200 and "Resposta salva." in html
    assert "Olá, Maria! Aqui é Gerente, da equipe. &lt;b&gt;x&lt;/b&gt;" in html  # the preview
    assert "<b>x</b>" not in html

    form |= {"title": "Boas-vindas (nova)", "text": "Bom dia, {cliente}."}
    status, _, location = await post_form(manager, f"/dashboard/replies/{reply.id}", form)
    assert status == 303
    (reply,) = await _stored(web)
    assert (reply.title, reply.text) == ("Boas-vindas (nova)", "Bom dia, {cliente}.")

    path = f"/dashboard/replies/{reply.id}/active"
    status, _, _ = await post_form(manager, path, {"csrf_token": token, "active": "0"})
    assert status == 303
    assert [r.active for r in await _stored(web)] == [False]
    _, html, _ = await get(manager, "/dashboard/replies")
    assert "Desativada" in html and "Reativar" in html

    path = f"/dashboard/replies/{reply.id}/delete"
    status, _, location = await post_form(manager, path, {"csrf_token": "forged"})
    assert status == 403 and len(await _stored(web)) == 1
    status, _, location = await post_form(manager, path, {"csrf_token": token})
    assert (status, location) == (303, "/dashboard/replies?done=deleted")
    assert await _stored(web) == []
    status, _, _ = await get(manager, f"/dashboard/replies/{reply.id}")
    assert status == 404


async def test_a_bad_reply_comes_back_with_the_reason_and_nothing_is_stored(
    web: WebWorld,
) -> None:
    manager = await signed_in(web, "gerente", roles=("manager",))
    _, html, _ = await get(manager, "/dashboard/replies")
    token = _token(html)
    cases = [
        ({"title": "Oi", "text": "Olá, {nome}!"}, "Campo desconhecido no texto: {nome}."),
        ({"title": "Oi", "text": "Olá, {cliente"}, "sem par"),
        ({"title": "", "text": "Olá"}, "Dê um título à resposta."),
        ({"title": "x" * 81, "text": "Olá"}, "no máximo 80 caracteres"),
        ({"title": "Oi", "text": "x" * 4001}, "no máximo 4000 caracteres"),
        ({"title": "Oi", "text": "Olá", "language": "xx"}, "Idioma desconhecido"),
    ]
    for fields, reason in cases:
        form = {"csrf_token": token, "language": "pt-BR", "action": "save"} | fields
        status, html, _ = await post_form(manager, "/dashboard/replies", form)
        assert status == 422, fields
        assert reason in html, (fields, html)
        assert 'value="Oi"' in html or not fields["title"] or len(fields["title"]) > 80
    assert await _stored(web) == []

    form = {"csrf_token": "forged", "title": "Oi", "text": "Olá", "language": "pt-BR"}
    status, _, _ = await post_form(manager, "/dashboard/replies", form)
    assert status == 403 and await _stored(web) == []

    preview = {"csrf_token": token, "title": "Oi", "text": "Olá, {cliente}!", "action": "preview"}
    status, html, _ = await post_form(manager, "/dashboard/replies", preview | {"language": "en"})
    assert status == 200 and "Olá, Mary!" in html and await _stored(web) == []


async def test_only_managers_and_admins_reach_the_replies(web: WebWorld) -> None:
    secretary = await signed_in(web, "sara", roles=("secretary",))
    status, _, _ = await get(secretary, "/dashboard/replies")
    assert status == 403
    status, _, _ = await post_form(
        secretary,
        "/dashboard/replies",
        {"title": "Oi", "text": "Olá", "language": "pt-BR", "csrf_token": "x"},
    )
    assert status == 403 and await _stored(web) == []
    admin = await signed_in(web, "root", roles=("admin",))
    assert (await get(admin, "/dashboard/replies"))[0] == 200


async def test_an_english_speaking_manager_reads_the_page_in_english(web: WebWorld) -> None:
    manager = await signed_in(web, "boss", roles=("manager",), language="en")
    _, html, _ = await get(manager, "/dashboard/replies")
    assert "Saved replies" in html and "No saved replies yet." in html
    form = {"csrf_token": _token(html), "title": "Hi", "text": "Hi {nome}", "language": "en"}
    status, html, _ = await post_form(manager, "/dashboard/replies", form | {"action": "save"})
    assert status == 422 and "Unknown field in the text: {nome}." in html
