"""Unseen reports drawn the ways real government PDFs draw tables (``pdf_styles.py``), read cell by cell.

Each style is rendered once per module; a report must give back every cell
the generator printed, invent none, and name its agency, year and format.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract import extract_report
from extract.model import Paragraph, UnreadableDocument
from extract.pdf_tables import read_pdf
from extract.pdf_text import unspace
from tests.extract.unseen.measure import score
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build

READ_EXACTLY = {  # style -> (report, format): both formats and both kinds of report across the set
    "rect borders": ("mixed", "2021"),
    "no outer border": ("baseline", "2021"),
    "shaded rects": ("mixed", "2019"),
    "landscape": ("mixed", "2021"),
    "small wrapped labels": ("baseline", "2019"),
    "double borders": ("baseline", "2019"),
    "s3 break 3 no header": ("baseline", "2021"),
    "label cut by break": ("mixed", "2019"),
    "letter-spaced": ("baseline", "2021"),
    "mixed real": ("mixed", "2021"),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[object, bytes]]:
    out = {}
    for style, (name, fmt) in READ_EXACTLY.items():
        variant = build(name, 1, fmt)
        out[style] = (variant, render_styled(variant, STYLES[style]))
    return out


@pytest.mark.parametrize("style", list(READ_EXACTLY))
def test_every_cell_of_a_report_drawn_in_style(rendered, style: str) -> None:
    variant, data = rendered[style]
    result = score(variant, extract_report(data))
    assert not result.errors, result.errors[:8]


def test_table_broken_inside_the_merged_group_labels_spans_three_pages(rendered) -> None:
    _, data = rendered["s3 break 3 no header"]
    (s3,) = [b for b in read_pdf(data).blocks if not isinstance(b, Paragraph) and len(b.rows) > 20]
    assert len(set(s3.pages)) == 3
    denied = [row for row in s3.rows if any("属于行政执法案卷" in c for c in row)]
    assert denied and "不予公开" in denied[0][1].replace("\n", "")  # the group label carried over the break


def test_a_group_label_cut_by_the_page_is_one_label_on_both_pages(rendered) -> None:
    """A label flowed over the break ("（三）" above, "不予公开" below) is one label over the rows of both pages."""
    _, data = rendered["label cut by break"]
    (s3,) = [b for b in read_pdf(data).blocks if not isinstance(b, Paragraph) and len(b.rows) > 20]
    denied = [(page, row) for page, row in zip(s3.pages, s3.rows, strict=True) if row[1].startswith("（三）")]
    assert {page for page, _ in denied} == {1, 2}
    assert len({row[1] for _, row in denied}) == 1 and "不予" in denied[0][1][1].replace("\n", "")


def test_a_continued_mark_above_the_next_part_keeps_the_table_whole() -> None:
    """A "续表" line printed above a table's part on the next page marks the same table, not a new one."""
    variant = build("baseline", 0, "2021")
    blocks = read_pdf(render_styled(variant, STYLES["续表 line"])).blocks
    (s3,) = [b for b in blocks if not isinstance(b, Paragraph) and len(b.rows) > 20]
    assert len(set(s3.pages)) == 2
    assert "续表" not in [b.text for b in blocks if isinstance(b, Paragraph)]


def test_letter_spaced_text_reads_as_words(rendered) -> None:
    variant, data = rendered["letter-spaced"]
    texts = [b.text for b in read_pdf(data).blocks if isinstance(b, Paragraph)]
    assert texts[0] == "".join(variant.report.title)
    assert "一、总体情况" in texts


def test_unspace_only_undoes_letter_spacing() -> None:
    assert unspace("2 0 2 3 年 度") == "2023年度"
    assert unspace("1 8 7", cell=True) == "187"
    assert unspace("1 0 2 0") == "1 0 2 0"  # a free line of single-digit columns stays apart
    assert unspace("平罗县公安局 2024 年") == "平罗县公安局 2024 年"
    assert unspace("自然人") == "自然人"


@pytest.mark.parametrize("style", ["horizontal rules", "three-line", "no rules"])
def test_tables_without_vertical_rules_are_read_from_the_alignment(style: str) -> None:
    """No drawn grid: the value columns come from where the numbers line up, merged labels from the numbering."""
    variant = build("baseline", 0, "2021")
    result = score(variant, extract_report(render_styled(variant, STYLES[style])))
    assert not result.errors, result.errors[:8]


def _only_true_facts(variant, report) -> bool:
    return all(variant.truth.get((f.metric, f.applicant), "missing") == f.value for f in report.facts)


def test_items_after_a_page_break_carry_on_under_the_group_label_before_it() -> None:
    """The "(三)" label printed above a page break: its items on the next page stay in that group, nothing guessed."""
    variant = build("baseline", 0, "2019")
    report = extract_report(render_styled(variant, STYLES["three-line"]))
    assert _only_true_facts(variant, report)
    carried = [f for f in report.facts if f.metric == "s3.result.denied.admin_query"]
    assert carried and {f.where.page for f in carried} == {2}


def test_a_row_with_blank_cells_without_rules_is_read_under_its_header() -> None:
    """Blank cells print nothing: the columns left blank still stand under their header words, so the row reads."""
    variant = build("blank empty", 0, "2021")
    result = score(variant, extract_report(render_styled(variant, STYLES["no rules"])))
    assert not result.errors, result.errors[:8]


def test_a_scanned_page_is_an_issue_and_the_rest_is_read() -> None:
    """A picture of a page (a sealed last page, or a table pasted as an image) is named, never guessed at."""
    variant = build("baseline", 0, "2021")
    report = extract_report(render_styled(variant, replace(STYLES["word lines"], scanned=(2,))))
    scanned = [i for i in report.issues if i.code == "scanned_page"]
    assert [i.where.page for i in scanned] == [2]
    assert report.facts and all(variant.truth.get((f.metric, f.applicant), "missing") == f.value for f in report.facts)


def test_a_wholly_scanned_pdf_is_a_clear_error() -> None:
    variant = build("baseline", 0, "2021")
    with pytest.raises(UnreadableDocument, match="scanned image") as err:
        extract_report(render_styled(variant, replace(STYLES["word lines"], scanned=(1, 2))))
    assert "\n" not in str(err.value)
