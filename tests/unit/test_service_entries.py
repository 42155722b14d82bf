"""Every core service that opens its own transaction for an inbound delivery is marked ``@entry``.

A repeated delivery (a platform's retry, a double tap) makes ``core.transaction(inbound)`` raise
``RepeatedDelivery``; the mark turns it into a quiet return. A service without the mark would
let a retry surface as an error to the person, so the rule is checked over the whole core.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def _opens_inbound_transaction(function: ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "transaction"
            and (node.args or node.keywords)
        ):
            return True
    return False


def _handles_repeats(function: ast.AsyncFunctionDef) -> bool:
    marked = any(isinstance(d, ast.Name) and d.id == "entry" for d in function.decorator_list)
    caught = any(
        isinstance(node, ast.ExceptHandler)
        and isinstance(node.type, ast.Name)
        and node.type.id == "RepeatedDelivery"
        for node in ast.walk(function)
    )
    return marked or caught


def _services() -> dict[str, ast.Module]:
    return {str(p.relative_to(CORE)): ast.parse(p.read_text()) for p in CORE.rglob("*.py")}


def test_services_opening_a_transaction_for_an_inbound_delivery_handle_its_repeats() -> None:
    unmarked: list[str] = []
    opening = 0
    for name, module in _services().items():
        functions = [n for n in ast.walk(module) if isinstance(n, ast.AsyncFunctionDef)]
        callers = {
            call.func.id
            for f in functions
            if _handles_repeats(f)
            for call in ast.walk(f)
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
        }
        for function in functions:
            if not _opens_inbound_transaction(function):
                continue
            opening += 1
            if not _handles_repeats(function) and function.name not in callers:
                unmarked.append(f"{name}:{function.lineno} {function.name}")
    assert opening > 40, "the scan finds the core's inbound services"
    assert unmarked == [], "services that would surface a repeated delivery as an error"
