"""Pure extraction: report bytes in, a typed ``Report`` out. No I/O here.

``extract_report`` sniffs the format, hands the bytes to the matching reader
(text, HTML, PDF, DOCX), each of which yields the same block stream, and then
interprets that stream against the metric dictionary.
"""

from __future__ import annotations

from extract.model import Report, UnreadableDocument

__all__ = ["Report", "UnreadableDocument", "extract_report"]


def extract_report(data: bytes, *, content_type: str | None = None, source: str | None = None) -> Report:
    """Read one report. ``content_type`` is the HTTP header value, if any (its charset is a hint only)."""
    from extract.interpret import interpret
    from extract.sniff import read_document

    return interpret(read_document(data, content_type=content_type, source=source))
