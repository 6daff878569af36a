"""The other pages of a column (listing) page: pager links and pagination that exists only in a script.

Pure: URLs and page text in, page URLs out. A page count comes from the
page itself, so it is capped: a template bug (or a trap) that claims two
billion pages must cost a bounded list, and the crawl's own page limit
decides how many of them are fetched.
"""

from __future__ import annotations

import re
from posixpath import basename, dirname
from urllib.parse import urljoin, urlsplit

MAX_SCRIPT_PAGES = 1000
# TRS ``createPageHTML`` and its relatives (``createPage``, ``setPage``, ``pagination``...), matched from their
# "pag": a leading ``\b\w*`` would be tried at every word start, and a CJK run is one long word.
_SCRIPT_PAGER = re.compile(r"pag\w*\s*\(([^()]*)\)", re.IGNORECASE)
# A page-count variable, matched in lowered text and checked for its word start in Python (``_assigned``):
# IGNORECASE and a leading ``\b`` each stop ``re`` from searching for the names as literals, 4x slower.
_PAGE_COUNT_NAMES = "countpage|pagecount|totalpage|page_count"
_PAGE_COUNT = re.compile(rf"(?:{_PAGE_COUNT_NAMES})\s*=\s*(\d+)")
_PAGE_COUNT_BYTES = re.compile(rf"(?:{_PAGE_COUNT_NAMES})\s*=\s*\d".encode())
_PAGER_WORD = re.compile(
    r"\d+|[上下前后]一?页|尾页|末页|最后一?页|首页|第一页|next|prev(?:ious)?|last|first", re.IGNORECASE
)
_PAGER_MARKS = " \t[]【】()（）<>«»‹›＜＞"
_COLUMN_FILE = re.compile(r"(?:index|list|default|main|more|node|channel|column|col|lm)(?:[_-]?\d+)?", re.IGNORECASE)


def script_pages(text: str, url: str) -> list[str]:
    """Pages named by a ``createPageHTML(total, current, prefix, ext)`` call (TRS-style portals).

    Newer templates put an element id first and a record count last, so the
    arguments are read by kind: the first two numbers are (total, current),
    and the prefix is the string just before the extension. Without such a
    call, a ``countPage = N`` variable pages the current file name.
    """
    lowered = text.lower()
    if "pag" not in lowered:  # neither kind can match: most report pages stop here, at a third of the cost
        return []
    for found in _SCRIPT_PAGER.finditer(text):  # a page may define the function before calling it
        if pages := _script_call_pages(found.group(1), text, url):
            return pages
    count = _assigned(_PAGE_COUNT, lowered)
    stem, dot, ext = basename(urlsplit(url).path).partition(".")
    if count is None or not dot:
        return []
    return _numbered(url, stem.split("_")[0], ext, count)


def counts_pages(data: bytes) -> bool:
    """Whether the raw page sets a page-count variable: a test cheap enough to run on every report page."""
    return _PAGE_COUNT_BYTES.search(data.lower()) is not None


def is_pager(target: str, title: str, url: str) -> bool:
    """Another page of the same listing: same folder, and the ``<stem>_<n>`` name or a pager's text.

    A link that differs only in its query (``list.jsp?cid=9&page=2``) is a page
    only when it reads as a pager: menus link sibling columns the same way. A
    pager's text also covers numbered names the stem cannot predict (a column
    given as ``.../ndbg/`` whose pages are ``list_1.html``).
    """
    here, there = urlsplit(url), urlsplit(target)
    if not same_folder(target, url):
        return False
    stem = basename(here.path).split(".")[0].split("_")[0] or "index"
    if not there.query and re.fullmatch(rf"{re.escape(stem)}(_\d+)?\.\w+", basename(there.path)):
        return True
    numbered = there.path != here.path and bool(re.search(r"\d+\.\w+$", there.path))
    return _reads_as_pager(title) and (numbered or (there.path == here.path and bool(there.query)))


def is_column_url(target: str) -> bool:
    """A link to a column page rather than a document: a folder, or a column's usual file name.

    Menus and breadcrumbs name columns as reports are named (政府信息公开工作年度报告),
    and a category label sits beside a record's title (``[年度报告]``); where the
    link goes is what tells them from a report: ``.../ndbg/``, ``index.html``,
    ``list.jsp?cid=9``, ``col/col123/index.html``, ``node_123.htm``.
    """
    try:
        path = urlsplit(target).path
    except ValueError:  # a link no parser accepts (an unfilled template) leads nowhere, to no column either
        return False
    return not basename(path) or bool(_COLUMN_FILE.fullmatch(basename(path).split(".")[0]))


def same_folder(target: str, url: str) -> bool:
    here, there = urlsplit(url), urlsplit(target)
    return (here.netloc, dirname(here.path)) == (there.netloc, dirname(there.path))


def _reads_as_pager(title: str) -> bool:
    """``2``, ``[2]``, ``下一页``, ``后页 >``, ``»``: a page number or word, or only arrows."""
    word = title.strip(_PAGER_MARKS)
    return bool(title) and (not word or bool(_PAGER_WORD.fullmatch(word)))


def _script_call_pages(arguments: str, text: str, url: str) -> list[str]:
    numbers, strings = [], []
    for raw in arguments.split(","):
        arg = raw.strip()
        if arg[:1] in "\"'":
            strings.append(arg.strip("\"'"))
        elif arg.isdigit():
            numbers.append(int(arg))
        elif (
            arg.isidentifier() and (value := _assigned(re.compile(rf"{re.escape(arg)}\s*=\s*(\d+)"), text)) is not None
        ):
            numbers.append(value)
    extensions = [i for i, s in enumerate(strings) if s.lower() in ("html", "htm", "shtml")]
    if not numbers or not extensions or extensions[0] == 0:
        return []
    return _numbered(url, strings[extensions[0] - 1], strings[extensions[0]], numbers[0])


def _assigned(assignment: re.Pattern[str], text: str) -> int | None:
    """The number in ``assignment``'s first match that starts a word (``xcountPage = 3`` is not a count)."""
    for found in assignment.finditer(text):
        before = text[found.start() - 1] if found.start() else " "
        if not (before.isalnum() or before == "_"):
            return int(found.group(1))
    return None


def _numbered(url: str, prefix: str, ext: str, count: int) -> list[str]:
    """``prefix.ext``, ``prefix_1.ext``, ... as TRS numbers a column's pages."""
    return [
        urljoin(url, f"{prefix}.{ext}" if n == 0 else f"{prefix}_{n}.{ext}")
        for n in range(min(count, MAX_SCRIPT_PAGES))
    ]
