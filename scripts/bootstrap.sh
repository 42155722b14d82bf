# Sourced by run.sh and test.sh: make .venv (Python 3.11+) and install the project into it.
# Usage: bootstrap_venv ""      -> the bot's dependencies
#        bootstrap_venv "[dev]" -> plus the test and lint tools
bootstrap_venv() {
    local extras="$1" marker=".venv/.installed${1:+-dev}" python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2
        return 1
    fi
    if [ -f "$marker" ] && [ "$marker" -nt pyproject.toml ]; then
        return 0
    fi
    echo "Preparing the virtual environment in .venv (first run only)..." >&2
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    local log=.venv/install.log
    if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".${extras}"; } >"$log" 2>&1; then
        echo "Installing the dependencies failed; the last lines of $log:" >&2
        tail -n 20 "$log" >&2
        return 1
    fi
    touch "$marker"
}
