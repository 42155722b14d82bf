"""requirements/: the lock files match pyproject.toml, and a dependency added without re-locking
stops CI (and the bootstrap) with what to run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
LOCKS = ["requirements/runtime.txt", "requirements/dev.txt"]


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/lock_digest.py", "--check", *LOCKS],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _copy(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "lock_digest.py", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def test_the_committed_locks_were_made_from_pyproject_as_it_is() -> None:
    done = _check(ROOT)
    assert done.returncode == 0, done.stderr


def test_every_runtime_pin_is_the_dev_locks_pin_and_every_pin_has_hashes() -> None:
    def pins(name: str) -> dict[str, str]:
        text = (ROOT / name).read_text(encoding="utf-8")
        found = {}
        for block in text.split("\n")[3:]:
            if block and not block.startswith((" ", "#")):
                package, version = block.split(" ")[0].split("==")
                found[package] = version
        assert text.count("==") == len(found)
        return found

    runtime, dev = pins(LOCKS[0]), pins(LOCKS[1])
    assert {"aiohttp", "sqlalchemy", "setuptools", "wheel"} <= set(runtime)
    assert {"pytest", "ruff", "mypy", "uv"} <= set(dev) - set(runtime)
    assert all(dev[package] == version for package, version in runtime.items())
    for name in LOCKS:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert text.count("==") <= text.count("--hash=sha256:")


def test_a_dependency_added_without_relocking_is_refused_saying_what_to_run(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    added = text.replace('    "jinja2>=3.1",\n', '    "jinja2>=3.1",\n    "uvloop",\n')
    assert added != text
    pyproject.write_text(added)
    done = _check(root)
    assert done.returncode == 1
    assert "Stale lock: requirements/runtime.txt" in done.stderr
    assert "run scripts/lock.sh and commit requirements/" in done.stderr


def test_other_edits_of_pyproject_leave_the_locks_fresh(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n[tool.example]\nkey = 1\n")
    assert _check(root).returncode == 0
