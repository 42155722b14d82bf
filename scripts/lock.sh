#!/usr/bin/env bash
# Makes the lock files from pyproject.toml: every dependency pinned, with its hashes, for
# CPython 3.11 on Linux x86_64 (what run.sh, test.sh and CI install with pip --require-hashes).
#
#   scripts/lock.sh                          # after editing pyproject.toml's dependencies:
#                                            # adds/removes what changed, keeps the other pins
#   scripts/lock.sh --upgrade                # every dependency to its newest allowed release
#   scripts/lock.sh --upgrade-package NAME   # one dependency (repeatable)
#
# Writes requirements/dev.txt (runtime + dev extras + the build backend) and
# requirements/runtime.txt (runtime + the build backend, the same versions as dev.txt). Each
# header records the digest of pyproject.toml's dependency lists (scripts/lock_digest.py), which
# CI and the bootstrap compare to tell a stale lock. Needs PyPI; uses uv (the dev extras
# install it into .venv; otherwise a throwaway copy is installed for this run). Commit
# requirements/ afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

uv="${UV:-}"
if [ -z "$uv" ] && [ -x .venv/bin/uv ]; then uv=.venv/bin/uv; fi
if [ -z "$uv" ]; then
    echo "Installing uv into a temporary environment for this run..." >&2
    "$python" -m venv "$work/uv" && "$work/uv/bin/python" -m pip install -q uv >&2
    uv="$work/uv/bin/uv"
fi

# The build backend (pyproject's [build-system].requires) is locked too: the project itself is
# installed with --no-build-isolation from these pins.
"$python" -c 'import sys, tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))' \
    >"$work/build.in"
digest="$("$python" scripts/lock_digest.py)"
mkdir -p requirements

compile() { # compile OUTPUT [uv pip compile arguments...]
    local output="$1"
    shift
    "$uv" pip compile pyproject.toml "$work/build.in" \
        --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
        --generate-hashes --no-header --quiet --output-file "$output" "$@"
    {
        echo "# Locked by scripts/lock.sh from pyproject.toml (CPython 3.11, Linux x86_64): do not edit."
        echo "# Install: pip install --require-hashes -r $output && pip install --no-deps --no-build-isolation -e ."
        echo "# pyproject-dependencies-sha256: $digest"
        grep -v '^# pyproject-dependencies-sha256: \|^# Locked by \|^# Install: ' "$output"
    } >"$work/out"
    # `via` notes name the temporary build.in file: name what it stands for.
    sed "s|$work/build.in|pyproject.toml [build-system]|" "$work/out" >"$output"
}

compile requirements/dev.txt --extra dev "$@"
compile requirements/runtime.txt --constraint requirements/dev.txt "$@"
"$python" scripts/lock_digest.py --check requirements/runtime.txt requirements/dev.txt
echo "Locked: requirements/runtime.txt ($(grep -c '==' requirements/runtime.txt) packages)," \
    "requirements/dev.txt ($(grep -c '==' requirements/dev.txt) packages)." >&2
