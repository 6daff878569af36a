"""Section 三: disclosure requests received and how they were answered, by applicant.

Rows are identified by meaning: the enumeration level of the most specific
label ("(三)" group, "1." item, "一、" top) selects which metrics are possible
and the words pick one; an item is read within the group printed above it
(the group cell is often merged over its items and printed once). Columns come
from the applicant header: by position in exact grids, and by the standard's
column order once the header is shown to name those applicants in text exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extract.cells import CellReader
from extract.labels import Label, Matcher, parse_label
from extract.model import Table
from extract.table_rows import Row, rows_of, take_values
from gongkai.metrics import APPLICANTS, Metric, metrics_for

_APPLICANT_MATCH = Matcher([(a.code, a.label) for a in APPLICANTS], threshold=0.7)
_GROUP_HEADERS = ("申请人情况", "法人或其他组织")


@dataclass
class _Columns:
    applicants: list[str]
    positions: list[int] | None


def _columns(table: Table, header: list[Row]) -> _Columns | None:
    """Find the applicant columns in the header rows above the first data row."""
    by_pos: dict[int, str] = {}
    found: set[str] = set()
    for row in header:
        for pos, text in row.labels:
            lab = parse_label(text)
            if lab.level is not None or any(g in lab.words for g in _GROUP_HEADERS) or len(lab.words) > 8:
                continue
            code = _APPLICANT_MATCH.match(lab)
            if code:
                by_pos.setdefault(pos, code)
                found.add(code)
    if not found:
        return None
    ordered = [a.code for a in APPLICANTS if a.code in found]
    if table.exact_grid:
        positions = sorted(by_pos)
        if [by_pos[p] for p in positions] == ordered:
            return _Columns(ordered, positions)
        return _Columns([by_pos[p] for p in positions], positions)
    return _Columns(ordered, None)


@dataclass
class _Context:
    """The group ("(三) 不予公开" ...) that numbered items below it belong to."""

    group: str | None = None


Matchers = tuple[Matcher[str], Matcher[str], dict[str, Matcher[str]]]


@lru_cache(maxsize=4)
def _row_matchers(fmt: str) -> Matchers:
    metrics = metrics_for("三", fmt)
    top = Matcher([(m.code, m.row_label) for m in metrics if m.group_label is None])
    groups: dict[str, list[Metric]] = {}
    for m in metrics:
        if m.group_label:
            groups.setdefault(m.group_label, []).append(m)
    group_match = Matcher([(g, g) for g in groups])
    items = {g: Matcher([(m.code, m.row_label) for m in ms]) for g, ms in groups.items()}
    return top, group_match, items


def _identify(row: Row, ctx: _Context, matchers: Matchers) -> str | None:
    """The metric code of a row, updating the current group from its labels."""
    top, group_match, items = matchers
    labels = [lab for lab in (parse_label(t) for _, t in row.labels) if not lab.empty]
    if not labels:
        return None
    for lab in labels[:-1]:
        if lab.level == "top":
            ctx.group = None
        elif lab.level in ("group", None):
            ctx.group = group_match.match(lab) or (ctx.group if lab.level is None else None)
    last: Label = labels[-1]
    if last.level in ("item", None) and ctx.group in items:
        code = items[ctx.group].match(last)  # type: ignore[index]
        if code:
            return code
    if last.level == "top":
        ctx.group = None
    elif last.level == "group":
        ctx.group = group_match.match(last)
    return top.match(last)


def read_section3(table: Table, fmt: str, cells: CellReader) -> None:
    """Read the section 三 rows of ``table`` into ``cells``; everything unreadable becomes an issue."""
    rows = rows_of(table)
    first_data = next((k for k, r in enumerate(rows) if r.is_data), None)
    if first_data is None:
        return
    columns = _columns(table, rows[:first_data])
    if columns is None:
        cells.issues.append(cells.issue("error", "s3_no_header", "applicant columns not found in the header", table))
        return
    ctx = _Context()
    matchers = _row_matchers(fmt)
    for row in rows[first_data:]:
        if not row.labels and not row.is_data:
            continue
        code = _identify(row, ctx, matchers)
        if code is None:
            if row.is_data:
                cells.issues.append(
                    cells.issue(
                        "warning", "unmatched_row", f"row '{row.label_text()}' matches no metric", table, row.index
                    )
                )
            continue
        values = take_values(row, len(columns.applicants), columns.positions, table.exact_grid)
        if values is None and not row.is_data:
            continue  # a label-only row (a group heading): nothing printed, nothing to read
        if values is None:
            n = len(row.numeric)
            cells.issues.append(
                cells.issue(
                    "warning",
                    "row_not_attributable",
                    f"row '{row.label_text()}' ({code}) has {n} numbers for {len(columns.applicants)} columns; "
                    "which column each belongs to is not certain, no values taken",
                    table,
                    row.index,
                )
            )
            continue
        for applicant, (pos, raw) in zip(columns.applicants, values, strict=True):
            cells.add(code, applicant, raw, table, row.index, pos, row.label_text(), applicant)
