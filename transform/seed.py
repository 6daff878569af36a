"""The metric and applicant dimensions, seeded from ``gongkai.metrics`` at every migrate.

The metric dictionary is defined once, in Python; the warehouse copies it
rather than restating it in SQL, so a label fixed there reaches the views on
the next migrate without a migration.
"""

from __future__ import annotations

import duckdb
import polars as pl

from gongkai.metrics import APPLICANTS, METRICS


def metric_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [m.code for m in METRICS],
            "ordinal": list(range(len(METRICS))),
            "section": [m.section for m in METRICS],
            "row_label": [m.row_label for m in METRICS],
            "col_label": [m.col_label for m in METRICS],
            "group_label": [m.group_label for m in METRICS],
            "unit": [m.unit for m in METRICS],
            "kind": [m.kind for m in METRICS],
            "parent_code": [m.parent for m in METRICS],
            "has_applicant": [m.has_applicant for m in METRICS],
            "formats": [list(m.formats) for m in METRICS],
        },
        schema_overrides={
            "ordinal": pl.Int32,
            "col_label": pl.String,
            "group_label": pl.String,
            "parent_code": pl.String,
        },
    )


def applicant_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [a.code for a in APPLICANTS],
            "ordinal": list(range(len(APPLICANTS))),
            "label": [a.label for a in APPLICANTS],
            "group_label": [a.group for a in APPLICANTS],
        },
        schema_overrides={"ordinal": pl.Int32, "group_label": pl.String},
    )


def seed_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    """Make dim_metric and dim_applicant equal to the dictionary (upsert, then drop what it no longer has)."""
    from transform.warehouse import sql

    for table, frame in (("dim_metric", metric_frame()), ("dim_applicant", applicant_frame())):
        con.register("seed_rows", frame.to_arrow())
        try:
            con.execute(sql(f"warehouse/seed_{table}.sql"))
        finally:
            con.unregister("seed_rows")
