"""What the fuzz targets share: instrumentation when atheris runs them, bytes -> text."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from typing import Protocol

Target = Callable[[bytes], None]
INSTRUMENT = ("core", "adapters", "bot")
"""The project's packages: atheris records coverage in their code only."""


class TargetModule(Protocol):
    """A fuzz target module: the entry point, seed inputs and dictionary tokens."""

    SEEDS: tuple[bytes, ...]
    TOKENS: tuple[bytes, ...]

    def TestOneInput(self, data: bytes) -> None:  # noqa: N802 - atheris's name
        """Feed one input to the parser; raise only for a crash."""


def atheris_available() -> bool:
    """Whether atheris (and so libFuzzer) can be imported here."""
    return importlib.util.find_spec("atheris") is not None


@contextlib.contextmanager
def instrumented() -> Iterator[None]:
    """Import the parsers with atheris's coverage instrumentation when atheris runs this process
    (``fuzz.run`` sets ``CONSULTORIA_FUZZ_ENGINE=atheris`` for its child processes)."""
    if os.environ.get("CONSULTORIA_FUZZ_ENGINE") != "atheris":
        yield
        return
    atheris = importlib.import_module("atheris")  # no type stubs: imported by name
    with atheris.instrument_imports(include=list(INSTRUMENT)):
        yield


def text_of(data: bytes) -> str:
    """The input as text: UTF-8, else with the undecodable bytes kept as lone surrogates (a
    JSON ``"\\ud800"`` escape reaches Python the same way)."""
    return data.decode("utf-8", errors="surrogateescape")


def no_project_environment() -> None:
    """Forget every ``CONSULTORIA_*`` variable, so settings come from the input alone."""
    for name in [n for n in os.environ if n.startswith("CONSULTORIA_")]:
        del os.environ[name]


def fuzz_main(test_one_input: Target) -> None:
    """Run ``test_one_input`` under atheris with libFuzzer's command line (``python -m
    fuzz.<target> -max_total_time=20 corpus/``)."""
    atheris = importlib.import_module("atheris")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
