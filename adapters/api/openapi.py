"""The OpenAPI 3.1 document, built from the route table and the pydantic models' JSON schemas."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from adapters.api.models import Problem
from adapters.api.problems import PROBLEM_TYPE
from adapters.api.routing import Route

REF = "#/components/schemas/{model}"
_ERRORS = {
    400: "Malformed parameter or body.",
    401: "Missing, unknown or revoked token.",
    403: "The token lacks the operation's scope (or the core refuses the actor).",
    404: "Not found.",
    409: "Conflicts with the current state (e.g. the consultant is booked then).",
    413: "Body over 16 KiB.",
    415: "The body is not application/json.",
    422: "Refused: invalid body, or a rule of the service (opening hours, past time...).",
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_TYPE: {"schema": _ref(Problem)}}}


def _operation(route: Route) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        }
        for name in route.path_params
    ]
    parameters += [
        {
            "name": param.name,
            "in": "query",
            "required": param.required,
            "description": param.description,
            "schema": param.kind.schema,
        }
        for param in route.query
    ]
    success: dict[str, Any] = {
        "description": "OK" if route.status == 200 else "Created",
        "content": {"application/json": {"schema": _ref(route.response)}},
    }
    if route.links:
        success["links"] = {
            operation: {"operationId": operation, "parameters": {name: f"$response.body#/{field}"}}
            for operation, (name, field) in route.links.items()
        }
    responses: dict[str, Any] = {str(route.status): success}
    if route.method == "GET":
        success["headers"] = {"ETag": {"schema": {"type": "string"}}}
        responses["304"] = {"description": "Not modified (If-None-Match)."}
    errors = {400, 401, 403, *route.refusals}
    if route.body is not None:
        errors |= {413, 415, 422}
    for status in sorted(errors):
        responses[str(status)] = _problem(_ERRORS[status])
    operation: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "description": f"Scope: `{route.scope}`.",
        "security": [{"bearer": [route.scope]}],
        "parameters": parameters,
        "responses": responses,
    }
    if route.body is not None:
        operation["requestBody"] = {
            "required": route.status == 201,
            "content": {"application/json": {"schema": _ref(route.body)}},
        }
    return operation


def document(routes: tuple[Route, ...]) -> dict[str, Any]:
    """The OpenAPI document of ``routes``."""
    models: list[tuple[type[BaseModel], Any]] = [(Problem, "serialization")]
    for route in routes:
        models.append((route.response, "serialization"))
        if route.body is not None:
            models.append((route.body, "validation"))
    unique = list(dict.fromkeys(models))
    _, schemas = models_json_schema(unique, ref_template=REF)
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consultoria Online API",
            "version": "1",
            "description": "Companies, contacts, sessions, billing records, consents and "
            "bookings. Lists are ordered by id and paged with `limit` and `cursor`; errors are "
            "RFC 9457 problem documents (detail in pt-BR, or English with Accept-Language: en).",
        },
        "paths": paths,
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
