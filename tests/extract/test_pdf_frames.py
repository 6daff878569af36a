"""The implied outer border of a ruled table printed without one (``extract.pdf_frames``)."""

from __future__ import annotations

from extract import extract_report
from tests.extract.unseen.measure import score
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build


def test_a_full_width_row_without_outer_border_keeps_the_table_whole() -> None:
    """The "三、本年度办理结果" row spans every column: with no outer border it has no vertical rule at all.

    The rules above and below it still run the table's full width, so the parts above and below are one table
    and the row between them is one of its cells, not a paragraph that cuts the table in two.
    """
    variant = build("s3 result row", 0, "2019")
    result = score(variant, extract_report(render_styled(variant, STYLES["no outer border"])))
    assert not result.errors, result.errors[:8]
