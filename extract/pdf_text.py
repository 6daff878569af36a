"""The fast first pass over a PDF: PDFium (pypdfium2) reads every page's text lines.

PDFium opens and lays out a page in about a millisecond, where pdfplumber
(pdfminer) needs tens; so this pass reads the running text of every page and
marks which pages could hold a ruled table, and only those pages are handed to
pdfplumber's table finder (``extract.pdf_tables``). The test is exact rather
than a guess from the text: pdfplumber's default "lines" strategy builds tables
only from drawn edges (lines, rectangles, curves), which PDFium reports as path
objects, so a page without crossing horizontal and vertical paths cannot yield
a table.

PDFium is not thread-safe: two threads inside it at once crash the process
(the crawl reads PDF attachments on several task threads). Each scan holds a
process-wide lock from opening the document to closing it; the pass is the
fast one, so reading several PDFs in threads still overlaps in pdfplumber.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.model import UnreadableDocument

_PDFIUM = threading.Lock()


@dataclass(frozen=True, slots=True)
class Line:
    """One line of running text; coordinates in points from the page's top-left corner."""

    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Word:
    """Characters of one line with no wide gap between them: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PageScan:
    number: int  # 1-based
    ruled: bool  # drawn edges that could form a table: read this page with pdfplumber
    lines: list[Line]  # empty for ruled pages, whose text pdfplumber reads around the tables
    scanned: bool = False  # a picture of a page with no text layer: its content cannot be read
    words: list[list[Word]] | None = None  # each line's words, on an unruled page that prints rows of numbers


def scan_pdf(data: bytes) -> list[PageScan]:
    """Opens the PDF with PDFium; raises ``UnreadableDocument`` for encrypted, corrupt or image-only files."""
    with _PDFIUM:
        scans, texts = _scan_all(data)
    if not any(texts):
        raise UnreadableDocument("PDF has no text layer (scanned image?)")
    return scans


def _scan_all(data: bytes) -> tuple[list[PageScan], list[bool]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise UnreadableDocument("PDF is encrypted") from None
        raise UnreadableDocument(f"corrupt PDF: {err}") from None
    try:
        if len(pdf) == 0:
            raise UnreadableDocument("corrupt PDF: no pages")
        scans, texts = [], []
        for index in range(len(pdf)):
            scan, text = _scan_page(pdf, index)
            if not text and _is_picture(pdf[index]):
                scan = PageScan(scan.number, scan.ruled, scan.lines, scanned=True)
            scans.append(scan)
            texts.append(text)
    except pdfium.PdfiumError as err:
        raise UnreadableDocument(f"corrupt PDF: {err}") from None
    finally:
        pdf.close()
    return scans, texts


def _is_picture(page: pdfium.PdfPage) -> bool:
    """Whether images cover at least half of a page: a scanned page, not a seal or a logo."""
    try:
        area = page.get_width() * page.get_height()
        covered = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            covered += (right - left) * (top - bottom)
        return covered >= area / 2
    finally:
        page.close()


def _scan_page(pdf: pdfium.PdfDocument, index: int) -> tuple[PageScan, bool]:
    page = pdf[index]
    try:
        ruled = _has_rules(page)
        textpage = page.get_textpage()
        try:
            has_text = bool(textpage.get_text_range().strip())
            lines = [] if ruled or not has_text else _lines(textpage, page.get_height(), index + 1)
            words = _words(textpage, page.get_height()) if any(_NUMBER_ROW.search(ln.text) for ln in lines) else None
        finally:
            textpage.close()
    finally:
        page.close()
    return PageScan(index + 1, ruled, lines, words=words), has_text


def _has_rules(page: pdfium.PdfPage) -> bool:
    """Whether the page's paths could form a grid: crossing thin lines, or any path with an area.

    A path with an area may be a rectangle or a whole grid drawn as one path,
    and a Form XObject may hide paths; such false alarms only cost a pdfplumber
    pass, while a missed table would leak its cells into the paragraphs. Calls
    PDFium directly: a Python wrapper per page object cost more than the rest
    of this pass.
    """
    horizontal = vertical = 0
    box = [ctypes.c_float() for _ in range(4)]
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, box)):
            continue
        left, bottom, right, top = (v.value for v in box)
        width, height = right - left, top - bottom
        if width > 3 and height > 3:
            return True
        horizontal += width >= height
        vertical += height > width
        if horizontal >= 2 and vertical >= 2:
            return True
    return False


def _lines(textpage: pdfium.PdfTextPage, page_height: float, page: int) -> list[Line]:
    """PDFium's own lines ("\\r\\n" in the page text), placed by the boxes of their first and last characters.

    Reading text by rectangle (``get_text_bounded``) was tried and dropped: a
    character touching two rectangles came out twice ("23 件件").
    """
    text = textpage.get_text_range()
    lines = []
    for match in re.finditer(r"[^\r\n]+", text):
        first = match.start() + len(match.group()) - len(match.group().lstrip())
        last = match.start() + len(match.group().rstrip()) - 1
        if last < first:
            continue
        left, bottom_a, _, top_a = textpage.get_charbox(first, loose=True)
        _, bottom_b, right, top_b = textpage.get_charbox(last, loose=True)
        top, bottom = page_height - max(top_a, top_b), page_height - min(bottom_a, bottom_b)
        lines.append(Line(unspace(text[first : last + 1]), page, top, bottom, left, right))
    return lines


# Two numbers apart at the end of a line: the mark of a table row printed without vertical rules.
_NUMBER_ROW = re.compile(r"\S\s+[-+]?[\d,.]*\d[\d,.]*\s+\S*\d\S*\s*$")
GAP = 0.8  # a gap wider than this many character heights separates two cells


def _words(textpage: pdfium.PdfTextPage, page_height: float) -> list[list[Word]]:
    """Each line's words from the characters' boxes: a gap of nearly a character's height ends a word.

    Only for pages that may hold a table drawn without vertical rules
    (``extract.pdf_aligned``), where the gaps are the only column separators;
    one PDFium call per character is too dear for every page.
    """
    text = textpage.get_text_range()
    out = []
    for match in re.finditer(r"[^\r\n]+", text):
        words: list[Word] = []
        chars, space = "", False
        box = (0.0, 0.0, 0.0, 0.0)
        for k in range(match.start(), match.end()):
            if text[k].isspace():
                space = bool(chars)
                continue
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
            top, bottom = page_height - top, page_height - bottom
            if chars and left - box[1] <= GAP * (bottom - top):
                chars += " " * space + text[k]
                space = False
                box = (box[0], max(box[1], right), min(box[2], top), max(box[3], bottom))
                continue
            if chars:
                words.append(Word(unspace(chars, cell=True), box[0], box[1], box[2], box[3]))
            chars, space, box = text[k], False, (left, right, top, bottom)
        if chars:
            words.append(Word(unspace(chars, cell=True), box[0], box[1], box[2], box[3]))
        if words:
            out.append(words)
    return out


def unspace(text: str, *, cell: bool = False) -> str:
    """Undoes letter-spacing: "2 0 2 3 年 度" back to "2023年度".

    Titles and distributed-aligned cells are set with extra space after every
    character (the PDF's Tc operator, or Word's "distributed" alignment), and
    text extraction turns every such gap into a space. A line in which every
    space-separated token is one character is such a line; running text
    always has a word of two characters somewhere.
    """
    tokens = text.split()
    # A table cell holds one value, so "1 8 7" in a cell is 187 spaced out; on a free line, single digits
    # alone ("1 0 2 0") are a row of numbers in separate columns and must stay apart.
    spaced = len(tokens) > 1 and all(len(t) == 1 for t in tokens) and (cell or not all(t.isascii() for t in tokens))
    return "".join(tokens) if spaced else text


def join_text(left: str, right: str, *, wide: bool = False) -> str:
    """Joins two pieces of one flow: no space between CJK characters, one between Latin words or across a gap."""
    if not left or not right:
        return left or right
    latin = left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()
    return f"{left} {right}" if wide or latin else left + right
