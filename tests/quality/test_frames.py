"""What the rules read from a real warehouse file: reports keyed by an integer, facts, stated figures."""

from __future__ import annotations

import polars as pl
from built_reports import adding_up, load, report

from quality.frames import read_inputs
from quality.rules import all_checks
from quality.rules.base import CHECK_SCHEMA
from transform.warehouse import connect, migrate


def inputs_of(db):
    con = connect(db)
    try:
        migrate(con)
        return read_inputs(con)
    finally:
        con.close()


def test_an_empty_warehouse_gives_no_checks(tmp_path):
    inputs = inputs_of(tmp_path / "w.duckdb")
    checks = all_checks(inputs)
    assert inputs.reports.height == 0 and checks.height == 0
    assert checks.schema == pl.Schema(CHECK_SCHEMA)


def test_reports_facts_and_stated_figures_line_up(tmp_path):
    first, second = adding_up(2, seed=3)
    narrative = {"requests_received": 12, "s4.review.total": 2.5, "flag": True, "note": "about 90"}
    load(tmp_path / "w.duckdb", [report("a", 2022, first), report("a", 2023, second, narrative=narrative)])
    inputs = inputs_of(tmp_path / "w.duckdb")
    assert inputs.reports.get_column("doc").to_list() == [0, 1]
    assert inputs.facts.height == len(first) + len(second)
    assert set(inputs.facts.get_column("doc").to_list()) == {0, 1}
    later = inputs.reports.filter(pl.col("year") == 2023).get_column("doc").item()
    # numbers only: a boolean or a phrase in the narrative is not a stated figure
    assert sorted(inputs.stated.rows()) == [(later, "requests_received", 12.0), (later, "s4.review.total", 2.5)]
    assert inputs.previous.rows() == [(later, 1 - later)]
