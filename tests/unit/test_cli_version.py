"""``consultoria --version`` (and ``-V``): the installed release, as pyproject.toml names it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()
RELEASE = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())["project"][
    "version"
]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_the_version_flag_prints_the_release_and_nothing_else(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"consultoria {RELEASE}\n"


def test_the_installed_script_prints_the_version_without_touching_the_database() -> None:
    script = Path(sys.executable).with_name("consultoria")
    done = subprocess.run(
        [str(script), "--version"],
        capture_output=True,
        text=True,
        check=False,
        env={"CONSULTORIA_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"consultoria {RELEASE}\n"
