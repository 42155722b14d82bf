#!/usr/bin/env bash
# Runs the whole test suite, plus ruff, mypy and the import contracts (pyproject.toml, [tool.importlinter]). Creates .venv with the dev tools on first use.
# PostgreSQL tests use CONSULTORIA_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test)
# and are skipped when no server answers, unless CONSULTORIA_REQUIRE_POSTGRES=1 (as in CI).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
bootstrap_venv "[dev]"
echo "== ruff" && .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy" && .venv/bin/mypy
echo "== import contracts" && .venv/bin/lint-imports --no-cache
echo "== pytest" && exec .venv/bin/pytest "$@"
