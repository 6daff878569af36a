"""The five real seeds, extracted from their bytes and loaded into a real DuckDB file, read back through the views.

Every expectation is derived from the golden answers (tests/fixtures/golden)
and the metric dictionary, never typed in.
"""

from __future__ import annotations

import duckdb
import pytest

from gongkai.metrics import APPLICANT_CODES, METRICS, S4_GROUPS
from tests.transform.seed_reports import SEEDS, golden, golden_cells, item, seed_items
from transform.load import load_reports
from transform.warehouse import migrate, migrations

TOTAL = APPLICANT_CODES[-1]
GROUPS = [m.code for m in METRICS if m.parent == "s3.result.total"]
TABLES = ("dim_agency", "dim_year", "documents", "fact_disclosure", "extraction_issues")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "w.duckdb"
    items = seed_items()
    load_reports(db, items, run_id="seeds")
    return db, items


def rows(db, text: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(text, list(params)).fetchall()


def answers():
    return [golden(seed) for seed in SEEDS]


def test_report_facts_hold_every_golden_cell(loaded):
    db, _ = loaded
    for answer in answers():
        got = rows(
            db,
            "select metric, applicant, value, raw, format from report_facts where agency = ? and year = ?",
            answer["agency"],
            answer["year"],
        )
        assert {(m, a): (v, r) for m, a, v, r, _ in got} == {
            (f["metric"], f["applicant"]): (f["value"], f["raw"]) for f in answer["facts"]
        }, answer["agency"]
        assert {fmt for *_, fmt in got} <= {answer["format"]}


def test_labels_and_cells_read_back_as_extracted(loaded):
    """Labels are stored only where they differ from the dictionary (0002); the view must give back every one."""
    db, items = loaded
    for loaded_item in items:
        got = rows(
            db,
            "select metric, applicant, section, row_label, col_label, page, table_index, row_index, col_index "
            "from report_facts where document_id = ?",
            loaded_item.content_sha256,
        )
        want = [
            (f.metric, f.applicant, f.where.section, f.row_label, f.col_label, *_cell(f.where))
            for f in loaded_item.report.facts
        ]
        assert sorted(got, key=repr) == sorted(want, key=repr)
    # the printed labels that differ from the dictionary are what is stored, and some seeds print such labels
    assert (
        0
        < rows(db, "select count(row_label) from fact_disclosure")[0][0]
        < rows(db, "select count(*) from report_facts")[0][0]
    )


def _cell(where) -> tuple:
    return where.page, where.table, where.row, where.column


def outcome_groups(cells, applicant: str) -> dict[str, float | None]:
    """Each outcome group's figure as request_outcome_groups defines it: sum of its items, else its own row."""
    found = {}
    for group in GROUPS:
        items = [v for (m, a), v in cells.items() if a == applicant and BY_PARENT.get(m) == group]
        own = cells.get((group, applicant))
        if items or (group, applicant) in cells:
            numbers = [v for v in items if v is not None]
            found[group] = sum(numbers) if numbers else own
    return found


BY_PARENT = {m.code: m.parent for m in METRICS}


def test_outcome_groups_line_up_across_formats(loaded):
    db, _ = loaded
    for answer in answers():
        cells = golden_cells(answer)
        want = {
            (applicant, group): value
            for applicant in APPLICANT_CODES
            for group, value in outcome_groups(cells, applicant).items()
        }
        got = rows(
            db,
            "select applicant, group_code, value from request_outcome_groups where agency = ? and year = ?",
            answer["agency"],
            answer["year"],
        )
        assert {(a, g): v for a, g, v in got} == want, answer["agency"]


def share(part, whole):
    return None if part is None or not whole else part / whole


def test_agency_year_summary_figures_and_shares(loaded):
    db, _ = loaded
    for answer in answers():
        cells = golden_cells(answer)
        figure = {m: cells.get((m, TOTAL)) for m in ("s3.new", "s3.carried_in", "s3.result.total", "s3.carried_out")}
        groups = outcome_groups(cells, TOTAL)
        not_held = cells.get(("s3.result.unavailable.not_held", TOTAL))
        (got,) = rows(
            db,
            "select format, new_requests, carried_in, result_total, carried_out, granted, denied, not_held, "
            "not_held_share, granted_share from agency_year_summary where agency = ? and year = ?",
            answer["agency"],
            answer["year"],
        )
        total = figure["s3.result.total"]
        assert got == pytest.approx(
            (
                answer["format"],
                *figure.values(),
                groups.get("s3.result.granted"),
                groups.get("s3.result.denied"),
                not_held,
                share(not_held, total),
                share(groups.get("s3.result.granted"), total),
            )
        ), answer["agency"]


def test_review_litigation_outcomes_and_correction_rates(loaded):
    db, _ = loaded
    outcomes = ("upheld", "corrected", "other", "pending", "total")
    for answer in answers():
        cells = golden_cells(answer)
        want = {}
        for proceeding, _ in S4_GROUPS:
            values = [cells.get((f"s4.{proceeding}.{o}", None)) for o in outcomes]
            if any((f"s4.{proceeding}.{o}", None) in cells for o in outcomes):
                _, corrected, _, pending, total = values
                concluded = None if total is None or pending is None else total - pending
                want[proceeding] = (*values, share(corrected, concluded))
        got = rows(
            db,
            "select proceeding, upheld, corrected, other, pending, total, correction_rate "
            "from review_litigation where agency = ? and year = ?",
            answer["agency"],
            answer["year"],
        )
        assert {p: tuple(v) for p, *v in got} == want, answer["agency"]


def test_reloading_the_seeds_changes_nothing(loaded, tmp_path):
    db, items = loaded
    count = "select " + ", ".join(f"(select count(*) from {t})" for t in TABLES)
    ids = "select document_id, document_key, superseded_by from documents order by 1"
    before = rows(db, count), rows(db, ids), rows(db, "select * from report_facts order by all")
    stats = load_reports(db, seed_items())
    assert (stats.documents, stats.new_documents) == (len(items), 0)
    assert (rows(db, count), rows(db, ids), rows(db, "select * from report_facts order by all")) == before


def test_a_batch_failing_part_way_leaves_no_partial_rows(tmp_path):
    """Real seeds, one of them carrying a column the dictionary does not know: the insert fails after the
    dimensions and documents were written, and nothing of the batch remains."""
    db = tmp_path / "w.duckdb"
    first, *rest = seed_items()
    load_reports(db, [first])
    snapshot = {t: rows(db, f"select * from {t} order by all") for t in TABLES}
    broken = item(SEEDS[-1].read_bytes() + b"\n", "broken.txt")
    fact = next(f for f in broken.report.facts if f.applicant)
    broken.report.facts.append(type(fact)(fact.metric, "not_an_applicant", fact.value, fact.raw, fact.where))
    with pytest.raises(duckdb.InvalidInputException, match="unknown applicant not_an_applicant"):
        load_reports(db, [*rest[:-1], broken])
    assert {t: rows(db, f"select * from {t} order by all") for t in TABLES} == snapshot


def test_0002_upgrades_a_0001_warehouse_in_place(loaded, tmp_path):
    """A warehouse written before the facts were keyed (0001's wide fact table) upgrades and reads the same."""
    db, _ = loaded
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    before_0002 = [(v, n, p) for v, n, p in migrations() if v != 2]
    migrate_old(con, before_0002)
    con.execute(f"attach '{db}' as current (read_only)")
    con.execute(OLD_ROWS)
    con.execute("detach current")
    assert migrate(con) == [2]
    got = con.execute("select * from report_facts order by all").fetchall()
    keys = con.execute("select count(distinct document_key), count(*) from documents").fetchone()
    con.close()
    assert got == rows(db, "select * from report_facts order by all")
    assert keys[0] == keys[1] == len(SEEDS)


def migrate_old(con: duckdb.DuckDBPyConnection, versions) -> None:
    """Apply migrations up to 0001's schema by hand, as a warehouse of that time would hold them."""
    from transform.warehouse import sql

    con.execute(sql("warehouse/schema_migrations.sql"))
    for version, name, path in versions:
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("insert into schema_migrations values (?, ?, now()::timestamp)", [version, name])


# The rows a 0001 warehouse held for the seeds, rebuilt from the current one's tables and views.
OLD_ROWS = """
insert into dim_agency select * from current.dim_agency;
insert into dim_year select * from current.dim_year;
insert into dim_metric select * exclude (metric_key) from current.dim_metric;
insert into dim_applicant select * exclude (applicant_key) from current.dim_applicant;
insert into documents by name select * exclude (document_key) from current.documents;
insert into fact_disclosure
select document_id, agency_id, year, metric, applicant, value, raw, section, page, table_index, row_index,
    col_index, row_label, col_label
from current.fact_history;
"""
