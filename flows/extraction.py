"""Reading fetched documents, as the fetch and extraction tasks do it.

Extraction results are cached by the document's content hash and the
extractor's own source code: the same bytes read by the same code give the
same report, so a resumed run does not read a PDF twice, and a changed
extractor reads everything again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import extract
from extract import extract_report
from extract.model import Report, UnreadableDocument


def read_or_none(data: bytes, content_type: str | None, url: str) -> Report | None:
    """The report in ``data``, or None when the document holds no readable report (never raises for bad input)."""
    try:
        return extract_report(data, content_type=content_type, source=url)
    except UnreadableDocument:
        return None


def extraction_cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    return f"extract-{parameters['sha256']}-{extractor_version()}"


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(extract.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
