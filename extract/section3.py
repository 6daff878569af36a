"""Section 三: disclosure requests received and how they were answered, by applicant.

Rows are identified by meaning: the enumeration level of the most specific
label ("(三)" group, "1." item, "一、" top) selects which metrics are possible
and the words pick one; an item is read within the group printed above it
(the group cell is often merged over its items and printed once). Columns come
from the applicant header: by position in exact grids, and by the standard's
column order once the header is shown to name those applicants in text exports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from extract.cells import CellReader
from extract.labels import Label, Matcher, parse_label
from extract.model import Table
from extract.table_rows import Row, is_padding, leading_values, names_nothing, rows_of, take_values
from gongkai.metrics import APPLICANT_CODES, APPLICANTS, Metric, metrics_for

_APPLICANT_LABELS = {a.code: a.label for a in APPLICANTS}  # the standard's column headers, for provenance

_APPLICANT_MATCH = Matcher([(a.code, a.label) for a in APPLICANTS], threshold=0.7)
# The headers spanning the applicant columns: the table's title cell and the dictionary's applicant groups.
_GROUP_HEADERS = ("申请人情况", *sorted({a.group for a in APPLICANTS if a.group}))


@dataclass(frozen=True)
class Columns:
    """The applicant columns of a section 三 table; ``positions`` are trusted cell positions, if known."""

    applicants: list[str]
    positions: list[int] | None
    width: int = 0  # the table's width, to tell whether a continuation table has the same grid
    group: str | None = None  # the group ("(三) 不予公开") still open at the table's end, for its continuation


def _header_labels(header: list[Row]) -> list[tuple[int, str]]:
    """(position, applicant) of every header label that names one, group headers left out."""
    out = []
    for row in header:
        for pos, text in row.labels:
            lab = parse_label(text)
            if lab.level is not None or any(g in lab.words for g in _GROUP_HEADERS) or len(lab.words) > 8:
                continue
            code = _APPLICANT_MATCH.match(lab)
            if code:
                out.append((pos, code))
    return out


def _slots(found: list[tuple[int, str]], header: list[Row]) -> list[int] | None:
    """Positions of all applicants when the recognised ones sit one per column in the standard order.

    The standard prints the seven applicants side by side in one order; when
    most headers are recognised and all of them sit at ``start + their rank``,
    a header worded otherwise ("合计", "其它", "企业") in a remaining slot is
    that slot's applicant. The slot must hold a printed header cell.
    """
    codes = [code for _, code in found]
    starts = {pos - APPLICANT_CODES.index(code) for pos, code in found}
    if len(starts) != 1 or len(set(codes)) != len(codes) or 2 * len(codes) <= len(APPLICANT_CODES):
        return None
    start = starts.pop()
    slots = list(range(start, start + len(APPLICANT_CODES)))
    printed = {i for row in header for i, c in enumerate(row.cells) if not is_padding(c)}
    if start < 0 or not set(slots) <= printed:
        return None
    return slots


def _fits(row: Row, slots: list[int]) -> bool:
    """A text row whose labels end before the first slot and whose printed cells all sit in the slots."""
    cells = [i for i, c in enumerate(row.cells) if i > row.last_label and not is_padding(c)]
    return not cells or (row.last_label < slots[0] and len(row.cells) > slots[-1] and cells[-1] <= slots[-1])


def _columns(table: Table, header: list[Row], data: list[Row]) -> Columns | None:
    """Find the applicant columns in the header rows above the first data row.

    A text export flattens merged cells, so its positions are trusted only when
    every data row of the table lines up under them; otherwise the standard
    order is used and each row must print exactly one value per applicant.
    """
    found = _header_labels(header)
    if not found:
        return None
    by_pos: dict[int, str] = {}
    for pos, code in found:
        by_pos.setdefault(pos, code)
    width = max(len(r.cells) for r in header)
    slots = _slots(found, header)
    if slots and (table.exact_grid or all(_fits(row, slots) for row in data)):
        return Columns(list(APPLICANT_CODES), slots, width)
    ordered = [a.code for a in APPLICANTS if a.code in {code for _, code in found}]
    if table.exact_grid:
        positions = sorted(by_pos)
        return Columns([by_pos[p] for p in positions], positions, width)
    return Columns(ordered, None, width)


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


def read_section3(table: Table, fmt: str, cells: CellReader, previous: Columns | None = None) -> Columns | None:
    """Read the section 三 rows of ``table`` into ``cells``; everything unreadable becomes an issue.

    A table that starts with data rows continues the section 三 table before it
    (a table split across pages without its header): it is read with that
    table's columns when its grid has the same width. Returns the columns
    read, for the next table.
    """
    rows = rows_of(table)
    first_data = next((k for k, r in enumerate(rows) if r.is_data), None)
    if first_data is None:
        return previous
    columns = _columns(table, rows[:first_data], rows[first_data:])
    headerless = not any(r.labels for r in rows[:first_data])
    if columns is None and previous is not None and headerless:
        columns = _continuation(table, rows, previous)
    if columns is None:
        cells.report("s3_no_header", "applicant columns not found in the header", table, severity="error")
        return previous
    # A page break inside a group leaves its label on the page before (whether or not the header is repeated):
    # numbered items at the top of the next table carry on under it; a group or top-level label resets it.
    ctx = _Context(previous.group if previous is not None else None)
    matchers = _row_matchers(fmt)
    trusted = table.exact_grid or columns.positions is not None
    top, group_match, items = matchers
    label_matchers = (top, group_match, *items.values())
    for row in rows[first_data:]:
        if table.exact_grid and columns.positions:
            row = row.cut(min(columns.positions))
        elif not table.exact_grid:
            row = leading_values(row, lambda text: names_nothing(text, label_matchers), keep=1)
        if not row.labels and not row.is_data:
            continue
        code = _identify(row, ctx, matchers)
        if code is None:
            if row.is_data:
                cells.report("unmatched_row", f"row '{row.label_text()}' matches no metric", table, row.index)
            continue
        values = take_values(row, len(columns.applicants), columns.positions, trusted)
        if values is None and not row.is_data:
            continue  # a label-only row (a group heading): nothing printed, nothing to read
        if values is None:
            n = len(row.numeric)
            cells.report(
                "row_not_attributable",
                f"row '{row.label_text()}' ({code}) has {n} numbers for {len(columns.applicants)} columns; "
                "which column each belongs to is not certain, no values taken",
                table,
                row.index,
            )
            continue
        for applicant, (pos, raw) in zip(columns.applicants, values, strict=True):
            cells.add(code, applicant, raw, table, row.index, pos, row.label_text(), _APPLICANT_LABELS[applicant])
    return replace(columns, group=ctx.group)


def _continuation(table: Table, rows: list[Row], previous: Columns) -> Columns | None:
    """The columns of a headerless table that carries on the previous section 三 table, if it certainly does.

    Same grid: the previous positions. A grid of its own (a page's table drawn
    anew, the label columns merged into one): only when every row has one
    cell per applicant after its labels, which then are the applicant columns.
    """
    n = len(previous.applicants)
    filled = [r for r in rows if r.labels or r.is_data]
    width = max(len(r.cells) for r in rows)
    if not table.exact_grid:
        return previous if previous.positions is None or all(_fits(r, previous.positions) for r in filled) else None
    if previous.positions is not None and width == previous.width:
        return previous
    if filled and all(len(r.cells) == width and r.last_label == width - n - 1 for r in filled):
        return Columns(previous.applicants, list(range(width - n, width)), width)
    return None
