"""Which rendition of a report to load, when a portal publishes it more than once.

Many portals publish the report as an HTML article and attach the same
report as PDF or Word; some pages only say "see attachment". The rule:

1. The HTML page is used when its inline tables hold section 三 values; its
   attachments are then not even fetched.
2. Otherwise every attachment that reads is a candidate beside the page, and
   the one with section 三 values wins, then the one with most values, then
   the earlier of page, PDF, DOCX, DOC (in that order) on a tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flows.extraction import Read


@dataclass(frozen=True, slots=True)
class Rendition:
    """One fetched document, archived under its hash before anything parsed it."""

    url: str
    sha256: str
    path: str
    content_type: str | None
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    kind: str  # html, pdf, docx, doc, text


def choose(candidates: list[tuple[Rendition, Read | None]]) -> tuple[Rendition, Read] | None:
    """The best readable candidate; candidates come page first, then attachments best-first."""
    # A document that reads but holds no table value at all (a 解读 in prose, a notice, a listing that
    # looked like a report) is not a report: loading it would put an empty document in the warehouse.
    # Reports from before 2019 are the exception: their free-form tables give no facts by design, and the
    # spec asks to keep them as documents of format pre2019.
    readable = [
        (rendition, read)
        for rendition, read in candidates
        if read is not None and (read.facts.height or read.header.format == "pre2019")
    ]
    if not readable:
        return None
    return max(readable, key=lambda c: (c[1].section3, c[1].values))
