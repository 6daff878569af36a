"""Finding annual reports on portal pages: pure functions, HTML bytes in, links out.

A column (listing) page yields the links whose title names an annual
information-disclosure report (``flows.titles``), plus its other pages
(``flows.pagination``). A report page yields its attachments (PDF, DOCX,
DOC), best rendition first.

Portals keep links in more places than ``<a href>``: Hanweb (大汉 Jcms)
columns ship their records as markup inside ``<script type="text/xml">``,
older templates ``document.write`` their pagers, and some links open
through ``onclick="window.open('...')"``. Markup held in a script is read
as markup, and a scripted link's target is the URL it quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html

from extract.decode import charset_from_content_type, decode_text
from flows.link_record import anchor_title, date_in, record_of
from flows.pagination import is_column_url, is_pager, same_folder, script_pages
from flows.titles import is_annual_report_title, names_a_year, names_only_a_year


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


_ATTACHMENT = re.compile(r"\.(pdf|docx|doc|wps)(?:$|[?#&])", re.IGNORECASE)
_PREFERENCE = {"pdf": 0, "docx": 1, "doc": 2, "wps": 3}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INTRODUCED = re.compile(r"附件\s*\d*\s*[：:]?\s*\d*[.、]?\s*$")
_NEIGHBOUR = re.compile(r"[上下前后]一?[篇条]\s*[：:]?\s*$")  # 上一篇：<a>, the article before or after this one
_HTML_PAGE = re.compile(r"\.(s?html?|jsp|aspx?|php)$", re.IGNORECASE)
_STATIC_PAGE = re.compile(r"\.s?html?$", re.IGNORECASE)
_QUOTED_URL = re.compile(r"""["']([^"'\s()]+\.(?:s?html?|jsp|aspx?|php|pdf|docx?|wps)(?:\?[^"'\s]*)?)["']""", re.I)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.IGNORECASE)
_LOCATION = re.compile(r"""location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.replace\(\s*["']([^"']+)""")
_NUMBER = re.compile(r"\d+(\.\d+)?")
_SCRIPT_MARKUP = re.compile(r"<!\[CDATA\[|\]\]>|\\(?=[\"'/])")


def parse_page(data: bytes, url: str, content_type: str | None = None) -> Page:
    """Everything discovery needs from one HTML page; never raises on odd markup."""
    text = page_text(data, content_type)
    tree = html_tree(text)
    if tree is None:
        return Page(url, "")
    base = _resolved(url, (tree.xpath("//base/@href") or [url])[0]) or url
    page = Page(url, _page_title(tree), has_table=_has_data_table(tree))
    seen: set[str] = set()
    # A column of annual reports (its title names them, and no year) may list its entries by year alone.
    column = is_annual_report_title(page.title) and not names_a_year(page.title)
    for element in _elements(tree):
        if element.tag != "a":
            target = _resolved(base, (element.get("src") or element.get("data") or "").strip())
            if target is None:
                continue
            if _ATTACHMENT.search(target):
                page.attachments.append(Link(target, ""))
            elif element.tag in ("iframe", "frame") and same_folder(target, url) and target != url:
                page.pages.append(target)  # the list framed in its own column
            continue
        href = _href(element)
        target = _resolved(base, href.split("#")[0]) if href else None
        if target is None:
            continue
        record = record_of(element)
        title = anchor_title(element, record)
        attachment = _is_attachment(element, target, title)
        if attachment:
            page.attachments.append(Link(target, title))
        named = is_annual_report_title(title) or (column and names_only_a_year(title))
        date = date_in(record) if named else None
        # A report link names its year, sits beside a date, or leads to a document: a year's sub-column lists
        # its report as plain 政府信息公开工作年度报告. A column name in a menu or breadcrumb leads to a column.
        located = date or names_a_year(title) or attachment or not is_column_url(target)
        if named and located and target != url and target not in seen:
            if not _NEIGHBOUR.search(_text_before(element)):
                seen.add(target)
                page.reports.append(Link(target, title, date))
        elif not attachment and is_pager(target, title, url):
            page.pages.append(target)
    if (redirect := _redirect(tree)) and (target := _resolved(base, redirect)):
        if _ATTACHMENT.search(target):
            page.attachments.append(Link(target, page.title))
        elif target != url:
            page.pages.append(target)
    page.pages = _unique(page.pages + script_pages(text, url))
    page.attachments = _best_first(page.attachments)
    return page


def page_text(data: bytes, content_type: str | None) -> str:
    """The page decoded, without an XML declaration: lxml refuses a str that still carries an encoding
    declaration, as XHTML pages on many portals do."""
    return _XML_DECLARATION.sub("", decode_text(data, charset_from_content_type(content_type)))


def html_tree(text: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None


def _elements(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Links and embedded documents in page order, then those held as markup in the page's scripts."""
    found = list(tree.iter("a", "iframe", "frame", "embed", "object"))
    for script in tree.iter("script"):
        source = _SCRIPT_MARKUP.sub("", script.text or "")
        if "<a" in source:
            try:
                found += lxml.html.fragment_fromstring(source, create_parent="div").iter("a")
            except (lxml.etree.ParserError, ValueError):
                continue
    return found


def _redirect(tree: lxml.html.HtmlElement) -> str | None:
    """Where a stub page sends the browser: a meta refresh, or a script's ``location`` on a page without links."""
    for content in tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh') = 'refresh']/@content"):
        if found := _REFRESH_URL.search(content):
            return found.group(1)
    if tree.xpath("//a[@href]"):
        return None
    for script in tree.iter("script"):
        if found := _LOCATION.search(script.text or ""):
            return found.group(1) or found.group(2)
    return None


def _href(anchor: lxml.html.HtmlElement) -> str:
    """The link's target: its href, or for a scripted link the URL its script quotes."""
    href = (anchor.get("href") or "").strip()
    if href.startswith("mailto:"):
        return ""
    if not href or href.startswith(("javascript:", "#")):
        quoted = _QUOTED_URL.search(f"{href} {anchor.get('onclick') or ''}")
        return quoted.group(1) if quoted else ""
    return href


def _resolved(base: str, href: str) -> str | None:
    """``href`` as an absolute URL (unwrapped from a viewer page), or None when no URL parser accepts it: a
    template left unfilled (``http://[#siteurl#]/a.html``) is one bad link, not a page that cannot be read."""
    try:
        return _unwrapped(urljoin(base, href))
    except ValueError:
        return None


def _unwrapped(target: str) -> str:
    """The document a static viewer page (pdf.js ``viewer.html?file=...``) loads, else the target itself."""
    if "?" not in target:  # no query to name a document (most links: skips splitting the URL)
        return target
    parts = urlsplit(target)
    if not _STATIC_PAGE.search(parts.path):
        return target
    for _, value in parse_qsl(parts.query):
        if _ATTACHMENT.search(value):
            return urljoin(target, value)
    return target


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
        if len(table.xpath(".//tr[td]")) < 5:
            continue
        numbers = 0
        for cell in table.xpath(".//tr/td"):
            numbers += bool(_NUMBER.fullmatch(cell.text_content().strip()))
            if numbers == 5:
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
