"""Unseen reports written the ways real Word producers write DOCX (``docx_styles.py``), read cell by cell.

Every style writes the baseline report and a mixed-perturbation one, in
alternating formats; each must give back every cell the generator printed,
invent none, and name its agency, year and format. Styles that keep the
merges must also read to the very grid python-docx's own file reads to.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest

from extract import extract_report
from extract.docx_tables import read_docx
from extract.model import Table
from tests.extract.unseen.docx_styles import DOCUMENT, STYLES, render_styled
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import build, render

SAME_GRID = ("legacy hmerge", "split runs", "content controls", "layout table, text box title", "wps export")


def _tables(data: bytes) -> list[list[list[str]]]:
    return [b.rows for b in read_docx(data).blocks if isinstance(b, Table)]


def _format(style: str, report: str) -> str:
    return "2021" if (len(style) + len(report)) % 2 else "2019"


@cache
def _styled(style: str, report: str) -> bytes:
    """Rendered once per module run: writing a DOCX costs more than reading it."""
    return render_styled(build(report, 1, _format(style, report)), STYLES[style])[0]


@pytest.mark.parametrize("report", ["mixed", "baseline"])
@pytest.mark.parametrize("style", list(STYLES))
def test_every_cell_of_a_report_written_in_style(style: str, report: str) -> None:
    variant = build(report, 1, _format(style, report))
    result = score(variant, extract_report(_styled(style, report)))
    assert not result.errors, result.errors[:8]


@pytest.mark.parametrize("style", SAME_GRID)
def test_styles_that_keep_the_merges_read_to_the_same_grid(style: str) -> None:
    """A cell merged both ways in legacy w:hMerge form (the section 三 header corner) still spans its rows."""
    plain = render(build("baseline", 1, _format(style, "baseline")), "docx")
    assert _tables(_styled(style, "baseline")) == _tables(plain)


def test_review_table_without_merges_and_blank_values() -> None:
    variant = build("blank empty", 0, "2019")
    data, _ = render_styled(variant, STYLES["padded, no merges"])
    result = score(variant, extract_report(data))
    assert not result.errors, result.errors[:8]


def test_the_styles_really_write_what_they_claim() -> None:
    """Guards the generator: each hazard is in the bytes, so a pass above means it was read through."""

    def xml(style: str) -> str:
        with zipfile.ZipFile(io.BytesIO(_styled(style, "baseline"))) as z:
            return z.read(DOCUMENT).decode()

    legacy = xml("legacy hmerge")
    assert '<w:hMerge w:val="restart"/>' in legacy and "<w:hMerge/>" in legacy and "w:gridSpan" not in legacy
    padded = xml("padded, grid before")
    assert "w:gridBefore" in padded and "w:gridSpan" not in padded and "w:vMerge" not in padded
    assert all(mark in xml("split runs") for mark in ("<w:proofErr", "<w:bookmarkStart"))
    assert "<w:sdtContent><w:tr" in xml("content controls")
    boxed = xml("layout table, text box title")
    assert boxed.count("<w:txbxContent>") == 2 and "<w:tc><w:tcPr/><w:p>" in boxed
