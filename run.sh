#!/usr/bin/env bash
# Runs the bot: creates .venv and the SQLite database on first use, then `consultoria run`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
bootstrap_venv ""
exec .venv/bin/consultoria run "$@"
