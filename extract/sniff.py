"""Which reader a document needs, decided by its bytes (magic numbers) before its name or headers.

Portals serve PDFs as application/octet-stream and HTML as text/plain, so the
content type is only a tie-breaker for text-like bytes. Readers are imported
on demand: a text or HTML report never loads pdfplumber.
"""

from __future__ import annotations

from extract.model import Document, UnreadableDocument

MAX_BYTES = 64 * 1024 * 1024  # a report is a few MB at most; larger inputs are refused, not parsed


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_share(head: bytes) -> float:
    """Share of control bytes: text, HTML and every CJK encoding have next to none."""
    return (len(head) - len(head.translate(None, _CONTROL))) / max(len(head), 1)


def kind_of(data: bytes, content_type: str | None = None) -> str:
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if _control_share(head) > 0.02 and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    lowered = head.lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<table", b"<div", b"<p>", b"<meta")):
        return "html"
    if content_type and "html" in content_type.lower():
        return "html"
    return "text"


def read_document(data: bytes, *, content_type: str | None = None, source: str | None = None) -> Document:
    """Parse ``data`` into blocks with the reader its bytes call for."""
    if not data.strip():
        raise UnreadableDocument("empty document")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(f"document too large ({len(data) // 2**20} MB; limit {MAX_BYTES // 2**20} MB)")
    kind = kind_of(data, content_type)
    if kind == "pdf":
        from extract.pdf_tables import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from extract.docx_tables import read_docx

        return read_docx(data)
    if kind == "doc":
        from extract.doc_tables import read_doc

        return read_doc(data)
    if kind in ("zip", "binary"):
        raise UnreadableDocument("not a report: binary data that is not PDF, DOCX, HTML or text")
    if kind == "html":
        from extract.html_tables import read_html

        return read_html(data, content_type)
    from extract.decode import charset_from_content_type, decode_text
    from extract.text_tables import read_text

    return read_text(decode_text(data, charset_from_content_type(content_type)))
