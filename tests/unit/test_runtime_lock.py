"""What the bot imports is what ``./run.sh`` installs: a third-party module imported by the
shipped code (core/, adapters/, bot/, migrations/) must come from a distribution pinned in
``requirements/runtime.txt`` — the dev lock brings more, so the test suite alone would not notice
a module that only a development tool pulls in (as click once was, through import-linter)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("core", "adapters", "bot", "migrations")
OURS = {"core", "adapters", "bot", "migrations", "alembic_env"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> set[str]:
    text = (ROOT / "requirements" / "runtime.txt").read_text(encoding="utf-8")
    return {_canonical(m) for m in re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", text, re.M)}


def _imported_top_levels() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in SHIPPED:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_module_the_bot_imports_is_installed_by_the_runtime_lock() -> None:
    locked = _locked()
    owners = packages_distributions()
    missing = []
    for module, where in sorted(_imported_top_levels().items()):
        if module in OURS or module in sys.stdlib_module_names or module == "__future__":
            continue
        distributions = {_canonical(d) for d in owners.get(module, [])}
        if not distributions & locked:
            missing.append(f"{module} (imported in {where}; from {sorted(distributions)})")
    assert not missing, "not in requirements/runtime.txt: " + "; ".join(missing)
