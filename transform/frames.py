"""Turning a batch of extracted reports into the Arrow-ready frames the loader inserts.

Everything row-shaped is built here, in polars, so that the warehouse sees
whole columns: a batch reaches DuckDB as a handful of Arrow tables and
set-based SQL, never as row-by-row inserts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

import gongkai
from extract.model import facts_schema
from transform.agency import describe_agency
from transform.warehouse import utc_now

if TYPE_CHECKING:
    from transform.load import LoadItem

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String,
    "url": pl.String,
    "fetched_at": pl.Datetime("us"),
    "content_type": pl.String,
    "extractor_version": pl.String,
    "agency": pl.String,
    "year": pl.Int32,
    "format": pl.String,
    "kind": pl.String,
    "sections": pl.List(pl.String),
    "narrative": pl.String,
    "archive_path": pl.String,
    "run_id": pl.String,
    "loaded_at": pl.Datetime("us"),
}
AGENCY_SCHEMA: dict[str, pl.DataType] = {
    "name": pl.String,
    "name_printed": pl.String,
    "region": pl.String,
    "level": pl.String,
    "portal_host": pl.String,
}
ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String,
    "severity": pl.String,
    "code": pl.String,
    "message": pl.String,
    "location": pl.String,
}


@dataclass(frozen=True, slots=True)
class Batch:
    """One load's rows: a document appears once however often it was passed in."""

    documents: pl.DataFrame
    facts: pl.DataFrame
    issues: pl.DataFrame
    agencies: pl.DataFrame


def utc_naive(moment: datetime) -> datetime:
    """Warehouse timestamps are UTC without zone, so every reader sees the same instant."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def build_batch(items: Sequence[LoadItem], run_id: str | None) -> Batch:
    unique = list({item.content_sha256: item for item in reversed(items)}.values())[::-1]
    loaded_at = utc_now()
    documents = pl.DataFrame(
        {
            "document_id": [i.content_sha256 for i in unique],
            "url": [i.url for i in unique],
            "fetched_at": [utc_naive(i.fetched_at) for i in unique],
            "content_type": [i.content_type for i in unique],
            "extractor_version": [gongkai.__version__] * len(unique),
            "agency": [i.report.agency for i in unique],
            "year": [i.report.year for i in unique],
            "format": [i.report.format for i in unique],
            "kind": [i.report.kind for i in unique],
            "sections": [list(i.report.sections) for i in unique],
            "narrative": [json.dumps(i.report.narrative, ensure_ascii=False) for i in unique],
            "archive_path": [i.archive_path for i in unique],
            "run_id": [run_id] * len(unique),
            "loaded_at": [loaded_at] * len(unique),
        },
        schema=DOCUMENT_SCHEMA,
    )
    return Batch(documents, _facts(unique), _issues(unique), _agencies(unique))


def _facts(items: Sequence[LoadItem]) -> pl.DataFrame:
    frames = [item.report.facts_frame() if item.facts is None else item.facts for item in items]
    ids = pl.Series("document_id", [item.content_sha256 for item in items], dtype=pl.String)
    owner = np.repeat(np.arange(len(frames)), [frame.height for frame in frames])
    facts = pl.concat(frames) if frames else pl.DataFrame(schema=facts_schema())
    return facts.with_columns(ids.gather(owner))


def _issues(items: Sequence[LoadItem]) -> pl.DataFrame:
    rows = [
        (item.content_sha256, issue.severity, issue.code, issue.message, issue.where.describe() or None)
        for item in items
        for issue in item.report.issues
    ]
    return pl.DataFrame(rows, schema=ISSUE_SCHEMA, orient="row")


def _agencies(items: Sequence[LoadItem]) -> pl.DataFrame:
    hosts: dict[str, str | None] = {}
    for item in items:
        if item.report.agency:
            hosts[item.report.agency] = hosts.get(item.report.agency) or item.portal_host
    rows = [(name, name, *describe_agency(name), host) for name, host in hosts.items()]
    return pl.DataFrame(rows, schema=AGENCY_SCHEMA, orient="row")
