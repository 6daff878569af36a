"""The five real seed reports, extracted from their bytes, and their golden answers.

Shared by the warehouse and quality tests that load real reports into a real
DuckDB file (``from tests.transform.seed_reports import ...``).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from extract import extract_report
from transform.load import LoadItem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))

Cells = dict[tuple[str, str | None], float | None]


def golden(seed: Path) -> dict:
    return json.loads((FIXTURES / "golden" / f"{seed.stem}.json").read_text(encoding="utf-8"))


def golden_cells(answer: dict) -> Cells:
    """(metric, applicant) -> value of every fact the golden answer lists."""
    return {(f["metric"], f["applicant"]): f["value"] for f in answer["facts"]}


def item(data: bytes, name: str, fetched_at: datetime | None = None) -> LoadItem:
    """A LoadItem for report bytes, extracted for real, identified by their sha256 like a fetched document."""
    digest = hashlib.sha256(data).hexdigest()
    return LoadItem(
        report=extract_report(data, source=name),
        url=f"https://gov.example.cn/{name}",
        content_sha256=digest,
        content_type="text/plain; charset=utf-8",
        fetched_at=fetched_at or datetime(2025, 2, 1, tzinfo=UTC),
        archive_path=None,
        portal_host="gov.example.cn",
    )


def seed_items() -> list[LoadItem]:
    return [item(seed.read_bytes(), seed.name) for seed in SEEDS]
