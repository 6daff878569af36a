"""HTML article pages to the block stream: paragraphs and true-grid tables.

One pass over the lxml tree in document order. Portal pages are built out of
tables, so a table is read as data only when it can hold data (see
``grid.holds_data``); layout tables are walked like any other container. Cell
text follows what a browser shows: runs split across <span>/<font>/<b> join
with no separator, <br> and block children break the line, ASCII whitespace
collapses, while &nbsp; and full-width spaces stay (the interpreter decides
what a blank cell is). BeautifulSoup would cost three times the whole budget
for a page, hence plain lxml and a hand-written walk.
"""

from __future__ import annotations

import re

from lxml import etree

from extract.decode import charset_from_content_type, decode_text
from extract.grid import Cell, grid_table, holds_data
from extract.model import Block, Document, Paragraph, UnreadableDocument

# fmt: off
_SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "select", "option", "textarea",
    "button", "svg", "math"
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul"
})
# fmt: on
_CELLS = frozenset(("td", "th"))
_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_BREAK = "\x00"  # stands for a structural line break until whitespace is collapsed; libxml2 never yields NUL
_ASCII_SPACE = " \t\n\r\f"
_SPACES = re.compile(f"[{_ASCII_SPACE}]+")
_BREAKS = re.compile(r" ?\x00[\x00 ]*")
_DIGITS = re.compile(r"\s*(\d+)")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# CSS Text 3 segment breaks: a source line break between two East Asian wide characters is removed, not
# made a space (Word and CMS editors wrap their source inside Chinese words: "年度\r\n报告").
_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
_CJK_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t]*[\r\n][{_ASCII_SPACE}]*(?=[{_WIDE}])")

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def read_html(data: bytes, content_type: str | None = None) -> Document:
    """Read an HTML page; ``content_type`` is the HTTP header, whose charset is only a hint."""
    text = decode_text(data, charset_from_content_type(content_type))
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise UnreadableDocument("the HTML page is empty")
    title = root.findtext("head/title")
    walker = _Walker()
    walker.visit(root)
    walker.flush()
    return Document(blocks=walker.blocks, kind="html", title=_tidy(title or "") or None)


class _Walker:
    """Collects inline text until a block boundary, where it becomes a paragraph."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        if self.line:
            text = _tidy("".join(self.line))
            self.line.clear()
            if text.strip():
                self.blocks.append(Paragraph(text))

    def visit(self, el: etree._Element) -> None:
        tag = el.tag
        if tag in _SKIP or not isinstance(tag, str) or _hidden(el):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and self.data_table(el):
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self.line.append(el.text)
        for child in el:
            self.visit(child)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()

    def data_table(self, table: etree._Element) -> bool:
        """Emit ``table`` as a Table block if it holds data; False leaves it to be walked as layout."""
        if next(table.iterdescendants("table"), None) is not None:
            return False
        groups = [[[c for c in tr if c.tag in _CELLS and not _hidden(c)] for tr in group] for group in _groups(table)]
        cells = [row for group in groups for row in group]
        texts = [[_cell_text(c) for c in row] for row in cells]
        if not holds_data(texts):
            return False
        self.flush()
        for caption in table.iterchildren("caption"):
            self.visit(caption)
        grid: list[list[Cell]] = [
            [(text, _span(c.get("rowspan")), _span(c.get("colspan"))) for c, text in zip(row, line, strict=True)]
            for row, line in zip(cells, texts, strict=True)
        ]
        self.blocks.append(grid_table(grid, self.tables, [len(group) for group in groups]))
        self.tables += 1
        return True


def _groups(table: etree._Element) -> list[list[etree._Element]]:
    """The table's visible row groups, the (first) header first and footer last, as browsers lay them out.

    A rowspan ends with its row group, so the groups stay apart; rows written
    straight in the table (lxml adds no implied <tbody>) form groups of their own.
    """
    head: list[list[etree._Element]] = []
    body: list[list[etree._Element]] = []
    foot: list[list[etree._Element]] = []
    loose: list[etree._Element] | None = None
    for child in table:
        tag = child.tag
        if tag == "tr":
            if loose is None:
                loose = []
                body.append(loose)
            if not _hidden(child):
                loose.append(child)
            continue
        loose = None
        if tag in _GROUPS and not _hidden(child):
            rows = [tr for tr in child if tr.tag == "tr" and not _hidden(tr)]
            (head if tag == "thead" and not head else foot if tag == "tfoot" and not foot else body).append(rows)
    return head + body + foot


def _hidden(el: etree._Element) -> bool:
    """Not drawn at all (``display:none`` or ``hidden``): a browser lays the page out as if it were absent."""
    style = el.get("style")
    if style is not None and ("none" in style or "NONE" in style or "None" in style) and _HIDDEN.search(style):
        return True
    return el.get("hidden") is not None


def _cell_text(cell: etree._Element) -> str:
    """What a browser shows in ``cell``.

    Most cells are a chain of single wrappers (td > p > b > span > "0"): the
    line breaks such a chain implies sit at the edges, where ``_tidy`` strips
    them, so the text is the innermost element's own. Anything else is walked.
    """
    el = cell
    while len(el) == 1 and _blank(el.text):
        child = el[0]
        if not _blank(child.tail):
            break
        tag = child.tag
        if tag == "br" or tag in _SKIP or not isinstance(tag, str) or _hidden(child):
            return ""
        el = child
    if len(el) == 0:
        return _tidy(el.text or "")
    parts: list[str] = []
    _collect(el, parts)
    return _tidy("".join(parts))


def _blank(text: str | None) -> bool:
    """Empty or ASCII whitespace only (what a browser collapses; &nbsp; is not blank)."""
    return not text or not text.strip(_ASCII_SPACE)


def _collect(el: etree._Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if tag == "br":
            parts.append(_BREAK)
        elif isinstance(tag, str) and tag not in _SKIP and not _hidden(child):
            block = tag in _BLOCK
            if block:
                parts.append(_BREAK)
            _collect(child, parts)
            if block:
                parts.append(_BREAK)
        if child.tail:
            parts.append(child.tail)


def _tidy(text: str) -> str:
    """Collapse ASCII whitespace like a browser; structural breaks become single newlines."""
    if "\n" in text or "\r" in text:
        text = _CJK_BREAK.sub("", text)
    text = _SPACES.sub(" ", text)
    if _BREAK in text:
        text = _BREAKS.sub("\n", text)
    return text.strip(" \n")


def _span(value: str | None) -> int:
    """rowspan/colspan as browsers parse them: leading digits, anything unparsable is 1."""
    if value is None:
        return 1
    m = _DIGITS.match(value)
    return int(m.group(1)) if m else 1
