from __future__ import annotations

import shutil

import duckdb
import pytest

from gongkai.metrics import APPLICANTS, METRICS
from transform.warehouse import MIGRATIONS_DIR, VIEWS_DIR, connect, create_views, migrate, migrations


def test_migrate_builds_an_empty_file_and_is_idempotent(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    assert migrate(con) == [version for version, _, _ in migrations()]
    assert migrate(con) == []
    tables = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
    assert {"dim_agency", "dim_year", "dim_metric", "dim_applicant", "documents", "fact_disclosure"} <= tables
    assert {"extraction_issues", "ingestion_runs", "report_facts", "agency_year_summary", "review_litigation"} <= tables
    assert {"agency_year_change", "request_outcome_groups"} <= tables
    assert con.execute("select count(*) from dim_metric").fetchone()[0] == len(METRICS)
    assert con.execute("select count(*) from dim_applicant").fetchone()[0] == len(APPLICANTS)
    other = next(m for m in METRICS if m.code == "s3.result.other.other")
    row = con.execute(
        "select parent_code, formats, has_applicant from dim_metric where code = ?", [other.code]
    ).fetchone()
    assert row == (other.parent, list(other.formats), True)
    con.close()


def test_older_file_upgrades_in_place(tmp_path):
    old_dir, new_dir, no_views = tmp_path / "old", tmp_path / "new", tmp_path / "views"
    old_dir.mkdir()
    no_views.mkdir()
    for _, _, path in migrations():
        shutil.copy(path, old_dir / path.name)
    db = tmp_path / "w.duckdb"
    con = connect(db)
    migrate(con, old_dir, no_views)
    con.execute("insert into dim_year values (2024, '2021')")
    con.close()

    shutil.copytree(old_dir, new_dir)
    (new_dir / "9999_year_note.sql").write_text("alter table dim_year add column note varchar;\n")
    con = connect(db)
    assert migrate(con, new_dir, no_views) == [9999]
    assert con.execute("select year, prescribed_format, note from dim_year").fetchall() == [(2024, "2021", None)]
    versions = [v for (v,) in con.execute("select version from schema_migrations order by 1").fetchall()]
    assert versions == [version for version, _, _ in migrations()] + [9999]
    con.close()


def test_failing_migration_leaves_the_file_at_the_previous_version(tmp_path):
    mig = tmp_path / "mig"
    mig.mkdir()
    (mig / "0001_ok.sql").write_text("create table a (x integer);\n")
    (mig / "0002_broken.sql").write_text("create table b (x integer);\nselect * from no_such_table;\n")
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(duckdb.CatalogException):
        migrate(con, mig)
    tables = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
    assert "a" in tables and "b" not in tables
    assert con.execute("select version from schema_migrations").fetchall() == [(1,)]
    con.close()


@pytest.mark.parametrize(
    ("top", "base"),
    [
        # named plainly: the dependency scan orders them
        (
            "create or replace view top_view as select x + 1 as y from base_view;",
            "create or replace view base_view as select 1 as x;",
        ),
        # a quoted name the scan cannot see: retried after the others
        (
            'create or replace view top_view as select x + 1 as y from "base view";',
            'create or replace view "base view" as select 1 as x;',
        ),
    ],
)
def test_views_are_created_whatever_order_their_files_sort_in(tmp_path, top, base):
    views = tmp_path / "views"
    views.mkdir()
    (views / "a_top.sql").write_text(top + "\n")
    (views / "b_base.sql").write_text(base + "\n")
    con = duckdb.connect()
    create_views(con, views)
    assert con.execute("select y from top_view").fetchall() == [(2,)]
    (views / "c_bad.sql").write_text("create or replace view bad as select * from missing_table;\n")
    with pytest.raises(RuntimeError, match=r"c_bad\.sql"):
        create_views(con, views)


def test_every_shipped_migration_is_numbered():
    names = sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql"))
    assert [p.name for _, _, p in migrations()] == names


def test_report_facts_has_the_columns_analysts_start_from(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    migrate(con)
    columns = [row[0] for row in con.execute("describe report_facts").fetchall()]
    assert columns == [
        "agency", "agency_id", "year", "format", "metric", "section", "row_label", "col_label", "unit",
        "applicant", "value", "raw", "source_url", "document_id", "page", "table_index", "row_index", "col_index",
    ]  # fmt: skip
    summary = {row[0] for row in con.execute("describe agency_year_summary").fetchall()}
    assert {"new_requests", "carried_in", "carried_out", "result_total", "not_held", "not_held_share"} <= summary
    con.close()


def test_views_are_rebuilt_when_a_view_file_changes_and_left_alone_otherwise(tmp_path):
    views = tmp_path / "views"
    shutil.copytree(VIEWS_DIR, views)
    con = connect(tmp_path / "w.duckdb")
    migrate(con, views_dir=views)
    con.execute("drop view agency_year_change")  # an unchanged warehouse is not rebuilt on open: it stays gone
    migrate(con, views_dir=views)
    assert not con.execute("select * from information_schema.tables where table_name = 'agency_year_change'").fetchall()
    (views / "zz_probe.sql").write_text("create or replace view probe as select 1 as one;\n")
    migrate(con, views_dir=views)  # a changed view folder rebuilds every view
    assert con.execute("select one from probe").fetchone() == (1,)
    assert con.execute("select count(*) from agency_year_change").fetchone() == (0,)
    con.close()
