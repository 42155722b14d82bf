"""Tokens on the wire: missing, unknown, revoked (401), a missing scope (403), the language."""

from __future__ import annotations

from core.api_tokens import list_tokens, revoke_token
from tests.api.conftest import ApiWorld


async def test_no_token_is_401_with_a_challenge_and_a_problem_document(api: ApiWorld) -> None:
    reply = await api.call("GET", "/api/v1/companies")
    assert reply.status == 401
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    assert reply.json["status"] == 401 and reply.json["title"] == "Não autenticado"


async def test_an_unknown_token_is_401_in_english_when_asked(api: ApiWorld) -> None:
    reply = await api.call(
        "GET", "/api/v1/companies", token="cso_" + "x" * 43, headers={"Accept-Language": "en"}
    )
    assert reply.status == 401
    assert reply.json["detail"].startswith("Send a valid API token")


async def test_a_revoked_token_is_refused(api: ApiWorld) -> None:
    token = await api.token(("companies:read",))
    assert (await api.call("GET", "/api/v1/companies", token=token)).status == 200
    async with api.world.core.db.uow() as uow:
        stored = await list_tokens(uow)
        await revoke_token(uow, api.world.clock, stored[0].id or 0)
        await uow.commit()
    assert (await api.call("GET", "/api/v1/companies", token=token)).status == 401


async def test_a_token_without_the_scope_is_403(api: ApiWorld) -> None:
    token = await api.token(("billing:read",))
    reply = await api.call("GET", "/api/v1/companies", token=token)
    assert reply.status == 403
    assert "companies:read" in reply.json["detail"]
    assert (await api.call("GET", "/api/v1/billing-records", token=token)).status == 200


async def test_only_the_hash_is_stored_and_the_last_use_is_noted(api: ApiWorld) -> None:
    token = await api.token(("companies:read",))
    await api.call("GET", "/api/v1/companies", token=token)
    async with api.world.core.db.uow() as uow:
        (stored,) = await list_tokens(uow)
    assert token not in (stored.token_sha256, stored.name, stored.scopes)
    assert stored.last_used_at == api.world.clock.now()


async def test_unknown_paths_and_methods_are_problems_not_pages(api: ApiWorld) -> None:
    token = await api.token()
    missing = await api.call("GET", "/api/v1/nothing", token=token)
    assert missing.status == 404 and missing.json["status"] == 404
    wrong = await api.call("DELETE", "/api/v1/companies", token=token)
    assert wrong.status == 405 and "GET" in wrong.headers["Allow"]
