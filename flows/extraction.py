"""Reading fetched documents, as the fetch and extraction tasks do it.

A reading is prepared for the crawl's single warehouse writer where the
report was read (a reader process, an extraction task), because every
report passes through that one thread: the fingerprint is computed there,
the facts travel as a ready frame rather than as hundreds of objects, and
what choosing a rendition needs (section 三 values, how many values) is
counted there too. A report that does not name its agency takes the name
from the sources file before it is fingerprinted, so that every run
fingerprints the same report the same way.

Extraction results are cached by the document's content hash, the agency
passed in and the extractor's own source code: the same bytes read by the
same code give the same report, so a resumed run does not read a PDF twice,
and a changed extractor reads everything again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

import extract
from extract import extract_report
from extract.model import Issue, Report, UnreadableDocument

READ_SHAPE = 5  # bump when ``Read`` or its fingerprint changes, so cached readings of an old shape are not reused


@dataclass(frozen=True, slots=True)
class Read:
    header: Report  # the report without its facts, which travel as ``facts``
    facts: pl.DataFrame  # ``Report.facts_frame()``
    fingerprint: str
    section3: bool  # section 三 holds values: the page is the report, its attachments are not needed
    values: int  # facts with a value


def has_section3(report: Report) -> bool:
    return any(fact.metric.startswith("s3.") and fact.value is not None for fact in report.facts)


def fingerprint(header: Report, facts: pl.DataFrame) -> str:
    """Identity of what was read (not of the bytes): a page whose view counter ticks is still unchanged.

    The facts are hashed as the frame already built for loading, row by row
    in polars: half of what writing the frame as JSON and hashing that cost
    a reader process. Polars promises those row hashes only within one of
    its versions: after an upgrade, as after a change of ``READ_SHAPE``, a
    document whose bytes changed since the last run counts as changed once.
    """
    digest = hashlib.sha256(json.dumps(header.to_json(), sort_keys=True, ensure_ascii=False, default=str).encode())
    digest.update(array("Q", facts.hash_rows().to_list()))  # not numpy: a reader process does not import it
    return digest.hexdigest()


def reading(report: Report, agency: str = "") -> Read:
    report = _with_agency(report, agency)
    header, facts = dataclasses.replace(report, facts=[]), report.facts_frame()
    return Read(
        header=header,
        facts=facts,
        fingerprint=fingerprint(header, facts),
        section3=has_section3(report),
        values=sum(fact.value is not None for fact in report.facts),
    )


def read_or_none(data: bytes, content_type: str | None, url: str, agency: str = "") -> Read | None:
    """The report in ``data``, or None when the document holds no readable report (never raises for bad input)."""
    try:
        return reading(extract_report(data, content_type=content_type, source=url), agency)
    except UnreadableDocument:
        return None


def _with_agency(report: Report, agency: str) -> Report:
    """A report that does not name its agency takes the name from the sources file, saying so."""
    if report.agency or not agency:
        return report
    note = Issue("info", "agency_from_sources", f"agency not named in the report; taken from sources.csv: {agency}")
    return dataclasses.replace(report, agency=agency, issues=[*report.issues, note])


def extraction_cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    agency = hashlib.sha256(parameters["agency"].encode()).hexdigest()[:8]
    return f"extract-{READ_SHAPE}-{parameters['sha256']}-{agency}-{extractor_version()}"


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(extract.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
