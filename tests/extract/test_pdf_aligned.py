"""Tables printed without vertical rules (``extract.pdf_aligned``): columns that hold no number at all."""

from __future__ import annotations

from extract.model import Table
from extract.pdf_tables import read_pdf
from gongkai.metrics import S4_GROUPS, S4_OUTCOMES
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build


def test_a_column_left_all_blank_keeps_its_place_under_its_header() -> None:
    """Blank cells print nothing; the review/litigation row's columns come from the header words above them.

    Each of the fifteen cells sits under its own header: blank ones empty, printed ones with their figure,
    so no number moves into a blank neighbour's column.
    """
    variant = build("blank empty", 0, "2021")
    tables = [b for b in read_pdf(render_styled(variant, STYLES["no rules"])).blocks if isinstance(b, Table)]
    row = tables[-1].rows[-1]
    truth = [variant.truth[(f"s4.{g}.{o}", None)] for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]
    assert None in truth  # the report does leave cells of this row blank
    assert [None if cell == "" else int(cell) for cell in row] == truth
