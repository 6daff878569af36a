"""From a block stream to a ``Report``: identity, format, sections and facts.

The format is read from the table headers (the 2021 and 2019 standards print
different column and row labels), falling back to the year only when the
tables say nothing.
"""

from __future__ import annotations

from extract.cells import CellReader
from extract.identity import find_identity
from extract.model import Document, Issue, Paragraph, Report, Table, UnreadableDocument, Where
from extract.normalize import normalize_label
from extract.section2 import read_section2
from extract.section3 import read_section3
from extract.section4 import read_section4
from extract.sections import assign_sections, narrative_figures, table_text
from gongkai.metrics import FORMATS, METRICS

READERS = {"二": read_section2, "三": read_section3, "四": read_section4}


def _format_markers() -> dict[str, frozenset[str]]:
    """Labels printed by only one of the two standard formats, from the dictionary."""
    labels: dict[str, set[str]] = {f: set() for f in FORMATS}
    for m in METRICS:
        for f in m.formats:
            for text in (m.row_label, m.col_label):
                if text and len(normalize_label(text)) >= 4:
                    labels[f].add(normalize_label(text))
    return {f: frozenset(labels[f] - set().union(*(labels[g] for g in FORMATS if g != f))) for f in FORMATS}


_MARKERS = _format_markers()


def detect_format(tables: list[Table], year: int | None) -> str:
    """The format whose own labels the tables print; the year decides only when the tables are not conclusive.

    Conclusive means at least two labels of one format and more than of the
    other: a single shared word ("规范性文件" inside an older table's
    "主动公开规范性文件数") is not a standard table.
    """
    text = "".join(table_text(t) for t in tables)
    hits = {f: sum(1 for w in words if w in text) for f, words in _MARKERS.items()}
    best = max(hits, key=lambda f: hits[f])
    unique = list(hits.values()).count(hits[best]) == 1
    if hits[best] >= 2 and unique:
        return best
    if year is not None and year < 2019:
        return "pre2019"
    return best if hits[best] > 0 and unique else "unknown"


def interpret(doc: Document) -> Report:
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    agency, year = find_identity(paragraphs, doc.title)
    sections, section_of = assign_sections(doc.blocks)
    if not sections and agency is None and year is None:
        raise UnreadableDocument("no annual report found: no title, section headings or report tables")
    fmt = detect_format(tables, year)
    cells = CellReader(section_of)
    issues = cells.issues
    issues.extend(doc.issues)
    if fmt in FORMATS:
        carried: dict[str, object] = {}  # what a section's table hands to a continuation table after it
        for table in tables:
            sec = section_of.get(table.index)
            if sec in READERS:
                carried[sec] = READERS[sec](table, fmt, cells, carried.get(sec))
    if fmt == "unknown":
        issues.append(
            Issue(
                "warning", "format_unknown", "no table matches the 2021 or 2019 standard format; no figures were read"
            )
        )
    if agency is None:
        issues.append(Issue("warning", "agency_unknown", "the report does not name its agency in a recognisable title"))
    if year is None:
        issues.append(Issue("warning", "year_unknown", "the year covered could not be found"))
    if fmt in FORMATS:
        read = {f.where.section for f in cells.facts}
        for sec in READERS:
            if sec not in read:
                issues.append(
                    Issue("warning", "missing_section", f"no section {sec} table was found in the report", Where(sec))
                )
    return Report(agency, year, fmt, sections, cells.facts, issues, doc.kind, narrative_figures(doc.blocks))
