"""From PDF text lines to the paragraphs of a report: page furniture out, wrapped lines joined.

A PDF has no paragraphs, only positioned lines. A narrative sentence such as
"收到政府信息公开申请3件" is often wrapped over two lines, or over a page break,
and the rules that read the narrative need it whole; headings must stay on
their own. Running headers and page numbers sit between the lines of a wrapped
paragraph and are not part of the report, so they go first.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from extract.model import Paragraph
from extract.pdf_text import Line, join_text

# Spaces may sit inside a mark: letter-spaced text comes out as "（ 三 ）" and "三 、". Items also open with
# 一是/二是 and 其中：1. (``extract.labels`` reads them so).
ENUMERATION = re.compile(
    r"\s*(?:其中\s*[:：]?\s*)?"
    r"([（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、是]|\d+\s*[.、．]|[①-⑳])"
)
EDGE_LINES = 2  # furniture is looked for among the first and last lines of a page
PAGE_NUMBER = re.compile(
    r"[-—–\s]*\d+[-—–\s]*"
    r"|第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(page\s*)?\d+\s*(of\s*\d+)?",
    re.IGNORECASE,
)


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Removes page numbers and running headers/footers from each page's lines (sorted top-down).

    A line is furniture when it sits among the first or last ``EDGE_LINES``
    lines of its page and either is a page number ("- 3 -", "第 3 页 共 5 页",
    "3/5") or repeats, digits aside, at the same edge (top or bottom) of more
    than half of the pages (needs two pages at least). The same edge: the
    agency named above the title on page 1 and again in the signature at the
    end of the last page is the report's text, not a running header.
    """
    edges = [
        [("top", line) for line in page[:EDGE_LINES]] + [("bottom", line) for line in page[-EDGE_LINES:]]
        for page in pages
    ]
    counts = Counter(key for edge in edges for key in {(side, _key(line)) for side, line in edge})
    repeated = {key for key, n in counts.items() if n >= 2 and n > len(pages) / 2}
    kept = []
    for page, edge in zip(pages, edges, strict=True):
        drop = {
            id(line)
            for side, line in edge
            if PAGE_NUMBER.fullmatch(line.text.strip()) or (side, _key(line)) in repeated
        }
        kept.append([line for line in page if id(line) not in drop])
    return kept


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def margins(lines: list[Line]) -> tuple[float, float]:
    """The text block's left and right edges, read from the long lines.

    Not the extremes: Word lets a line end in squeezed punctuation a little
    beyond the margin, so the right edge is the upper quartile of the long
    lines' ends and the left edge their lower decile.
    """
    if not lines:
        return 0.0, math.inf
    widest = max(line.x1 - line.x0 for line in lines)
    long = [line for line in lines if line.x1 - line.x0 >= widest / 2]
    lefts, rights = sorted(line.x0 for line in long), sorted(line.x1 for line in long)
    return lefts[(len(lefts) - 1) // 10], rights[(len(rights) - 1) * 3 // 4]


def paragraphs(lines: list[Line], left: float, right: float) -> list[Paragraph]:
    """Joins a run of lines (no table between them) into paragraphs.

    A line continues the previous one when, on the same page, the vertical
    gap is no more than a line's height, and either both lines are centred (a
    wrapped title) or: the previous line was broken because this line's first
    word would not have fitted at its end, this line starts at the left edge
    (Chinese paragraphs open with an indent, headings are short or centred),
    and it does not open with an enumeration mark ("三、", "（一）", "1."). A
    paragraph carries the page of its first line.
    """
    out: list[Paragraph] = []
    text, page, previous = "", None, None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right):
            text = join_text(text, line.text)
        else:
            if text:
                out.append(Paragraph(text, page))
            text, page = line.text, line.page
        previous = line
    if text:
        out.append(Paragraph(text, page))
    return out


def _continues(previous: Line, line: Line, left: float, right: float) -> bool:
    em = (previous.x1 - previous.x0) / max(_width(previous.text), 1.0)
    if line.page == previous.page and line.top - previous.bottom > (previous.bottom - previous.top) * 1.2:
        return False
    if _centred(previous, left, right, em) and _centred(line, left, right, em) and line.x0 > left + em:
        return True  # a title wrapped over two centred lines
    word = re.match(r"[!-~]+|.", line.text).group()
    fits = right - previous.x1 > (_width(word) + 0.5) * em  # the first word would have fitted above
    return not fits and line.x0 <= left + em / 2 and not ENUMERATION.match(line.text)


def _width(text: str) -> float:
    """Width in ems: CJK characters are square, Latin letters and digits about half as wide."""
    return sum(0.55 if char.isascii() else 1.0 for char in text)


def _centred(line: Line, left: float, right: float, em: float) -> bool:
    return abs((line.x0 - left) - (right - line.x1)) < em
