"""Reading fetched documents, as the fetch and extraction tasks do it.

A reading carries its report's fingerprint, computed where the report was
read (a reader process, an extraction task) rather than on the warehouse
writer's thread, which every report passes through one at a time.

Extraction results are cached by the document's content hash and the
extractor's own source code: the same bytes read by the same code give the
same report, so a resumed run does not read a PDF twice, and a changed
extractor reads everything again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import extract
from extract import extract_report
from extract.model import Report, UnreadableDocument

READ_SHAPE = 2  # bump when ``Read`` changes, so cached extraction results of the old shape are not reused


@dataclass(frozen=True, slots=True)
class Read:
    report: Report
    fingerprint: str


def fingerprint(report: Report) -> str:
    """Identity of what was read (not of the bytes): a page whose view counter ticks is still unchanged."""
    payload = json.dumps(report.to_json(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def reading(report: Report) -> Read:
    return Read(report, fingerprint(report))


def read_or_none(data: bytes, content_type: str | None, url: str) -> Read | None:
    """The report in ``data``, or None when the document holds no readable report (never raises for bad input)."""
    try:
        return reading(extract_report(data, content_type=content_type, source=url))
    except UnreadableDocument:
        return None


def extraction_cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    return f"extract-{READ_SHAPE}-{parameters['sha256']}-{extractor_version()}"


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(extract.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
