"""The synthetic agencies and documents the load and quality benchmarks hand the loader.

Both benchmarks feed ``transform.load.load_batch`` the frames ingestion would
build; what a bench document looks like (``DOCUMENT_SCHEMA``'s fields, its
agency and year) is defined here once, so a schema change is made in one
place and the two benchmarks keep loading the same kind of warehouse.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import polars as pl

from transform.frames import AGENCY_SCHEMA, DOCUMENT_SCHEMA

YEARS = (2021, 2022, 2023, 2024)
FETCHED = datetime(2025, 2, 1)


def agency_year(n: int) -> tuple[str, int]:
    """The agency and year of the ``n``th synthetic report: consecutive years of one agency, then the next."""
    return f"合成县第{n // len(YEARS)}局", YEARS[n % len(YEARS)]


def document_frames(documents: Iterable[tuple[str, str, int, str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, agencies) frames for (document_id, agency, year, format, narrative JSON) rows.

    Every document is an HTML page fetched at one instant with all four
    sections; each agency is known by the name it printed and nothing else.
    """
    rows = [
        (
            doc,
            f"https://gov.example.cn/{n}.html",
            FETCHED,
            "text/html",
            "bench",
            agency,
            year,
            fmt,
            "html",
            ["一", "二", "三", "四"],
            narrative,
            None,
            "bench",
            FETCHED,
        )
        for n, (doc, agency, year, fmt, narrative) in enumerate(documents)
    ]
    frame = pl.DataFrame(rows, schema=DOCUMENT_SCHEMA, orient="row")
    agencies = frame.select(pl.col("agency").unique(maintain_order=True).alias("name")).select(
        "name",
        pl.col("name").alias("name_printed"),
        *(pl.lit(None, pl.String).alias(c) for c in ("region", "level", "portal_host")),
    )
    return frame, agencies.cast(AGENCY_SCHEMA)
