"""A report page that its CMS split over several pages, and the one document they make together.

TRS and its kin page a long article as ``t20240120_123.html``,
``t20240120_123_1.html``, ``t20240120_123_2.html``, with pager links or a
``createPageHTML(3, 0, "t20240120_123", "html")`` script. A report split so
has its section 三 on one page and section 四 on the next: read page by
page, neither is the report. Pure: page text and URLs in, URLs and bytes out.
"""

from __future__ import annotations

import re
from posixpath import basename
from urllib.parse import urljoin, urlsplit

import lxml.html

from flows.discover import html_tree, page_text
from flows.pagination import counts_pages, script_pages

MAX_PARTS = 20  # an article's pages; a pager claiming more is not paging one report


def continuations(data: bytes, content_type: str | None, url: str) -> list[str]:
    """The further pages of the article at ``url``, in order: ``<its name>_1``, ``_2``… as far as they run
    unbroken from 1 (a stray ``_7`` elsewhere on the page is not a page of it)."""
    stem, dot, ext = basename(urlsplit(url).path).rpartition(".")
    if not dot or not stem or not _may_continue(data, stem):
        return []
    text = page_text(data, content_type)
    named = re.compile(rf"(?<![\w.-]){re.escape(stem)}_(\d+)\.{re.escape(ext)}(?![\w.])")
    numbers = {int(n) for n in named.findall(text)}
    numbers |= {int(m.group(1)) for page in script_pages(text, url) if (m := named.search(basename(page)))}
    run = 0
    while run + 1 in numbers and run < MAX_PARTS - 1:
        run += 1
    return [urljoin(url, f"{stem}_{n}.{ext}") for n in range(1, run + 1)]


def _may_continue(data: bytes, stem: str) -> bool:
    """A look at the raw bytes before decoding and searching the page, which every report page would pay
    for (several ms) and nearly every one is whole: the page must name ``<stem>_<n>``, or quote the stem (a
    pager script's prefix), or name the stem and set a page-count variable. Plain ``find``: a pattern per
    page's name would be compiled for every page of a crawl (the ``re`` cache holds 512)."""
    name = stem.encode()
    at = data.find(name)
    if at < 0:
        return False
    while at >= 0:
        after = data[at + len(name) : at + len(name) + 2]
        if after[:1] in (b'"', b"'") or (after[:1] == b"_" and after[1:2].isdigit()):
            return True
        at = data.find(name, at + 1)
    return counts_pages(data)


def joined(parts: list[tuple[bytes, str | None]]) -> bytes:
    """The pages as one HTML document: the first page with the others' bodies appended, in UTF-8.

    Each page is decoded by its own charset first, so a part served in GBK
    joins a part served in UTF-8.
    """
    trees = [html_tree(page_text(data, content_type)) for data, content_type in parts]
    first = trees[0]
    if first is None:
        return parts[0][0]
    body = first.body
    for tree in trees[1:]:
        if tree is not None:
            body.extend(list(tree.body))
    return lxml.html.tostring(first, encoding="utf-8", doctype="<!DOCTYPE html>")
