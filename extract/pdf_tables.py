"""The PDF reader: ruled tables with pdfplumber, running text with PDFium, one block stream out.

pdfplumber's default table finder reads the report tables of Word-like and
reportlab PDFs right (camelot put labels one row off, PyMuPDF corrupted
decimals), but it costs tens of milliseconds a page. So PDFium reads every
page first (``extract.pdf_text``) and pdfplumber opens only the pages with
drawn rules; on those pages the text outside the tables comes from pdfplumber
too, so that no cell text leaks into the paragraphs. A table's part on the
next page joins the part before it (``extract.pdf_grid``) when nothing but
page furniture, or a "续表" mark, lies between them.
"""

from __future__ import annotations

import io
import re
from functools import reduce

import pdfplumber

from extract.model import Block, Document, Issue, Table, UnreadableDocument, Where
from extract.pdf_aligned import Aligned, find_tables
from extract.pdf_frames import frame_lines
from extract.pdf_grid import Piece, continues, join_pieces
from extract.pdf_layout import drop_furniture, margins, paragraphs
from extract.pdf_text import Line, PageScan, join_text, scan_pdf, unspace

Found = tuple[list[Line], list[Piece | Aligned]]
# "续表" / "（续上表）" / "接上表": printed above a table's part on a new page; it marks that part as the same table.
CONTINUED = re.compile(r"[（(]?(续表|续上表|接上表)[\d一二三四五六七八九十]*[)）]?")


def read_pdf(data: bytes) -> Document:
    """Reads a PDF report into Paragraph and Table blocks in reading order, with page numbers.

    Raises ``UnreadableDocument`` for an encrypted, corrupt or image-only PDF; a scanned page among pages
    with text is an issue, not an error.
    """
    scans = scan_pdf(data)
    found = _read_ruled_pages(data, [scan.number for scan in scans if scan.ruled])
    pages = [found.get(scan.number) or _read_unruled_page(scan) for scan in scans]
    kept = drop_furniture([sorted(lines, key=lambda line: line.top) for lines, _ in pages])
    left, right = margins([line for lines in kept for line in lines])
    blocks: list[Block] = []
    run: list[Line] = []
    group: list[Piece] = []
    tables = 0

    def close_group() -> None:
        nonlocal tables
        if group:
            blocks.append(join_pieces(group, tables))
            tables += 1
            group.clear()

    for lines, (_, pieces) in zip(kept, pages, strict=True):
        items = sorted([*lines, *pieces], key=lambda item: item.top)
        if group and len(items) > 1 and _continued_mark(items[0]) and isinstance(items[1], Piece):
            items = items[1:]
        for k, item in enumerate(items):
            if isinstance(item, Line):
                close_group()
                run.append(item)
                continue
            blocks += paragraphs(run, left, right)
            run.clear()
            if isinstance(item, Aligned):
                close_group()
                blocks.append(Table(item.rows, tables, exact_grid=False, pages=[item.page] * len(item.rows)))
                tables += 1
                continue
            if group and not (k == 0 and item.page == group[-1].page + 1 and continues(group[-1], item)):
                close_group()
            group.append(item)
    close_group()
    blocks += paragraphs(run, left, right)
    # A scanned page (often the signed and sealed last page) hides whatever it shows; the rest is still read,
    # and the issue tells the reader that the report may hold more than was read.
    issues = [
        Issue(
            "warning",
            "scanned_page",
            "the page is a scanned image with no text layer; it was not read",
            Where(page=s.number),
        )
        for s in scans
        if s.scanned
    ]
    return Document(blocks, kind="pdf", issues=issues)


def _continued_mark(item: Line | Piece | Aligned) -> bool:
    return isinstance(item, Line) and bool(CONTINUED.fullmatch(re.sub(r"\s+", "", item.text)))


def _read_unruled_page(scan: PageScan) -> Found:
    """A page without drawn grid: its tables printed without vertical rules, if it shows rows of numbers."""
    if scan.words is None or len(scan.words) != len(scan.lines):
        return scan.lines, []
    pairs = sorted(zip(scan.lines, scan.words, strict=True), key=lambda pair: pair[0].top)
    tables, used = find_tables([words for _, words in pairs], scan.number)
    return [line for k, (line, _) in enumerate(pairs) if k not in used], list(tables)


def _read_ruled_pages(data: bytes, numbers: list[int]) -> dict[int, Found]:
    if not numbers:
        return {}
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfminer raises many types for a damaged file
        raise UnreadableDocument(f"corrupt PDF: {err}") from None
    found = {}
    with pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            try:
                found[number] = _read_page(page, number)
            except Exception as err:
                raise UnreadableDocument(f"corrupt PDF: page {number}: {err}") from None
            finally:
                page.close()
    return found


def _read_page(page: pdfplumber.page.Page, number: int) -> Found:
    """The page's tables as pieces, and its lines outside them (a one-cell table is a framed line)."""
    pieces, lines, areas = [], [], []
    frame = frame_lines(page.edges)
    settings = {"explicit_vertical_lines": frame, "explicit_horizontal_lines": frame} if frame else {}
    for table in page.find_tables(settings):
        boxes = [
            (*bbox, "\n".join(unspace(part, cell=True) for part in (text or "").split("\n")))
            for row, texts in zip(table.rows, table.extract(), strict=True)
            for bbox, text in zip(row.cells, texts, strict=True)
            if bbox is not None
        ]
        areas.append(table.bbox)
        if len(boxes) > 1:
            pieces.append(Piece(number, boxes))
        elif boxes[0][4].strip():
            x0, top, x1, bottom, text = boxes[0]
            lines.append(Line(reduce(join_text, text.split("\n"), ""), number, top, bottom, x0, x1))

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in areas)

    text_page = page.filter(outside) if areas else page
    for line in text_page.extract_text_lines(return_chars=False):
        if line["text"].strip():
            lines.append(
                Line(unspace(line["text"].strip()), number, line["top"], line["bottom"], line["x0"], line["x1"])
            )
    return lines, pieces
