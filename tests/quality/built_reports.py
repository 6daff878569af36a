"""Hand-built reports loaded into a real DuckDB warehouse through the real loader."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from pathlib import Path

from extract.model import Fact, Report, Where
from gongkai.bench.quality import Cells, consistent_cells
from gongkai.metrics import BY_CODE
from transform.load import LoadItem, load_reports


def adding_up(years: int, seed: int, fmt: str = "2021") -> list[Cells]:
    """Cells of consecutive reports of one agency that satisfy every rule."""
    rng, carried, stock = random.Random(seed), {}, {}
    return [consistent_cells(rng, fmt, carried, stock) for _ in range(years)]


def report(agency: str, year: int, cells: Cells, fmt: str = "2021", narrative: dict | None = None) -> Report:
    facts = [
        Fact(metric, applicant, value, "" if value is None else str(value), Where(section=BY_CODE[metric].section))
        for (metric, applicant), value in cells.items()
    ]
    sections = sorted({f.where.section for f in facts})
    return Report(agency, year, fmt, ["一", *sections], facts, [], "html", narrative or {})


def load(db: Path, reports: list[Report]) -> None:
    items = []
    for r in reports:
        digest = hashlib.sha256(repr(r.to_json()).encode()).hexdigest()
        items.append(
            LoadItem(r, f"http://127.0.0.1/{digest[:8]}.html", digest, "text/html", datetime(2025, 2, 1), None, None)
        )
    load_reports(db, items)
