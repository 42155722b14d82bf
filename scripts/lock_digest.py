"""The digest of pyproject.toml's dependency lists, recorded in the lock files' headers.

    python3 scripts/lock_digest.py                 # print the digest of pyproject.toml now
    python3 scripts/lock_digest.py --check LOCK... # exit 1, saying what to run, when a lock
                                                   # file was made from other dependency lists

The digest covers what the locks are made from: ``requires-python``, ``dependencies``, every
``optional-dependencies`` list and ``build-system.requires``. Any other edit of pyproject.toml
(the version, tool settings) leaves the locks fresh. Standard library only (Python 3.11+), so
``scripts/bootstrap.sh`` runs it before any virtual environment exists.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

HEADER = "# pyproject-dependencies-sha256: "
ROOT = Path(__file__).resolve().parent.parent


def digest(pyproject: Path) -> str:
    """The SHA-256 of the dependency lists of ``pyproject``, in a canonical JSON form."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    inputs = {
        "requires-python": project.get("requires-python", ""),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "build-system": data.get("build-system", {}).get("requires", []),
    }
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def recorded(lock: Path) -> str | None:
    """The digest written in ``lock``'s header, or None when it has none."""
    if not lock.is_file():
        return None
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(HEADER):
            return line.removeprefix(HEADER).strip()
    return None


def check(pyproject: Path, locks: list[Path]) -> list[str]:
    """What is wrong with ``locks`` against ``pyproject`` (empty when every one is fresh)."""
    now = digest(pyproject)
    problems = []
    for lock in locks:
        found = recorded(lock)
        if found is None:
            problems.append(f"{lock}: missing, or no '{HEADER.strip()}' line in its header")
        elif found != now:
            problems.append(f"{lock}: made from other dependency lists than {pyproject.name}'s")
    return problems


def main(argv: list[str]) -> int:
    """Print the digest, or check lock files (see the module docstring)."""
    pyproject = ROOT / "pyproject.toml"
    if not argv:
        print(digest(pyproject))
        return 0
    if argv[0] != "--check" or len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(pyproject, [Path(name) for name in argv[1:]])
    for problem in problems:
        print(f"Stale lock: {problem}.", file=sys.stderr)
    if problems:
        print(
            "The dependencies in pyproject.toml changed since the lock files were made: run "
            "scripts/lock.sh and commit requirements/.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
