"""What the crawler remembers between nights, in one small JSON file beside the warehouse.

Per URL: the validators (ETag / Last-Modified) and content hash of the last
copy that reached the warehouse, so the next run asks only "has it changed?";
per listing page: the report links it held, so a 304 still yields them; per
host: robots.txt. Failures are not kept here: a failed URL has no record, so
it is simply fetched again next run, and the warehouse's ``crawl_outcomes``
says why and since when. A document's record is written only after its load commits,
so a run killed midway simply fetches the rest again next time.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from flows.discover import Link
from flows.robots import RobotsRecord


@dataclass(slots=True)
class DocumentRecord:
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    rendition: str | None = None  # for a report page: the URL whose bytes were loaded (itself or an attachment)
    fingerprint: str | None = None  # hash of the extracted report: an unchanged report is not reloaded
    # or "unreadable" (not retried until the bytes change), "listing" (lists reports) or "not_a_report" (a decoy)
    outcome: str = "loaded"


@dataclass(slots=True)
class ListingRecord:
    etag: str | None = None
    last_modified: str | None = None
    reports: list[Link] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CrawlState:
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    listings: dict[str, ListingRecord] = field(default_factory=dict)
    robots: dict[str, RobotsRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> CrawlState:
        if not path.exists():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            documents={url: DocumentRecord(**r) for url, r in raw.get("documents", {}).items()},
            listings={
                url: ListingRecord(r["etag"], r["last_modified"], [Link(**link) for link in r["reports"]], r["pages"])
                for url, r in raw.get("listings", {}).items()
            },
            robots={host: RobotsRecord(**{**r, "checked": False}) for host, r in raw.get("robots", {}).items()},
        )

    def save(self, path: Path) -> None:
        """Write to a temporary file and rename, so a kill never leaves half a state file.

        The writer saves once a second during a crawl, so this is kept cheap: records
        (thousands) are flattened by a field list rather than by ``asdict``, which
        copies every value, and without indentation json uses its C encoder.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        plain = {
            "documents": {url: _plain(r) for url, r in self.documents.items()},
            "listings": {
                url: {**_plain(r), "reports": list(map(_plain, r.reports))} for url, r in self.listings.items()
            },
            "robots": {host: _plain(r) for host, r in self.robots.items()},
        }
        payload = json.dumps(plain, ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(tmp, path)


def _plain(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def state_path(db_path: Path) -> Path:
    """The state file travels with its warehouse: ``data/warehouse.duckdb`` -> ``data/warehouse.crawl.json``."""
    return db_path.with_suffix(".crawl.json")
