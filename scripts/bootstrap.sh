# Sourced by run.sh and test.sh: make .venv (Python 3.11+) and install the project into it from
# the lock files (requirements/, made by scripts/lock.sh): every dependency at its pinned version,
# checked against its recorded hashes, then the project itself (editable, without dependencies).
# Usage: bootstrap_venv ""      -> the bot's dependencies       (requirements/runtime.txt)
#        bootstrap_venv "[dev]" -> plus the test and lint tools (requirements/dev.txt)
# Run as a script (scripts/bootstrap.sh [dev]) it only installs, e.g. on a server before the
# systemd unit starts .venv/bin/consultoria (deploy/systemd/).
bootstrap_venv() {
    local extras="$1" marker=".venv/.installed${1:+-dev}" python="${PYTHON:-python3}"
    local lock=requirements/runtime.txt
    [ -z "$extras" ] || lock=requirements/dev.txt
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2
        return 1
    fi
    if ! "$python" scripts/lock_digest.py --check "$lock"; then
        return 1
    fi
    if [ -f "$marker" ] && [ "$marker" -nt "$lock" ] && [ "$marker" -nt pyproject.toml ]; then
        return 0
    fi
    echo "Preparing the virtual environment in .venv from $lock (first run only)..." >&2
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    local log=.venv/install.log
    if ! {
        .venv/bin/python -m pip install --require-hashes --no-deps -r "$lock" &&
            .venv/bin/python -m pip install --no-deps --no-build-isolation -e .
    } >"$log" 2>&1; then
        echo "Installing the dependencies failed; the last lines of $log:" >&2
        tail -n 20 "$log" >&2
        return 1
    fi
    touch "$marker"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cd "$(dirname "$0")/.."
    bootstrap_venv "${1:+[$1]}"
    echo "Installed: $(.venv/bin/consultoria --version) in $(pwd)/.venv" >&2
fi
