"""One value cell that holds text ("见附件", "90余", "约10") costs that cell, never its row or its section.

The report is a generated one (``variants.py``) with one printed value
replaced by text. The cell must come back as a fact with no value and its raw
text, with an ``unreadable_cell`` issue naming section, table, row and
column; every other cell of the report must be read exactly as printed.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.model import Report
from gongkai.metrics import APPLICANTS, S4_GROUPS, S4_OUTCOMES, metrics_for
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import Grid, Key, Variant, build, render

FMT = "2021"
TEXTS = ["见附件", "90余", "约10"]
KINDS = ["tab", "pipe", "html"]
SECTIONS = {"二": 0, "三": 1, "四": 2}  # the order of the baseline report's tables


def _s2_key(grid: Grid, row: int, col: int) -> Key:
    """The metric under the nearest header row above: row label and column header name it."""
    cells = {(c.row, c.col): c.text for c in grid.cells}
    head = max(r for (r, c), text in cells.items() if r < row and c == 0 and text == "信息内容")
    metric = next(
        m
        for m in metrics_for("二", FMT)
        if m.row_label == cells[(row, 0)] and cells[(head, col)].startswith(m.col_label or "")
    )
    return metric.code, None


def _s3_key(grid: Grid, row: int, col: int) -> Key:
    label = next(c.text for c in grid.cells if c.row == row and c.kind == "label")
    metric = next(m for m in metrics_for("三", FMT) if m.row_label == label.replace("（", "(").replace("）", ")"))
    return metric.code, APPLICANTS[col - grid.label_cols].code


def _s4_key(grid: Grid, row: int, col: int) -> Key:
    group, outcome = divmod(col, len(S4_OUTCOMES))
    return f"s4.{S4_GROUPS[group][0]}.{S4_OUTCOMES[outcome][0]}", None


KEYS = {"二": _s2_key, "三": _s3_key, "四": _s4_key}


def _spoil(section: str, where: str, text: str) -> tuple[Variant, Key, tuple[int, int]]:
    """The baseline report with one value cell of ``section``'s first data row printed as ``text``.

    ``where``: the first, a middle or the last value cell of the row (in section
    三 the last is the total column). Returns the variant (its truth updated to
    null), the cell's metric key, and the cell's (row, column) in the grid.
    """
    variant = build("baseline", 1, FMT)
    grid = [b for b in variant.report.blocks if isinstance(b, Grid)][SECTIONS[section]]
    row = min(c.row for c in grid.cells if c.kind == "value")
    values = sorted((c for c in grid.cells if c.row == row and c.kind == "value"), key=lambda c: c.col)
    cell = {"first": values[0], "middle": values[len(values) // 2], "last": values[-1]}[where]
    key = KEYS[section](grid, row, cell.col)
    assert key in variant.truth
    cell.text = text
    variant.truth[key] = None
    return variant, key, (row, cell.col)


def _fact(report: Report, key: Key):
    return next(f for f in report.facts if (f.metric, f.applicant) == key)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("section", list(SECTIONS))
def test_unreadable_cell_is_null_with_its_text_and_an_issue(section: str, where: str, kind: str, text: str) -> None:
    variant, key, _ = _spoil(section, where, text)
    report = extract_report(render(variant, kind))
    fact = _fact(report, key)
    assert (fact.value, fact.raw) == (None, text)
    flagged = [i for i in report.issues if i.code == "unreadable_cell"]
    assert [(i.severity, i.where.section, i.where.row, i.where.column) for i in flagged] == [
        ("warning", section, fact.where.row, fact.where.column)
    ]
    assert flagged[0].where.table is not None and text in flagged[0].message
    assert f"row {fact.where.row + 1}" in flagged[0].where.describe()
    result = score(variant, report)
    assert not result.errors, result.errors[:8]
    assert not [i for i in report.issues if i.code != "unreadable_cell"]


@pytest.mark.parametrize("text", ["详见附件", "10（含）"])
@pytest.mark.parametrize("kind", ["tab", "html"])
@pytest.mark.parametrize("where", ["first", "last"])
def test_other_unreadable_texts(where: str, kind: str, text: str) -> None:
    variant, key, _ = _spoil("三", where, text)
    report = extract_report(render(variant, kind))
    assert (_fact(report, key).value, _fact(report, key).raw) == (None, text)
    assert not score(variant, report).errors


@pytest.mark.parametrize("kind", ["tab", "html"])
def test_the_issue_names_the_printed_cell(kind: str) -> None:
    """Row and column count from the table's top-left cell, as printed, in a text export as in a grid."""
    variant, _, cell = _spoil("三", "middle", "见附件")
    flagged = next(i for i in extract_report(render(variant, kind)).issues if i.code == "unreadable_cell")
    assert (flagged.where.row, flagged.where.column) == cell


def test_a_short_row_with_a_real_label_is_still_refused() -> None:
    """Six numbers after "(一) 予以公开" in seven columns: the label stays a label, never the first value."""
    lines = render(build("baseline", 1, FMT), "tab").decode().split("\n")
    k = next(i for i, line in enumerate(lines) if "予以公开" in line)
    cells = lines[k].split("\t")
    lines[k] = "\t".join(cells[:3] + cells[4:])  # the natural_person value dropped
    report = extract_report("\n".join(lines).encode())
    assert not any(f.metric == "s3.result.granted" for f in report.facts)
    assert any(i.code == "row_not_attributable" and "s3.result.granted" in i.message for i in report.issues)


def test_unreadable_first_cell_with_a_cell_missing_is_reported_not_guessed() -> None:
    """Text then five numbers where seven columns exist: no value is taken from the row."""
    variant, key, _ = _spoil("三", "first", "见附件")
    lines = render(variant, "tab").decode().split("\n")
    k = next(i for i, line in enumerate(lines) if "\t见附件\t" in line)
    cells = lines[k].split("\t")
    at = cells.index("见附件")
    lines[k] = "\t".join(cells[: at + 2] + cells[at + 3 :])
    report = extract_report("\n".join(lines).encode())
    assert not any(f.metric == key[0] for f in report.facts)
    assert any(i.code == "row_not_attributable" and key[0] in i.message for i in report.issues)
