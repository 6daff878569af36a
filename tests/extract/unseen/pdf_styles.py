"""Unseen reports drawn the ways real government PDFs draw them, not only as a fully ruled Word export.

``render_styled(variant, style)`` lays a ``variants.Variant`` out on a
reportlab canvas with the embedded WenQuanYi Zen Hei font, cell by cell, so
each ``PdfStyle`` field is one thing real exports do: borders drawn as thin
filled rectangles (WPS / "print to PDF") or double lines, horizontal rules
only, no outer border, shaded cells, no rule at all (columns aligned by position only), landscape pages, 7-8 pt cells whose
labels wrap over several lines, right-aligned numbers, the section-三 table
broken over pages (inside the merged 三、 / (三) label cells, with or without
the header repeated, a merged label's text flowing over the break, a "续表"
line above the continuation), tables packed on one page, page headers and footers,
letter-spaced text (the Tc operator), a title wrapped over two lines, and
pages that are only a scanned image. Layout is computed first and drawn
after, so footers can say "第 3 页 共 7 页".
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.extract.unseen.variants import FIXTURES, Variant

sys.path.insert(0, str(FIXTURES))

from layout import Grid, is_heading
from render_pdf import FONT, FONT_FILE

Draw = Callable[[canvas.Canvas], None]


@dataclass(frozen=True)
class PdfStyle:
    rules: str = "lines"  # lines | rects | double | horizontal | three_line | no_outer | none (text aligned only)
    shading: bool = False  # header and label cells filled grey (filled rectangles, as WPS draws them)
    landscape: bool = False
    size: float = 7.5  # table text size in points
    label_scale: float = 1.0  # label column widths times this: below 1 wraps labels over more lines
    align: str = "center"  # center | right: where numbers sit in their cells
    breaks: tuple[int, ...] = ()  # section-三 body rows before which a page breaks
    repeat_header: bool = True  # header rows drawn again above a continuation
    furniture: str | None = "dash"  # dash ("- 3 -") | count ("第 3 页 共 7 页") | None; with a running header
    char_space: float = 0.0  # extra points after every character (Tc)
    title_lines: int = 1
    gap: float = 10.0  # space after a table
    continued: str = ""  # a short line ("续表") printed above each continuation of a table
    scanned: tuple[int, ...] = ()  # 1-based pages replaced by a picture of themselves (no text layer)


STYLES: dict[str, PdfStyle] = {
    "word lines": PdfStyle(),
    "rect borders": PdfStyle(rules="rects"),
    "double borders": PdfStyle(rules="double"),
    "horizontal rules": PdfStyle(rules="horizontal"),
    "three-line": PdfStyle(rules="three_line"),
    "no rules": PdfStyle(rules="none"),
    "no outer border": PdfStyle(rules="no_outer"),
    "shaded cells": PdfStyle(shading=True),
    "shaded rects": PdfStyle(rules="rects", shading=True),
    "landscape": PdfStyle(landscape=True),
    "small wrapped labels": PdfStyle(size=7, label_scale=0.55),
    "8pt right-aligned": PdfStyle(size=8, align="right", label_scale=0.7),
    "s3 over 2 pages": PdfStyle(breaks=(7,)),
    "s3 over 3 pages": PdfStyle(breaks=(6, 16)),
    "s3 break no header": PdfStyle(breaks=(7,), repeat_header=False),
    "s3 break 3 no header": PdfStyle(breaks=(5, 13), repeat_header=False, furniture="count"),
    "label cut by break": PdfStyle(size=7, label_scale=0.55, breaks=(5, 13), repeat_header=False),
    "续表 line": PdfStyle(breaks=(9,), repeat_header=False, continued="续表"),
    "packed tables": PdfStyle(gap=4.0, size=7, furniture="count"),
    "page x of y": PdfStyle(furniture="count"),
    "letter-spaced": PdfStyle(char_space=4.0),
    "title two lines": PdfStyle(title_lines=2),
    "mixed real": PdfStyle(
        rules="rects",
        shading=True,
        size=7,
        label_scale=0.6,
        align="right",
        breaks=(9,),
        repeat_header=False,
        furniture="count",
        title_lines=2,
    ),
}

BODY, LEADING, TITLE = 11.0, 20.0, 18.0
PAD = 2.5


def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))


def _width(text: str, size: float, space: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size) + space * len(text)


def _wrap(text: str, width: float, size: float, space: float, indent: float = 0.0) -> list[str]:
    """Breaks CJK text anywhere (as Word does), keeping runs of digits and Latin letters whole."""
    lines, line, room = [], "", width - indent
    for token in _tokens(text):
        if line and _width(line + token, size, space) > room:
            lines.append(line)
            line, room = token.lstrip(), width
        else:
            line += token
    return [*lines, line] if line or not lines else lines


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for char in text:
        if out and char.isascii() and char.isalnum() and out[-1][-1].isascii() and out[-1][-1].isalnum():
            out[-1] += char
        else:
            out.append(char)
    return out


def _text(c: canvas.Canvas, x: float, y: float, text: str, size: float, space: float) -> None:
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    t.setCharSpace(space)
    t.textOut(text)
    c.drawText(t)


@dataclass
class _Page:
    draws: list[Draw] = field(default_factory=list)


class _Layout:
    """Places blocks top-down on pages; every page is a list of drawing steps run once all pages are known."""

    def __init__(self, style: PdfStyle) -> None:
        self.style = style
        self.width, self.height = landscape(A4) if style.landscape else A4
        self.left, self.right = 3.17 * cm, self.width - 3.17 * cm
        self.top, self.bottom = self.height - 2.54 * cm, 2.54 * cm
        self.pages: list[_Page] = [_Page()]
        self.y = self.top

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top

    def room(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def draw(self, fn: Draw) -> None:
        self.pages[-1].draws.append(fn)

    def lines(self, lines: list[str], size: float, leading: float, centred: bool, indent: float = 0.0) -> None:
        space = self.style.char_space
        for k, line in enumerate(lines):
            self.room(leading)
            width = _width(line, size, space)
            x = (self.left + self.right - width) / 2 if centred else self.left + (indent if k == 0 else 0)
            y = self.y - size
            self.draw(lambda c, x=x, y=y, line=line: _text(c, x, y, line, size, space))
            self.y -= leading

    def paragraph(self, text: str) -> None:
        indent = 0.0 if is_heading(text) else 2 * BODY
        self.lines(
            _wrap(text, self.right - self.left, BODY, self.style.char_space, indent), BODY, LEADING, False, indent
        )

    def title(self, lines: list[str]) -> None:
        if self.style.title_lines == 2 and len(lines) == 1:
            cut = lines[0].find("政府信息公开")
            lines = [lines[0][:cut], lines[0][cut:]] if cut > 0 else lines
        self.lines(lines, TITLE, 30, True)
        self.y -= 12

    def table(self, grid: Grid, breaks: tuple[int, ...]) -> None:
        _GridLayout(self, grid).place(breaks)
        self.y -= self.style.gap


class _GridLayout:
    def __init__(self, page: _Layout, grid: Grid) -> None:
        self.page, self.grid, self.style = page, grid, page.style
        frame = page.right - page.left
        share = {0: (), 1: (0.40,), 2: (0.18, 0.27)}.get(grid.label_cols, (0.10, 0.13, 0.25))
        labels = [frame * s * self.style.label_scale for s in share[: grid.label_cols]]
        rest = (frame - sum(labels)) / (grid.width - grid.label_cols)
        self.xs = [page.left]
        for w in labels + [rest] * (grid.width - grid.label_cols):
            self.xs.append(self.xs[-1] + w)
        self.size = self.style.size
        self.leading = self.size * 1.3
        self.text = {id(c): self._lines(c) for c in grid.cells}
        self.drawn: dict[int, int] = {}  # lines of a cell cut by a page break drawn on earlier pages
        self.heights = [self.leading + 2 * PAD] * grid.n_rows
        for cell in sorted(grid.cells, key=lambda c: c.rowspan):
            need = len(self.text[id(cell)]) * self.leading + 2 * PAD
            have = sum(self.heights[cell.row : cell.row + cell.rowspan])
            if need > have:
                self.heights[cell.row + cell.rowspan - 1] += need - have

    def _lines(self, cell) -> list[str]:
        width = self.xs[cell.col + cell.colspan] - self.xs[cell.col] - 2 * PAD
        return _wrap(cell.text, width, self.size, self.style.char_space) if cell.text else []

    def place(self, breaks: tuple[int, ...]) -> None:
        """Rows go down the page; a row that does not fit, or a forced break, starts a new page."""
        head, page = self.grid.head_rows, self.page
        start, top = 0, page.y
        y = frame_top = top
        for row in range(self.grid.n_rows):
            if (row > start and row - head in breaks) or y - self.heights[row] < page.bottom:
                if start == 0 and row <= head:  # the header stays with the first body row, as Word keeps it
                    page.new_page()
                    top = page.y
                    y = top - sum(self.heights[:row]) - self.heights[row]
                    continue
                if row > start:
                    self._fragment(start, row, top, frame_top)
                page.new_page()
                if self.style.continued:
                    page.lines([self.style.continued], BODY, LEADING, False)
                top = frame_top = page.y
                if self.style.repeat_header and head and row >= head:
                    top = self._fragment(0, head, top, top, open_below=True)
                start, y = row, top
            y -= self.heights[row]
        page.y = self._fragment(start, self.grid.n_rows, top, frame_top)

    def _fragment(self, start: int, stop: int, top: float, frame_top: float, open_below: bool = False) -> float:
        """Draws rows ``start:stop`` from ``top``; a merged cell cut by the page flows its text over its parts.

        As Word does: the lines that fit in the part above the break stay
        there, the rest go on at the top of the part below; nothing is drawn
        outside the cell's box. ``frame_top`` is where the table's part on this page begins (above a
        repeated header), ``open_below`` says that rows follow on this page:
        the outer border is only around the whole part.
        """
        ys = [top]
        for h in self.heights[start:stop]:
            ys.append(ys[-1] - h)
        outer = (self.xs[0], self.xs[-1], None if open_below else ys[-1], frame_top)
        for cell in self.grid.cells:
            r0, r1 = max(cell.row, start), min(cell.row + cell.rowspan, stop)
            if r0 >= r1:
                continue
            box = (self.xs[cell.col], ys[r1 - start], self.xs[cell.col + cell.colspan], ys[r0 - start])
            lines = self._part(cell, ys[r0 - start] - ys[r1 - start], start, stop)
            self.page.draw(lambda c, box=box, cell=cell, lines=lines: self._cell(c, box, cell, lines, outer))
        self.page.draw(lambda c: self._three_lines(c, ys, start))
        return ys[-1]

    def _part(self, cell, height: float, start: int, stop: int) -> list[str]:
        """The lines of ``cell`` drawn in its part between rows ``start`` and ``stop``."""
        text = self.text[id(cell)]
        if cell.row >= start and cell.row + cell.rowspan <= stop:
            return text  # whole on this page (a repeated header row too)
        done = self.drawn.get(id(cell), 0)
        fits = len(text) if cell.row + cell.rowspan <= stop else max(1, int((height - 2 * PAD) // self.leading))
        self.drawn[id(cell)] = done + fits
        return text[done : done + fits]

    def _cell(self, c: canvas.Canvas, box, cell, lines: list[str], outer) -> None:
        x0, y0, x1, y1 = box
        if self.style.shading and cell.kind in ("head", "label"):
            c.setFillGray(0.85)
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
            c.setFillGray(0)
        rule = self.style.rules
        if rule not in ("three_line", "none"):
            edges = [((x0, y0), (x1, y0)), ((x0, y1), (x1, y1))]
            if rule != "horizontal":
                edges += [((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))]
            if rule == "no_outer":
                left, right, bottom, top = outer
                edges = [
                    (a, b) for a, b in edges if not (a[0] == b[0] in (left, right) or a[1] == b[1] in (bottom, top))
                ]
            for a, b in edges:
                _rule(c, a, b, rule)
        space = self.style.char_space
        mid = (y0 + y1) / 2 + len(lines) * self.leading / 2
        for k, line in enumerate(lines):
            width = _width(line, self.size, space)
            if cell.kind == "label":
                x = x0 + PAD
            elif cell.kind == "value" and self.style.align == "right":
                x = x1 - PAD - width
            else:
                x = (x0 + x1 - width) / 2
            _text(c, x, mid - (k + 1) * self.leading + (self.leading - self.size) / 2 + 1, line, self.size, space)

    def _three_lines(self, c: canvas.Canvas, ys: list[float], start: int) -> None:
        """The three-line table's rules: thick above and below each part, thin under the header rows."""
        if self.style.rules != "three_line":
            return
        left, right, head = self.xs[0], self.xs[-1], self.grid.head_rows
        c.setLineWidth(1.5)
        c.line(left, ys[0], right, ys[0])
        c.line(left, ys[-1], right, ys[-1])
        if start == 0 and 0 < head < len(ys) - 1:
            c.setLineWidth(0.75)
            c.line(left, ys[head], right, ys[head])


def _rule(c: canvas.Canvas, a: tuple[float, float], b: tuple[float, float], rule: str) -> None:
    (ax, ay), (bx, by) = a, b
    if rule == "rects":
        t = 0.5
        c.rect(min(ax, bx) - t / 2, min(ay, by) - t / 2, abs(bx - ax) + t, abs(by - ay) + t, stroke=0, fill=1)
    elif rule == "double":
        c.setLineWidth(0.4)
        dx, dy = (0, 0.9) if ay == by else (0.9, 0)
        c.line(ax - dx, ay - dy, bx - dx, by - dy)
        c.line(ax + dx, ay + dy, bx + dx, by + dy)
    else:
        c.setLineWidth(0.5)
        c.line(ax, ay, bx, by)


def _furniture(c: canvas.Canvas, layout: _Layout, number: int, total: int, agency: str) -> None:
    style = layout.style
    if style.furniture is None:
        return
    c.setFont(FONT, 8)
    c.drawString(layout.left, layout.height - 1.5 * cm, f"{agency}政府信息公开工作年度报告")
    footer = f"- {number} -" if style.furniture == "dash" else f"第 {number} 页 共 {total} 页"
    c.drawCentredString(layout.width / 2, 1.5 * cm, footer)


def s3_grid(variant: Variant) -> Grid | None:
    """The section-三 table: the grid with the most rows."""
    grids = [b for b in variant.report.blocks if isinstance(b, Grid)]
    return max(grids, key=lambda g: g.n_rows) if grids else None


def render_styled(variant: Variant, style: PdfStyle) -> bytes:
    _font()
    layout = _Layout(style)
    layout.title(variant.report.title)
    s3 = s3_grid(variant)
    for block in variant.report.blocks:
        if isinstance(block, Grid):
            layout.table(block, style.breaks if block is s3 else ())
        else:
            layout.paragraph(block)
    data = _draw(layout, variant.agency, {})
    if not style.scanned:
        return data
    pdf = pdfium.PdfDocument(data)
    try:
        # A scan without OCR: the page as a 100-dpi picture of itself, no text layer.
        images = {n: pdf[n - 1].render(scale=100 / 72).to_pil() for n in style.scanned}
    finally:
        pdf.close()
    return _draw(layout, variant.agency, images)


def _draw(layout: _Layout, agency: str, images: dict) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(layout.width, layout.height), invariant=1)
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        if number in images:
            c.drawImage(ImageReader(images[number]), 0, 0, layout.width, layout.height)
        else:
            _furniture(c, layout, number, total, agency)
            for fn in page.draws:
                fn(c)
        c.showPage()
    c.save()
    return buffer.getvalue()
