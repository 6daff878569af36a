"""Finding annual reports on portal pages: pure functions, HTML bytes in, links out.

A column (listing) page yields the links whose title names an annual
information-disclosure report, plus its other pages (links such as
``index_1.html`` or pagination that exists only in a
``createPageHTML(total, current, "index", "html")`` script). A report page
yields its attachments (PDF, DOCX, DOC), best rendition first.

Decoys: anything about the report rather than the report itself is left
out by title, including 解读 (interpretation) pages. A 解读 restates a few
of the report's figures in prose, so it never adds a value the report lacks,
and loading it would put a second, partial document for the same
agency-year beside the real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from posixpath import basename, dirname
from urllib.parse import urljoin, urlsplit

import lxml.html

from extract.decode import charset_from_content_type, decode_text
from extract.normalize import to_simplified


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str
    date: str | None = None  # ISO date printed next to the link, if any


@dataclass(slots=True)
class Page:
    url: str
    title: str
    reports: list[Link] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # other pages of the same listing
    attachments: list[Link] = field(default_factory=list)
    has_table: bool = False

    def is_report(self) -> bool:
        """A page that is itself a report: report-titled, with tables or attachments, not a list of reports."""
        return (
            is_annual_report_title(self.title) and (self.has_table or bool(self.attachments)) and len(self.reports) < 2
        )


# An annual disclosure report: the subject (信息公开 / 政务公开) and an annual report (年度报告, 年报, 年度…工作报告).
_SUBJECT = re.compile(r"信息公开|政务公开")
_ANNUAL = re.compile(r"年度报告|年报|年度.{0,10}工作报告|工作报告.{0,3}[(（]?\d{4}")
# Documents about the report or about disclosure in general, which portals list beside it.
_NOT_A_REPORT = re.compile(
    r"指南|要点|制度|规定|办法|通知|解读|图解|一图|读懂|说明|目录|决算|预算|考核|测评|评估|意见|方案|清单"
)
_YEAR = re.compile(r"(?:19|20)\d{2}|[二][〇○零][一二三四五六七八九〇○零]{2}")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ATTACHMENT = re.compile(r"\.(pdf|docx|doc|wps)(?:$|[?#&])", re.IGNORECASE)
_PREFERENCE = {"pdf": 0, "docx": 1, "doc": 2, "wps": 3}
_PAGER_TEXT = re.compile(r"^(\d+|下一?页|上一?页|尾页|末页|首页|next|prev|last|first|>+|<+)$", re.IGNORECASE)
_SCRIPT_PAGER = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_PAGE_COUNT = re.compile(r"\b(?:countPage|pageCount|totalPage|page_count)\s*=\s*(\d+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INTRODUCED = re.compile(r"附件\s*\d*\s*[：:]?\s*\d*[.、]?\s*$")
_HTML_PAGE = re.compile(r"\.(s?html?|jsp|aspx?|php)$", re.IGNORECASE)


def is_annual_report_title(title: str) -> bool:
    text = to_simplified(re.sub(r"\s+", "", title))
    return bool(_SUBJECT.search(text) and _ANNUAL.search(text) and not _NOT_A_REPORT.search(text))


def parse_page(data: bytes, url: str, content_type: str | None = None) -> Page:
    """Everything discovery needs from one HTML page; never raises on odd markup."""
    # lxml refuses a str that still carries an encoding declaration, as XHTML pages on many portals do.
    text = _XML_DECLARATION.sub("", decode_text(data, charset_from_content_type(content_type)))
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return Page(url, "")
    base = urljoin(url, (tree.xpath("//base/@href") or [url])[0])
    page = Page(url, _page_title(tree), has_table=_has_data_table(tree))
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        target = urljoin(base, href).split("#")[0]
        title = _anchor_title(anchor)
        attachment = _is_attachment(anchor, target, title)
        if attachment:
            page.attachments.append(Link(target, title))
        date = _date_near(anchor)
        # A report link names its year or sits beside a date; a title with neither is a
        # column name in a menu or breadcrumb (政府信息公开年报), which leads to a listing.
        if is_annual_report_title(title) and (date or _YEAR.search(title)) and target != url and target not in seen:
            seen.add(target)
            page.reports.append(Link(target, title, date))
        elif not attachment and _is_pager(target, title, url):
            page.pages.append(target)
    for element in tree.xpath("//iframe[@src] | //embed[@src] | //object[@data]"):
        target = urljoin(base, element.get("src") or element.get("data"))
        if _ATTACHMENT.search(target):
            page.attachments.append(Link(target, ""))
    page.pages = _unique(page.pages + script_pages(text, url))
    page.attachments = _best_first(page.attachments)
    return page


def script_pages(text: str, url: str) -> list[str]:
    """Pages named by a ``createPageHTML(total, current, prefix, ext)`` call (TRS-style portals).

    Newer templates put an element id first and a record count last, so the
    arguments are read by kind: the first two numbers are (total, current),
    and the prefix is the string just before the extension. Without such a
    call, a ``countPage = N`` variable pages the current file name.
    """
    for found in _SCRIPT_PAGER.finditer(text):  # a page may define the function before calling it
        if pages := _script_call_pages(found.group(1), text, url):
            return pages
    count = _PAGE_COUNT.search(text)
    stem, dot, ext = basename(urlsplit(url).path).partition(".")
    if not count or not dot:
        return []
    stem = stem.split("_")[0]
    return [urljoin(url, f"{stem}.{ext}" if n == 0 else f"{stem}_{n}.{ext}") for n in range(int(count.group(1)))]


def _script_call_pages(arguments: str, text: str, url: str) -> list[str]:
    numbers, strings = [], []
    for raw in arguments.split(","):
        arg = raw.strip()
        if arg[:1] in "\"'":
            strings.append(arg.strip("\"'"))
        elif arg.isdigit():
            numbers.append(int(arg))
        elif value := re.search(rf"\b{re.escape(arg)}\s*=\s*(\d+)", text) if arg.isidentifier() else None:
            numbers.append(int(value.group(1)))
    extensions = [i for i, s in enumerate(strings) if s.lower() in ("html", "htm", "shtml")]
    if not numbers or not extensions or extensions[0] == 0:
        return []
    prefix, ext = strings[extensions[0] - 1], strings[extensions[0]]
    return [urljoin(url, f"{prefix}.{ext}" if n == 0 else f"{prefix}_{n}.{ext}") for n in range(numbers[0])]


def _is_pager(target: str, title: str, url: str) -> bool:
    """Another page of the same listing: same folder, and either a pager's text or the ``<stem>_<n>`` name."""
    here, there = urlsplit(url), urlsplit(target)
    if (here.netloc, dirname(here.path)) != (there.netloc, dirname(there.path)):
        return False
    stem = basename(here.path).split(".")[0].split("_")[0] or "index"
    if re.fullmatch(rf"{re.escape(stem)}(_\d+)?\.\w+", basename(there.path)):
        return True
    return bool(_PAGER_TEXT.match(title)) and there.path == here.path and bool(there.query)


def _is_attachment(anchor: lxml.html.HtmlElement, target: str, title: str) -> bool:
    """A document by its extension, or a download link introduced as 附件 (attachment) that is not a web page."""
    if _ATTACHMENT.search(target) or _ATTACHMENT.search(title + "&"):
        return True
    introduced = title.startswith("附件") or bool(_INTRODUCED.search(_text_before(anchor)))
    return introduced and not _HTML_PAGE.search(urlsplit(target).path)


def _text_before(anchor: lxml.html.HtmlElement) -> str:
    """The text of the anchor's parent up to the anchor (``<p>附件：<a ...>``)."""
    parent = anchor.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for child in parent:
        if child is anchor:
            break
        parts += [child.text_content(), child.tail or ""]
    return "".join(parts)


def _anchor_title(anchor: lxml.html.HtmlElement) -> str:
    """The link's text, or its ``title`` attribute where portals keep the untruncated title."""
    text = " ".join(anchor.text_content().split())
    attribute = " ".join((anchor.get("title") or "").split())
    return attribute if len(attribute) > len(text.rstrip(".…")) else text


def _date_near(anchor: lxml.html.HtmlElement) -> str | None:
    """The date printed in the smallest enclosing element that holds this link and no other."""
    node = anchor
    for _ in range(3):
        node = node.getparent()
        if node is None or len(node.findall(".//a")) > 1:
            return None
        found = _DATE.search(node.text_content())
        if found:
            year, month, day = found.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def _page_title(tree: lxml.html.HtmlElement) -> str:
    for path in ("//title", "//h1", "//h2"):
        for element in tree.xpath(path):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return ""


def _has_data_table(tree: lxml.html.HtmlElement) -> bool:
    """A table with several rows of cells and several bare numbers, as report tables have.

    Listing pages often lay their links out in a table of many rows; those
    hold titles and dates, never bare numbers.
    """
    for table in tree.iter("table"):
        cells = table.xpath(".//tr/td")
        numbers = sum(bool(re.fullmatch(r"\d+(\.\d+)?", " ".join(td.text_content().split()))) for td in cells)
        if len(table.xpath(".//tr[td]")) >= 5 and numbers >= 5:
            return True
    return False


def _best_first(links: list[Link]) -> list[Link]:
    unique = {link.url: link for link in reversed(links)}
    ordered = [unique[url] for url in _unique([link.url for link in links])]
    return sorted(ordered, key=lambda link: _PREFERENCE.get(_extension(link), 9))


def _extension(link: Link) -> str:
    found = _ATTACHMENT.search(link.url) or _ATTACHMENT.search(link.title + "&")
    return found.group(1).lower() if found else ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
