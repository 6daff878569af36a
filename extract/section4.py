"""Section 四: administrative review and litigation, one row of fifteen figures.

Columns are three proceedings (行政复议, 未经复议直接起诉, 复议后起诉) times five
outcomes. In an exact grid each column's stacked header cells name its pair;
a proceeding printed once over its five columns (a grid exported without
merges, a text export) names the blank header cells to its right as well.
When the header cells do not sit above their numbers, the standard's order is
used, but only after the printed header has been checked against it label by
label (a header printed in another order is not read).
"""

from __future__ import annotations

from extract.cells import CellReader
from extract.labels import Label, Matcher, parse_label, similarity
from extract.model import Table
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


def _spanning(row: Row, p: int) -> str:
    """The header text over position ``p``: a blank cell lies under the nearest printed label to its left.

    A merge flattened away (a text export, a Word or HTML table written
    without gridSpan/colspan, a PDF read without its vertical rules) leaves a
    label over its first column and blank cells after it.
    """
    if not is_padding(row.cells[p]):
        return row.cells[p]
    return next((row.cells[i] for i in range(p - 1, -1, -1) if not is_padding(row.cells[i])), "")


def _code_at(header: list[Row], p: int) -> str | None:
    """The (proceeding, outcome) metric of column ``p`` from the header cells stacked above it.

    Only a proceeding is carried over blank cells: an outcome names one column,
    so a column without an outcome of its own (an empty or 备注 column) stays unnamed.
    """
    group = outcome = None
    for row in header:
        if p < len(row.cells):
            kind = _classify(parse_label(_spanning(row, p)).words)
            if kind and kind[0] == "outcome" and is_padding(row.cells[p]):
                kind = None
            if kind and kind[0] == "group":
                group = kind[1]
            elif kind:
                outcome = kind[1]
    return f"s4.{group}.{outcome}" if group and outcome else None


def _by_position(header: list[Row], positions: list[int]) -> list[str] | None:
    """Each column's metric from its header; all fifteen must be named, and differ."""
    named = [code for code in (_code_at(header, p) for p in positions) if code]
    return named if len(named) == len(positions) and len(set(named)) == _N else None


def _header_columns(header: list[Row], width: int) -> list[int] | None:
    """In an exact grid, the fifteen columns whose headers name a metric: values whatever their cells hold."""
    named = [p for p in range(width) if _code_at(header, p)]
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


def read_section4(table: Table, fmt: str, cells: CellReader, previous: None = None) -> None:
    """Read the review/litigation row; the table is complete on its own (``previous`` is not used)."""
    rows = rows_of(table)
    k = next((k for k, r in enumerate(rows) if len(r.numeric) >= len(S4_OUTCOMES)), None)
    if k is None:
        return
    row, header = rows[k], rows[:k]
    codes = None
    values = None
    named = _header_columns(header, len(row.cells)) if table.exact_grid else None
    if named is not None:
        row = row.cut(named[0])
    elif not table.exact_grid:
        row = leading_values(row, lambda text: names_nothing(text, (_HEADER_MATCH,)), keep=0)
    positions = named or [i for i in range(row.last_label + 1, len(row.cells))]
    if len(positions) >= _N:
        # A text export that kept its padding lines its header up over its values as a grid does.
        codes = _by_position(header, positions[:_N])
        printed = [i for i in positions[_N:] if row.cells[i].strip()]
        if codes is not None and (table.exact_grid or not printed):
            values = [(p, row.cells[p]) for p in positions[:_N]]
        else:
            codes = None
    if codes is None:
        codes = _by_standard_order(header)
        values = take_values(row, _N, None, False) if codes else None
    if codes is None or values is None:
        cells.report(
            "s4_not_attributable",
            f"review/litigation row has {len(row.numeric)} numbers but its header does not match the standard layout; no values taken",
            table,
            row.index,
        )
        return
    for code, (pos, raw) in zip(codes, values, strict=True):
        metric = BY_CODE[code]
        cells.add(code, None, raw, table, row.index, pos, metric.row_label, metric.col_label or "")
