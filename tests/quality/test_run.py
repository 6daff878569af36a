"""One real quality run (real DuckDB file, real GX validation) over reports built to break one rule each."""

from __future__ import annotations

import re

import duckdb
import pytest
from built_reports import adding_up, load, report

from quality.run import run_quality

N, T = "natural_person", "total"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("quality")
    db = tmp / "w.duckdb"
    reports = []
    for i, (name, change) in enumerate(SCENARIOS.items()):
        first, second = adding_up(2, seed=i)
        narrative = change(first, second) or {"requests_received": int(second[("s3.new", T)])}
        reports += [report(name, 2022, first), report(name, 2023, second, narrative=narrative)]
    zeros = {k: 0.0 for k in adding_up(1, seed=99)[0]}
    reports += [report("all_zero", 2022, zeros), report("all_zero", 2023, dict(zeros))]
    load(db, reports)
    summary = run_quality(db, tmp / "out", run_id="first")
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select agency, rule, metric, applicant, expected, observed, severity, message from quality_findings"
    ).fetchall()
    con.close()
    return summary, rows, db, tmp


def bump(key, by=1.0):
    def change(first, cells):
        cells[key] = (cells[key] or 0.0) + by

    return change


def r6(first, cells):  # carry in one more, receive one fewer: R1-R3 still hold, only R6 breaks
    for applicant in (N, T):
        cells[("s3.carried_in", applicant)] += 1
        cells[("s3.new", applicant)] -= 1


def blank_ok(first, cells):  # a blank leaf whose true value is 0 adds up
    cells[("s3.result.denied.admin_query", N)] = None if cells[("s3.result.denied.admin_query", N)] == 0 else 0.0


def blank_bad(first, cells):  # a blank where a number was: the totals no longer add up
    cells[("s3.result.granted", N)] = None


SCENARIOS = {
    "clean": lambda first, second: None,
    "r1": bump(("s3.carried_out", N)),
    "r2": bump(("s3.result.denied.third_party", N)),
    "r4": bump(("s4.review.total", None)),
    "r5": bump(("s2.penalty.decisions", None), -1000.0),
    "r6": r6,
    "r7": lambda first, second: {"requests_received": int(second[("s3.new", T)]) + 5},
    "stock": bump(("s2.regulation.in_force", None)),
    "blank_ok": blank_ok,
    "blank_bad": blank_bad,
    "copied": lambda first, second: second.update(first),
}


def found(rows, agency):
    return {(r[1], r[2], r[3]) for r in rows if r[0] == agency}


def test_reports_that_add_up_have_no_findings(run):
    _, rows, _, _ = run
    assert found(rows, "clean") == set()
    assert found(rows, "blank_ok") == set()
    assert found(rows, "all_zero") == set()  # an all-zero table repeated is not evidence of copying


def test_r1_names_the_cell(run):
    _, rows, _, _ = run
    assert found(rows, "r1") == {("R1", "s3.result.total + s3.carried_out", N), ("R3", "s3.carried_out", T)}
    message = next(r[7] for r in rows if r[0] == "r1" and r[1] == "R1")
    assert re.fullmatch(
        r"s3\.result\.total \+ s3\.carried_out / natural_person: expected (\d+) = "
        r"s3\.new \+ s3\.carried_in, observed (\d+)",
        message,
    )


def test_r2_and_r3_name_the_cells(run):
    _, rows, _, _ = run
    assert found(rows, "r2") == {("R2", "s3.result.total", N), ("R3", "s3.result.denied.third_party", T)}
    r2 = next(r for r in rows if r[0] == "r2" and r[1] == "R2")
    assert r2[4] == r2[5] + 1 and r2[6] == "error"
    assert r2[7] == f"s3.result.total / natural_person: expected {int(r2[4])} = sum of leaves, observed {int(r2[5])}"


def test_r4_r5_r7_and_stock_flow(run):
    _, rows, _, _ = run
    assert found(rows, "r4") == {("R4", "s4.review.total", None)}
    assert found(rows, "r5") == {("R5", "s2.penalty.decisions", None)}
    assert found(rows, "r7") == {("R7", "s3.new", T)}
    assert found(rows, "stock") == {("stock_flow", "s2.regulation.in_force", None)}
    severities = {r[1]: r[6] for r in rows}
    assert severities["R4"] == severities["R5"] == "error"
    assert severities["R7"] == severities["stock_flow"] == "warning"


def test_r6_across_two_years(run):
    _, rows, _, _ = run
    assert found(rows, "r6") == {("R6", "s3.carried_in", N), ("R6", "s3.carried_in", T)}
    finding = next(r for r in rows if r[0] == "r6" and r[3] == N)
    assert finding[5] == finding[4] + 1 and finding[6] == "warning"


def test_blank_cells_count_as_zero_and_say_so(run):
    _, rows, _, _ = run
    messages = [r[7] for r in rows if r[0] == "blank_bad" and r[1] == "R2"]
    assert messages and all("blank cells counted as 0: s3.result.granted" in m for m in messages)


def test_copied_table(run):
    _, rows, _, _ = run
    assert ("copied_table", "s3", None) in found(rows, "copied")
    assert not any(r[1] == "copied_table" for r in rows if r[0] != "copied")


def test_summary_and_report(run):
    summary, rows, _, tmp = run
    assert summary.findings == len(rows) and summary.agency_years == 2 * len(SCENARIOS) + 2
    html = summary.report.read_text(encoding="utf-8")
    assert "s3.result.total / natural_person: expected" in html and "<svg" in html
    docs = tmp / "out" / "data_docs"
    assert (docs / "static" / "vendor" / "bootstrap.min.css").is_file()
    for page in docs.rglob("*.html"):
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page.read_text(encoding="utf-8")), page


def test_history_is_kept_and_the_view_shows_the_latest_run(run):
    summary, rows, db, tmp = run
    second = run_quality(db, tmp / "out", run_id="second")
    assert second.findings == summary.findings
    con = duckdb.connect(str(db), read_only=True)
    per_run = dict(con.execute("select run_id, count(*) from finding_history group by run_id").fetchall())
    latest = con.execute("select distinct run_id from quality_findings").fetchall()
    facts = con.execute("select count(*) from report_facts").fetchone()
    con.close()
    assert per_run == {"first": len(rows), "second": len(rows)}
    assert latest == [("second",)]
    assert facts[0] > 0
