"""Section 二: proactively disclosed items, a stack of small sub-tables.

Each sub-table has its own header row ("信息内容 | 本年制发件数 | …") followed by
item rows ("规章 | 0 | 0 | 0"). The header in force names the columns; the
item's label names the row; the pair names the metric in the dictionary.
"""

from __future__ import annotations

from functools import lru_cache

from extract.cells import CellReader
from extract.labels import Matcher, parse_label
from extract.model import Table
from extract.table_rows import leading_values, names_nothing, rows_of, take_values
from gongkai.metrics import Metric, metrics_for


def _split(code: str) -> tuple[str, str]:
    """ "s2.license.decisions" -> ("license", "decisions"): the row and column a metric sits at."""
    _, row, col = code.split(".")
    return row, col


@lru_cache(maxsize=4)
def _matchers(fmt: str) -> tuple[dict[tuple[str, str], Metric], Matcher[str], Matcher[str]]:
    metrics = metrics_for("二", fmt)
    pairs = {_split(m.code): m for m in metrics}
    row_match = Matcher(sorted({(_split(m.code)[0], m.row_label) for m in metrics}))
    col_match = Matcher(sorted({(_split(m.code)[1], m.col_label or "") for m in metrics}), threshold=0.6)
    return pairs, row_match, col_match


Header = list[tuple[int, str | None]]


def read_section2(table: Table, fmt: str, cells: CellReader, previous: Header | None = None) -> Header:
    """Read ``table``'s items; a table that starts with items continues under the previous table's header.

    Returns the header in force at the end, for a continuation table.
    """
    pairs, row_match, col_match = _matchers(fmt)
    active: Header = previous or []
    for row in rows_of(table):
        if not row.labels:
            if row.is_data:  # values cut off from their label (a row broken over a page): whose they are is unknown
                cells.report("unmatched_row", f"a row of {len(row.numeric)} numbers has no label", table, row.index)
            continue
        if not row.is_data:
            header = [(pos, col_match.match(parse_label(text))) for pos, text in row.labels[1:]]
            if any(col for _, col in header):
                active = header
                continue
        row_key = row_match.match(parse_label(row.labels[0][1]))
        if row_key is None:
            if row.is_data:
                cells.report("unmatched_row", f"row '{row.label_text()}' matches no metric", table, row.index)
            continue
        if not active:
            cells.report("no_header", f"row '{row.label_text()}' has no column header above it", table, row.index)
            continue
        positions = [p for p, _ in active]
        if table.exact_grid:
            row = row.cut(min(positions))
        else:
            row = leading_values(row, lambda text: names_nothing(text, (row_match, col_match)), keep=1)
        values = take_values(row, len(active), positions, table.exact_grid)
        if values is None:
            if row.is_data:
                cells.report(
                    "row_not_attributable",
                    f"row '{row.label_text()}' has {len(row.numeric)} numbers for {len(active)} columns; no values taken",
                    table,
                    row.index,
                )
            continue
        for (_, col), (pos, raw) in zip(active, values, strict=True):
            metric = pairs.get((row_key, col or ""))
            if metric is not None:
                cells.add(metric.code, None, raw, table, row.index, pos, metric.row_label, metric.col_label or "")
    return active
