"""The committed renditions are exactly what the generator makes from the seeds today."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from extract.model import Table

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _generator():
    spec = importlib.util.spec_from_file_location("fixtures_generate", FIXTURES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _generator()


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_regenerating_gives_the_committed_bytes(generator, tmp_path, fmt):
    written = generator.generate(tmp_path, (fmt,))
    assert len(written) == 5
    for path in written:
        assert path.read_bytes() == (FIXTURES / "renditions" / path.name).read_bytes(), path.name


def test_regenerating_the_pdfs_gives_the_committed_bytes(generator, tmp_path):
    from render_pdf import FONT_FILE

    if not FONT_FILE.exists():
        pytest.skip(f"{FONT_FILE} missing: apt-get install fonts-wqy-zenhei")
    for path in generator.generate(tmp_path, ("pdf",)):
        committed = FIXTURES / "renditions" / path.name
        assert path.read_bytes() == committed.read_bytes(), path.name
        assert committed.stat().st_size < 300_000


def test_every_seed_has_all_four_renditions():
    names = {p.name for p in (FIXTURES / "renditions").iterdir()}
    seeds = sorted(p.stem for p in (FIXTURES / "seeds").glob("*.txt"))
    assert seeds == ["000", "001", "002", "003", "004"]
    assert names == {f"{s}.{ext}" for s in seeds for ext in ("html", "docx", "pdf", "doc")}


def _squash(text: str) -> str:
    return "".join(text.split())


def _seed_cells(stem: str) -> Counter:
    from extract.text_tables import read_text

    doc = read_text((FIXTURES / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"))
    return Counter(_squash(c) for t in doc.blocks if isinstance(t, Table) for row in t.rows for c in row if c.strip())


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_html_and_docx_tables_hold_exactly_the_seed_cells(generator, stem):
    """Neither more nor less than the text: every non-empty text cell once, nothing else."""
    import lxml.html
    from docx import Document
    from docx.oxml.ns import qn

    expected = _seed_cells(stem)
    raw = (FIXTURES / "renditions" / f"{stem}.html").read_bytes()
    page = lxml.html.fromstring(raw.decode(generator.CHARSETS[stem] or "gbk"))
    html_cells = Counter(_squash(td.text_content()) for td in page.iter("td"))
    del html_cells[""]
    assert html_cells == expected

    docx_cells: Counter = Counter()
    for table in Document(str(FIXTURES / "renditions" / f"{stem}.docx")).tables:
        for tc in table._tbl.iter(qn("w:tc")):
            if tc.vMerge != "continue":
                docx_cells[_squash("".join(t.text or "" for t in tc.iter(qn("w:t"))))] += 1
    del docx_cells[""]
    assert docx_cells == expected
