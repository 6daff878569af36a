"""What a listing's record says about its link: the full title a template hid, and the date beside it.

List templates print a record (an ``<li>``, a table row) as a link plus
furniture: a date cell, an index number, a category label linking to its
column, a title cut to fit with the full one kept out of sight. The record
is what tells a report's link apart from a menu's, so it is read as a unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from extract.normalize import normalize_label
from flows.pagination import is_column_url
from flows.titles import is_truncated, visible_part

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# A link that only says "open it" (查看, 详情, [下载]): the record's own text names what it opens.
_OPEN_IT = re.compile(r"\W*(?:点击)?(?:查看|浏览|阅读|下载|详情|详细)(?:详情|详细|全文|原文|信息)?\W*")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")

Record = Callable[[], list[lxml.html.HtmlElement]]  # a link's record (``record_of``), found when first asked for


def record_of(anchor: lxml.html.HtmlElement) -> Record:
    """The link's record, found only when its title or date is asked for: most links on a page are menus and
    footers whose titles need no record and whose dates are not wanted, and finding one scans the links
    around it (a third of a report page's discovery, when every link's was found)."""
    found: list[list[lxml.html.HtmlElement]] = []

    def record() -> list[lxml.html.HtmlElement]:
        if not found:
            found.append(_record(anchor))
        return found[0]

    return record


def _record(anchor: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements around the link, smallest first, up to three, while they hold no other link: its record.

    A category label linking to its column (``[年度报告]``), or a second link to
    the same target (an icon), shares the record; any other link ends it.
    """
    nodes: list[lxml.html.HtmlElement] = []
    node, href = anchor.getparent(), anchor.get("href")
    while node is not None and len(nodes) < 3:
        others = (a.get("href") or "" for a in node.iter("a") if a is not anchor)
        if any(other != href and not is_column_url(other) for other in others):
            break
        nodes.append(node)
        node = node.getparent()
    return nodes


def anchor_title(anchor: lxml.html.HtmlElement, record: Record) -> str:
    """The link's text, or the fuller title the template keeps beside it.

    The untruncated title sits in the link's ``title`` attribute, on an
    element inside it or around it (``<li title=...>``), or in hidden text;
    one that does not start as the cut text does names something else. A
    link that only says 查看 takes the record's own wording (信息公开目录 tables).
    """
    text = " ".join(_shown_text(anchor).split())
    attribute = " ".join((anchor.get("title") or "").split())
    if len(attribute) > len(visible_part(text)):
        text = attribute
    if _OPEN_IT.fullmatch(text) and (nodes := record()):
        own = set(anchor.itertext())
        wording = [" ".join(t.split()) for t in nodes[-1].itertext() if t.strip() and t not in own]
        text = max(wording, key=lambda t: len(_CJK.findall(t)), default=text)
    if text and not is_truncated(text):
        return text
    shown = visible_part(text)
    for fuller in _fuller_titles(anchor, record()):
        if len(fuller) > len(text) and normalize_label(fuller).startswith(shown):
            return fuller
    return text


def _fuller_titles(anchor: lxml.html.HtmlElement, record: list[lxml.html.HtmlElement]) -> list[str]:
    """Titles a template keeps out of sight: ``title`` attributes in and around the link, and hidden text."""
    inside = [element for element in anchor.iterdescendants() if isinstance(element.tag, str)]
    around = list(record[-1].iterdescendants()) if record else []
    hidden = [element.text_content() for element in inside + around if _is_hidden(element)]
    attributes = [element.get("title") or "" for element in inside + record]
    return [" ".join(title.split()) for title in attributes + hidden]


def _shown_text(element: lxml.html.HtmlElement) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _is_hidden(child):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    classes = set((element.get("class") or "").lower().split())
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "") or classes & {"hide", "hidden"}
    )


def date_in(record: Record) -> str | None:
    """The date printed in the smallest part of the link's record that prints one."""
    for node in record():
        found = _DATE.search(node.text_content())
        if found:
            year, month, day = found.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None
