"""The committed recap samples (``docs/samples/recap.html`` / ``recap.pdf``) are what a realistic
demo session gives today; ``CONSULTORIA_TEST_WRITE_SAMPLES=1`` writes them again:

    CONSULTORIA_TEST_WRITE_SAMPLES=1 .venv/bin/pytest -q tests/scenarios/test_recap_sample.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from adapters.documents import RecapSource
from core import client
from core.clock import ManualClock
from core.db import Database
from core.intake import handle_text
from core.outbox import Address, Attachment
from core.recaps import RECAP_DOCUMENT
from core.sessions import end_session, relay_from_staff
from tests.scenario import World
from tests.scenarios.guests_helpers import DORA, invitation_code, joins, session_with_client
from tests.scenarios.sessions_helpers import ANA, BRUNO

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
WRITE = os.environ.get("CONSULTORIA_TEST_WRITE_SAMPLES") == "1"


async def _demo_session(world: World) -> int:
    """Ana (Metalúrgica Exemplo) learns to close the month's average cost with Bruno (Custos);
    her colleague Dora joins; 50 minutes, two periods of R$ 90,00."""
    core = world.core
    session_id, thread, _ = await session_with_client(world)
    sheet = Attachment("document", "telegram", "DOC-RAZAO", "razao-estoque-nov.xlsx")
    screen = Attachment("photo", "slack", "https://files.slack/t.png", "tela-fechamento.png")
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    steps: list[tuple[Address | str, str, tuple[Attachment, ...]]] = [
        (
            ANA,
            "Bom dia! Preciso fechar o custo médio de novembro e o relatório está dando "
            "diferença no estoque.",
            (),
        ),
        (ANA, "", (sheet,)),
        (
            BRUNO,
            "Bom dia, Ana! Recebi a planilha. Vamos pela rotina Custos > Fechamento > Custo médio.",
            (),
        ),
        (BRUNO, "// verificar se a empresa tem o módulo de rateio contratado", ()),
        (
            BRUNO,
            "Veja na tela: o período precisa ser de 01/11 a 30/11, pela data de entrada.",
            (screen,),
        ),
        (ANA, "Achei! Eu estava usando a data de emissão em vez da data de entrada.", ()),
        (DORA, "Eu cuido do estoque: as notas de devolução entram nesse cálculo?", ()),
        (
            BRUNO,
            "Entram, sim, como entrada com valor negativo. Depois do recálculo, confira o "
            "relatório de divergências.",
            (),
        ),
        (ANA, "Perfeito, fechou certinho. Obrigada pela ajuda!", ()),
    ]
    for who, text, files in steps:
        world.advance(minutes=5)
        if isinstance(who, Address):
            await handle_text(core, who, text, attachments=files)
        else:
            await relay_from_staff(core, thread, who, text, list(files))
    world.advance(minutes=5)
    await end_session(core, session_id, by=BRUNO)
    await world.deliver()
    answer = await client.press(
        core, ANA, f"recap:{session_id}", language="pt-BR", inbound=("demo", "recap")
    )
    assert answer.done, answer.notice
    return session_id


async def test_the_committed_samples_match_a_demo_session(db: Database, clock: ManualClock) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the samples come from one engine")
    world = World.build(db, clock)
    session_id = await _demo_session(world)
    source = RecapSource(db, clock, world.core.config)
    html = await source.fetch(Attachment("document", RECAP_DOCUMENT, f"{session_id}:html"))
    pdf = await source.fetch(Attachment("document", RECAP_DOCUMENT, f"{session_id}:pdf"))
    if WRITE:
        SAMPLES.mkdir(parents=True, exist_ok=True)
        (SAMPLES / "recap.html").write_bytes(html.data)
        (SAMPLES / "recap.pdf").write_bytes(pdf.data)
    assert (SAMPLES / "recap.html").read_bytes() == html.data, "regenerate the samples"
    committed = PdfReader(io.BytesIO((SAMPLES / "recap.pdf").read_bytes()))
    fresh = PdfReader(io.BytesIO(pdf.data))
    text = "\n".join(page.extract_text() for page in fresh.pages)
    assert text == "\n".join(page.extract_text() for page in committed.pages)
    assert "verificar se a empresa" not in text and "razao-estoque-nov.xlsx" in text
