from __future__ import annotations

from transform.runs import RunCounts, finish_run, start_run
from transform.warehouse import connect, migrate


def test_a_run_is_recorded_when_it_starts_and_counted_when_it_ends(tmp_path):
    db = tmp_path / "w.duckdb"
    run_id = start_run(db)
    con = connect(db)
    migrate(con)
    assert con.execute("select status, finished_at from ingestion_runs").fetchall() == [("running", None)]
    finish_run(con, run_id, "succeeded", RunCounts(found=3, new=2, unchanged=1, facts_loaded=400))
    row = con.execute(
        "select status, found, new, changed, unchanged, failed, facts_loaded, findings from ingestion_runs"
    )
    assert row.fetchall() == [("succeeded", 3, 2, 0, 1, 0, 400, 0)]
    assert con.execute("select finished_at >= started_at from ingestion_runs").fetchone() == (True,)
    con.close()
