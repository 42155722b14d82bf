"""RFC 9457 problem documents: every refusal of the API, detail in pt-BR or English."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from core.errors import BusinessError, Conflict, Forbidden, NotFound
from core.messages import t

PROBLEM_TYPE = "application/problem+json"
REALM = 'Bearer realm="consultoria-api"'


class Key(str):
    """A parameter of a problem that is itself a catalogue key (translated with the detail)."""

    __slots__ = ()


class Problem(Exception):
    """A refusal to answer as a problem document (``key``: its ``type`` and detail text)."""

    def __init__(
        self, status: int, key: str, headers: dict[str, str] | None = None, **params: Any
    ) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params
        self.headers = headers or {}

    def detail(self, language: str) -> str:
        """The detail text in ``language``."""
        params = {
            name: t(value, language) if isinstance(value, Key) else value
            for name, value in self.params.items()
        }
        return t(self.key, language, **params)


def language_of(request: web.Request) -> str:
    """English when ``Accept-Language`` starts with ``en``, else pt-BR."""
    accepted = request.headers.get("Accept-Language", "").strip().lower()
    return "en" if accepted.startswith("en") else "pt-BR"


def problem_response(
    status: int, key: str, detail: str, language: str, headers: dict[str, str] | None = None
) -> web.Response:
    """A problem document: ``type`` names the refusal (``urn:consultoria:problem:<key>``)."""
    body = {
        "type": f"urn:consultoria:problem:{key}",
        "title": t(f"api.title.{status}", language),
        "status": status,
        "detail": detail,
    }
    response = web.Response(
        status=status, body=json.dumps(body).encode(), content_type=PROBLEM_TYPE, charset="utf-8"
    )
    response.headers.update(headers or {})
    if status == 401:
        response.headers["WWW-Authenticate"] = REALM
    return response


def from_problem(problem: Problem, language: str) -> web.Response:
    """The response of a raised :class:`Problem`."""
    return problem_response(
        problem.status, problem.key, problem.detail(language), language, problem.headers
    )


def from_business(error: BusinessError, language: str) -> web.Response:
    """A core refusal: 404 not found, 403 forbidden, 409 conflict, 422 anything else."""
    if isinstance(error, NotFound):
        status = 404
    elif isinstance(error, Forbidden):
        status = 403
    elif isinstance(error, Conflict):
        status = 409
    else:
        status = 422
    return problem_response(status, error.key, error.render(language), language)
