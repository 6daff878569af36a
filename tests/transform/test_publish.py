from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import duckdb
from hand_reports import build_report, item_for

from transform.load import load_reports
from transform.publish import publish
from transform.warehouse import SQL_DIR

CLI = Path(sys.executable).parent / "duckdb"  # duckdb-cli 1.5.x, the analysts' tool


def cli(db: Path, query: str) -> list[dict[str, str]]:
    done = subprocess.run(
        [str(CLI), "-readonly", "-csv", str(db), "-c", query], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_published_copy_opens_in_the_15_cli_and_answers_the_examples(tmp_path, at):
    db, published = tmp_path / "w.duckdb", tmp_path / "published" / "gongkai.duckdb"
    reports = [
        build_report(
            "平顶山市公安局",
            2024,
            cells={("s3.result.unavailable.not_held", "total"): 10.0, ("s3.result.total", "total"): 40.0},
        ),
        build_report("中卫市公安局", 2024, cells={("s3.result.unavailable.not_held", "total"): 0.0}),
        build_report("中卫市公安局", 2023, cells={("s3.new", "total"): 2.0}),
        build_report("石嘴山市公安局", 2020, fmt="2019"),
    ]
    load_reports(db, [item_for(r, at(0)) for r in reports])
    assert publish(db, published) == published

    assert CLI.exists() and "v1.5" in subprocess.run([str(CLI), "--version"], capture_output=True, text=True).stdout
    examples = sorted((SQL_DIR / "examples").glob("*.sql"))
    assert examples
    answers = {path.stem: cli(published, path.read_text(encoding="utf-8")) for path in examples}
    not_held = answers["not_held_2024"]
    assert [row["agency"] for row in not_held] == ["平顶山市公安局"]
    assert (float(not_held[0]["not_held"]), float(not_held[0]["not_held_share"])) == (10.0, 0.25)
    assert {row["figure"] for row in cli(published, "select distinct figure from agency_year_change")} >= {
        "new_requests"
    }
    count = cli(published, "select count(*) as n from report_facts")
    assert int(count[0]["n"]) == sum(len(r.facts) for r in reports)


def test_publish_swaps_the_copy_atomically(tmp_path, at):
    db, published = tmp_path / "w.duckdb", tmp_path / "gongkai.duckdb"
    load_reports(db, [item_for(build_report("中卫市公安局", 2023), at(0))])
    publish(db, published)
    reader = duckdb.connect(str(published), read_only=True)  # an analyst's open session
    load_reports(db, [item_for(build_report("中卫市公安局", 2024), at(1))])
    publish(db, published)
    assert reader.execute("select count(*) from documents").fetchone()[0] == 1  # still the old, whole copy
    reader.close()
    assert int(cli(published, "select count(*) as n from documents")[0]["n"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gongkai.duckdb", "w.duckdb"]
