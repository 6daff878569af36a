"""Reading an HTML report page whole, where it is read: its report, and when that is not all, its links.

A page whose own tables hold section 三 is the report. Any other page may
hold the report in attachments, or list reports (a hub), and only its links
say which; finding them parses the page again. Doing that in the reader
process, beside the extraction, keeps it off the crawler's one interpreter,
which every page's fetching, settling and loading already share.

A page that its CMS split over several pages (``flows.article_pages``) is
not read alone: the crawler fetches the rest and reads them joined. And a
page reached by a link title the list template cut short is first checked
against the title it prints (``flows.cut_titles``): a decoy is not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.article_pages import continuations
from flows.cut_titles import full_title
from flows.discover import Page, parse_page
from flows.extraction import Read, read_or_none
from flows.titles import is_annual_report_title, is_truncated


@dataclass(frozen=True, slots=True)
class PageReading:
    read: Read | None  # None: the page holds no readable report
    links: Page | None  # the page's links, unless its own tables hold the report (section 三 values)
    continued: list[str] = field(default_factory=list)  # the article's further pages: read nothing until joined
    decoy: str | None = None  # the title the page prints, when the cut link title stood for another document


def read_page(
    data: bytes, content_type: str | None, url: str, agency: str = "", whole: bool = False, title: str = ""
) -> PageReading:
    """``url`` is where the bytes came from (after redirects): the page's links are resolved against it.
    ``whole``: the pages of a split article, joined; its pager is not followed again. ``title``: the link's."""
    if is_truncated(title):
        printed = full_title(data, content_type, title)
        if printed and not is_annual_report_title(printed):
            return PageReading(None, None, decoy=printed)
    continued = [] if whole else continuations(data, content_type, url)
    if continued:
        return PageReading(None, None, continued)
    read = read_or_none(data, content_type, url, agency)
    links = None if read is not None and read.section3 else parse_page(data, url, content_type)
    return PageReading(read, links)
