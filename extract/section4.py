"""Section 四: administrative review and litigation, one row of fifteen figures.

Columns are three proceedings (行政复议, 未经复议直接起诉, 复议后起诉) times five
outcomes. In an exact grid each column's stacked header cells name its pair;
a proceeding printed once over its five columns (a grid exported without
merges, a text export) names the whole block of five, wherever over it the
label stands: the outcomes, which repeat for each proceeding, mark the blocks.
When the header cells do not sit above their numbers, the standard's order is
used, but only after the printed header has been checked against it label by
label (a header printed in another order is not read).
An agency without cases prints the row as marks ("—", "/", "无", blanks): it
is read, as blanks, only as the row right under a header naming all fifteen
columns, since no figure tells it from a spacer or a page line.
"""

from __future__ import annotations

from extract.cells import CellReader
from extract.labels import Label, Matcher, parse_label, similarity
from extract.model import Table
from extract.numbers import is_blank, looks_numeric
from extract.table_rows import Row, is_padding, leading_values, names_nothing, rows_of, take_values
from gongkai.metrics import BY_CODE, S4_GROUPS, S4_OUTCOMES

_N = len(S4_GROUPS) * len(S4_OUTCOMES)


def _compatible(printed: str, canonical: str) -> bool:
    """A printed label fits a standard one: equal, truncated ("结果" for 结果维持) or near-equal."""
    return bool(printed) and (canonical.startswith(printed) or similarity(printed, canonical) >= 0.6)


# One matcher over both kinds of header label: a mistyped proceeding ("复议后起述") must still beat every outcome.
_HEADER_MATCH: Matcher[tuple[str, str]] = Matcher(
    [(("group", code), label) for code, label in S4_GROUPS]
    + [(("outcome", code), label) for code, label in S4_OUTCOMES],
    threshold=0.5,
)


def _classify(words: str) -> tuple[str, str] | None:
    return _HEADER_MATCH.match(Label(None, None, words)) if words else None


def _outcomes(header: list[Row], width: int) -> list[str | None]:
    """Each column's outcome, printed in its own header cell: an outcome names one column, never blank ones."""
    out: list[str | None] = [None] * width
    for row in header:
        for p, cell in enumerate(row.cells[:width]):
            kind = _classify(parse_label(cell).words) if not is_padding(cell) else None
            if kind and kind[0] == "outcome":
                out[p] = kind[1]
    return out


def _blocks(outcomes: list[str | None]) -> list[range]:
    """The columns of each proceeding: its outcomes run on until one of them comes again (the next proceeding's)."""
    blocks: list[list[int]] = []
    seen: set[str] = set()
    for p, outcome in enumerate(outcomes):
        if outcome is None:
            continue
        if not blocks or outcome in seen:
            blocks.append([p, p])
            seen = set()
        blocks[-1][1] = p
        seen.add(outcome)
    return [range(first, last + 1) for first, last in blocks]


def _proceeding(header: list[Row], block: range) -> str | None:
    """The proceeding printed over any column of ``block``, the lowest header row naming one winning.

    A table without merges keeps the label where it was printed: over the
    block's first column, centred over its middle one or right-aligned over
    its last, with blank cells beside it. Two proceedings over one block
    name none of its columns.
    """
    group = None
    for row in header:
        kinds = (_classify(parse_label(row.cells[p]).words) for p in block if p < len(row.cells))
        named = {kind[1] for kind in kinds if kind and kind[0] == "group"}
        if len(named) > 1:
            return None
        group = next(iter(named), group)
    return group


def _codes(header: list[Row], width: int) -> list[str | None]:
    """The (proceeding, outcome) metric of each column from the header cells over it; None where not certain."""
    outcomes = _outcomes(header, width)
    groups: list[str | None] = [None] * width
    for block in _blocks(outcomes):
        group = _proceeding(header, block)
        for p in block:
            groups[p] = group
    return [f"s4.{g}.{o}" if g and o else None for g, o in zip(groups, outcomes, strict=True)]


def _by_position(header: list[Row], positions: list[int]) -> list[str] | None:
    """Each column's metric from its header; all fifteen must be named, and differ."""
    codes = _codes(header, max(positions) + 1)
    named = [code for code in (codes[p] for p in positions) if code]
    return named if len(named) == len(positions) and len(set(named)) == _N else None


def _header_columns(header: list[Row], width: int) -> list[int] | None:
    """In an exact grid, the fifteen columns whose headers name a metric: values whatever their cells hold."""
    named = [p for p, code in enumerate(_codes(header, width)) if code]
    return named if len(named) == _N else None


def _by_standard_order(header: list[Row]) -> list[str] | None:
    groups, outcomes = [], []
    for row in header:
        for _, text in row.labels:
            words = parse_label(text).words
            kind = _classify(words)
            if kind and kind[0] == "group":
                groups.append(words)
            elif any(_compatible(words, label) for _, label in S4_OUTCOMES):
                outcomes.append(words)
    expected = [label for _, label in S4_OUTCOMES] * len(S4_GROUPS)
    if len(groups) != len(S4_GROUPS) or len(outcomes) != _N:
        return None
    if [_classify(g) for g in groups] != [("group", code) for code, _ in S4_GROUPS]:
        return None
    if not all(_compatible(o, e) for o, e in zip(outcomes, expected, strict=True)):
        return None
    return [f"s4.{g}.{o}" for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]


def _attribute(header: list[Row], row: Row, exact: bool) -> tuple[Row, list[tuple[str, int, str]] | None]:
    """``row`` as its values are read (labels cut off) and each value cell's (metric, position, raw), if certain."""
    codes = None
    values = None
    named = _header_columns(header, len(row.cells)) if exact else None
    if named is not None:
        row = row.cut(named[0])
    elif not exact:
        row = leading_values(row, lambda text: names_nothing(text, (_HEADER_MATCH,)), keep=0)
    positions = named or [i for i in range(row.last_label + 1, len(row.cells))]
    if len(positions) >= _N:
        # A text export that kept its padding lines its header up over its values as a grid does.
        codes = _by_position(header, positions[:_N])
        printed = [i for i in positions[_N:] if row.cells[i].strip()]
        if codes is not None and (exact or not printed):
            values = [(p, row.cells[p]) for p in positions[:_N]]
        else:
            codes = None
    if codes is None:
        codes = _by_standard_order(header)
        values = take_values(row, _N, None, False) if codes else None
    if codes is None or values is None:
        return row, None
    return row, [(code, pos, raw) for code, (pos, raw) in zip(codes, values, strict=True)]


def _row_of_marks(rows: list[Row], exact: bool) -> int | None:
    """The row of a report without cases: marks only ("—", "/", "无", blanks, a few 0), right under the header.

    Without figures to recognise it, the row is known by its place: the
    fewest leading rows that name all fifteen columns over it are the header,
    and it is the first row printed after them (a row of empty cells only when
    nothing is printed after the header). A spacer before the row, a note or a
    page line under the header, or a line with no room for fifteen columns is
    never read as the values.
    """
    printed = [k for k, r in enumerate(rows) if not all(is_padding(c) for c in r.cells)]
    for k, row in enumerate(rows):
        if k == 0 or not all(is_blank(c) or looks_numeric(c) for c in row.cells):
            continue
        h = next((j for j in range(1, k + 1) if _attribute(rows[:j], row, exact)[1] is not None), None)
        if h is not None and k == next((j for j in printed if j >= h), h):
            return k
    return None


def read_section4(table: Table, fmt: str, cells: CellReader, previous: None = None) -> None:
    """Read the review/litigation row; the table is complete on its own (``previous`` is not used)."""
    rows = rows_of(table)
    k = next((k for k, r in enumerate(rows) if len(r.numeric) >= len(S4_OUTCOMES)), None)
    if k is None:
        k = _row_of_marks(rows, table.exact_grid)
        if k is None:
            return
    row, read = _attribute(rows[:k], rows[k], table.exact_grid)
    if read is None:
        cells.report(
            "s4_not_attributable",
            f"review/litigation row has {len(row.numeric)} numbers but its header does not match the standard layout; no values taken",
            table,
            row.index,
        )
        return
    for code, pos, raw in read:
        metric = BY_CODE[code]
        cells.add(code, None, raw, table, row.index, pos, metric.row_label, metric.col_label or "")
