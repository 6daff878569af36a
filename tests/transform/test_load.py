from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hand_reports import build_report, item_for

from transform.load import load_reports
from transform.warehouse import connect, migrate

TABLES = ("dim_agency", "dim_year", "documents", "fact_disclosure", "extraction_issues")


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every loaded table, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr) for t in TABLES}


def query(db, text: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(text, list(params)).fetchall()


def test_loaded_reports_read_back_through_views(tmp_path, at):
    db = tmp_path / "w.duckdb"
    a = build_report("平顶山市公安局", 2024, cells={("s3.result.unavailable.not_held", "total"): 10.0})
    b = build_report("同心县公安局", 2024, cells={("s3.result.unavailable.not_held", "total"): 4.0})
    old = build_report("石嘴山市公安局", 2020, fmt="2019", cells={("s3.result.other", "total"): 7.0})
    stats = load_reports(db, [item_for(a, at(0)), item_for(b, at(0)), item_for(old, at(0))], run_id="r1")
    assert (stats.documents, stats.new_documents, stats.facts) == (3, 3, len(a.facts) + len(b.facts) + len(old.facts))

    facts = query(db, "select count(*) from report_facts")[0][0]
    assert facts == stats.facts
    value = query(
        db,
        "select value, source_url, page, row_index from report_facts where agency = ? and metric = ? and applicant = ?",
        "平顶山市公安局",
        "s3.result.unavailable.not_held",
        "total",
    )
    assert value[0][0] == 10.0 and value[0][1].startswith("https://gov.example.cn/") and value[0][2] == 1

    # the analysts' question, on one view
    top = query(
        db, "select agency, not_held, not_held_share from agency_year_summary where year = 2024 order by not_held desc"
    )
    total = query(db, "select result_total from agency_year_summary where agency = '平顶山市公安局'")[0][0]
    assert top[0][:2] == ("平顶山市公安局", 10.0) and top[0][2] == pytest.approx(10.0 / total)

    # (六) lines up: 2021 sums its three items, 2019 takes its single row
    other = dict(
        query(
            db,
            "select agency, value from request_outcome_groups where applicant = 'total' and group_code = 's3.result.other'",
        )
    )
    assert other == {"平顶山市公安局": 3.0, "同心县公安局": 3.0, "石嘴山市公安局": 7.0}
    assert query(db, "select region, level from dim_agency where name = '同心县公安局'") == [("同心县", "县")]
    assert query(db, "select count(*) from extraction_issues")[0][0] == 3


def test_reload_changes_nothing(tmp_path, at):
    db = tmp_path / "w.duckdb"
    items = [item_for(build_report("中卫市公安局", year), at(year - 2020)) for year in (2022, 2023)]
    load_reports(db, items)
    before = snapshot(db)
    stats = load_reports(db, items + items[:1])
    assert (stats.documents, stats.new_documents) == (2, 0)
    assert snapshot(db) == before


def test_revised_document_supersedes_and_keeps_history(tmp_path, at):
    db = tmp_path / "w.duckdb"
    first = item_for(build_report("中卫市公安局", 2024, cells={("s3.new", "total"): 5.0}), at(0))
    revised = item_for(build_report("中卫市公安局", 2024, cells={("s3.new", "total"): 6.0}), at(3))
    # the revision arriving first must not let the older document win
    load_reports(db, [revised])
    load_reports(db, [first])
    current = "select value, document_id from report_facts where metric = 's3.new' and applicant = 'total'"
    assert query(db, current) == [(6.0, revised.content_sha256)]
    history = "select value, superseded_by from fact_history where metric = 's3.new' and applicant = 'total' order by 1"
    assert query(db, history) == [(5.0, revised.content_sha256), (6.0, None)]
    assert query(db, "select superseded_by from documents where document_id = ?", first.content_sha256) == [
        (revised.content_sha256,)
    ]
    assert query(db, "select count(*) from agency_year_summary")[0][0] == 1


def test_report_without_agency_is_kept_out_of_current_views(tmp_path, at):
    db = tmp_path / "w.duckdb"
    anonymous = item_for(build_report(None, 2024), at(0))
    load_reports(db, [anonymous])
    assert query(db, "select agency_id, year, format from documents") == [(None, 2024, "2021")]
    assert query(db, "select count(*), count(agency_id) from fact_history")[0] == (len(anonymous.report.facts), 0)
    assert query(db, "select count(*) from extraction_issues")[0][0] == 1
    assert query(db, "select count(*) from report_facts")[0][0] == 0
    assert query(db, "select count(*) from agency_year_summary")[0][0] == 0


def test_failure_mid_batch_leaves_warehouse_as_it_was(tmp_path, at):
    db = tmp_path / "w.duckdb"
    load_reports(db, [item_for(build_report("中卫市公安局", 2023), at(0))])
    before = snapshot(db)
    good = item_for(build_report("平顶山市公安局", 2024), at(1))
    broken = build_report("同心县公安局", 2024)
    # a fact without a metric violates fact_disclosure's NOT NULL, after agencies and documents were written
    broken.facts[5] = type(broken.facts[5])(None, None, 1.0, "1", broken.facts[5].where)
    with pytest.raises(duckdb.ConstraintException):
        load_reports(db, [good, item_for(broken, at(1))])
    assert snapshot(db) == before


def test_connection_stays_usable_after_a_failed_batch(tmp_path, at):
    con = connect(tmp_path / "w.duckdb")
    migrate(con)
    broken = build_report("同心县公安局", 2024)
    broken.facts[0] = type(broken.facts[0])(None, None, 1.0, "1", broken.facts[0].where)
    with pytest.raises(duckdb.ConstraintException):
        load_reports(con, [item_for(broken, at(0))])
    load_reports(con, [item_for(build_report("同心县公安局", 2024), at(0))])
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    con.close()


CRASH = """
import os, sys
from datetime import UTC, datetime
from hand_reports import build_report, item_for
from transform.frames import build_batch
from transform.load import load_batch
from transform.warehouse import connect

con = connect(sys.argv[1])
items = [item_for(build_report("平顶山市公安局", 2024), datetime(2025, 2, 3, tzinfo=UTC))]
load_batch(con, build_batch(items, "crash"), after_step=lambda step: step == sys.argv[2] and os._exit(9))
"""


@pytest.mark.parametrize("step", ["upsert_documents", "insert_rows"])
def test_process_killed_mid_load_leaves_warehouse_as_it_was(tmp_path, at, step):
    db = tmp_path / "w.duckdb"
    load_reports(db, [item_for(build_report("中卫市公安局", 2023), at(0))])
    before = snapshot(db)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(db), step], env=env, capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr  # died inside the transaction, no rollback, no close
    assert snapshot(db) == before
