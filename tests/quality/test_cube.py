"""The cube the rules read: a blank is not a missing cell, and every printed column keeps its place."""

from __future__ import annotations

import polars as pl

from quality.cube import Cube

METRICS = ["s3.new", "s3.carried_in"]
APPLICANTS = pl.Enum(["natural_person", "total", "alien"])


def facts(rows: list[tuple[int, str, str | None, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"doc": pl.Int32, "metric": pl.Enum(METRICS), "applicant": APPLICANTS, "value": pl.Float64},
        orient="row",
    )


def cells(wide: pl.DataFrame) -> dict[tuple, tuple]:
    """(doc, label) -> the row's other columns, for asserting on whole rows."""
    key = wide.columns[1]
    return {(r["doc"], r[key]): tuple(v for k, v in r.items() if k not in ("doc", key)) for r in wide.to_dicts()}


def test_blank_absent_and_number_stay_apart():
    cube = Cube.of(
        facts([(0, "s3.new", "total", 5.0), (0, "s3.carried_in", "total", None), (2, "s3.new", "natural_person", 1.0)]),
        docs=3,
        metrics=METRICS,
        applicants=["natural_person", "total"],
    )
    assert cube.applicants == ["natural_person", "total"]
    wide = cells(cube.wide("applicant"))
    # columns: s3.new, s3.carried_in, s3.new__blank, s3.carried_in__blank
    assert wide == {
        (0, "total"): (5.0, 0.0, False, True),  # a blank counts as 0 and says so
        (2, "natural_person"): (1.0, None, False, None),  # no such cell: null, not 0
    }


def test_wide_by_metric_has_a_column_for_every_applicant_named_or_printed():
    cube = Cube.of(
        facts([(1, "s3.new", "alien", 2.0), (1, "s3.new", None, 3.0), (1, "s3.new", "natural_person", 4.0)]),
        docs=2,
        metrics=METRICS,
        applicants=["natural_person", "total"],
    )
    assert cube.applicants == ["natural_person", "total", "alien", None]
    wide = cube.wide("metric")
    assert wide.columns == [
        "doc",
        "metric",
        "natural_person",
        "total",
        "alien",
        "natural_person__blank",
        "total__blank",
        "alien__blank",
    ]
    assert cells(wide) == {(1, "s3.new"): (4.0, None, 2.0, False, None, False)}


def test_no_facts_still_give_every_column():
    cube = Cube.of(facts([]), docs=0, metrics=METRICS, applicants=["total"])
    assert cube.wide("applicant").columns == ["doc", "applicant", *METRICS, *(m + "__blank" for m in METRICS)]
    assert cube.wide("metric").columns == ["doc", "metric", "total", "total__blank"]
