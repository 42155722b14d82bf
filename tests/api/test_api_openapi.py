"""The OpenAPI document is built from the route table: every route, every schema it names."""

from __future__ import annotations

import json
import re

from adapters.api import ROUTES
from adapters.api.openapi import document


def test_every_route_is_documented_with_its_scope_and_schemas() -> None:
    built = document(ROUTES)
    assert built["openapi"] == "3.1.0"
    assert built["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    operations = {
        (method.upper(), path): operation
        for path, methods in built["paths"].items()
        for method, operation in methods.items()
    }
    assert len(built["paths"]) == 11 and len(operations) == len(ROUTES) == 12
    for route in ROUTES:
        operation = operations[(route.method, route.path)]
        assert operation["security"] == [{"bearer": [route.scope]}]
        assert str(route.status) in operation["responses"]
        assert "401" in operation["responses"] and "403" in operation["responses"]
    text = json.dumps(built)
    for name in set(re.findall(r'"#/components/schemas/([^"]+)"', text)):
        assert name in built["components"]["schemas"], name


def test_request_bodies_forbid_unknown_fields() -> None:
    schemas = document(ROUTES)["components"]["schemas"]
    for name in ("BookingCreate", "BookingCancel", "BookingReschedule"):
        assert schemas[name]["additionalProperties"] is False, name
