"""`gongkai load` end to end: real seeds, a real local HTTP server, real warehouse files."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from gongkai.cli import main

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture
def portal(tmp_path):
    """Serves the first seed at /report.txt; every other path is a 404."""
    body = SEEDS[0].read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/report.txt":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run(tmp_path, *sources, db="w.duckdb"):
    args = ["load", *map(str, sources), "--db", str(tmp_path / db), "--raw-dir", str(tmp_path / "raw")]
    return CliRunner().invoke(main, [*args, "--published", str(tmp_path / "pub.duckdb")])


def test_load_seeds_and_a_url_skipping_bad_sources(tmp_path, portal):
    assert len(SEEDS) == 5
    result = run(tmp_path, *SEEDS[1:], f"{portal}/report.txt", f"{portal}/missing.txt", tmp_path / "nope.txt")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and "missing.txt" in errors[0] and "nope.txt" in errors[1]
    with duckdb.connect(str(tmp_path / "pub.duckdb"), read_only=True) as con:
        docs = con.execute("select count(*), count(agency_id), count(*) filter (where url like 'http%') from documents")
        assert docs.fetchone() == (5, 5, 1)
        host = con.execute("select portal_host from dim_agency where portal_host is not null").fetchall()
        assert host == [("127.0.0.1",)]
        spot = "select value from report_facts where agency = '平顶山市公安局' and metric = 's2.fee.amount'"
        assert con.execute(spot).fetchall() == [(3490.9558,)]
    archived = sorted(p.suffix for p in (tmp_path / "raw").iterdir())
    assert archived == [".jsonl", ".text", ".text", ".text", ".text", ".text"]  # named by what the bytes are

    again = run(tmp_path, *SEEDS)
    assert again.exit_code == 0 and "(0 new)" in again.stdout  # seed 000 came by URL: same bytes, same document

    # the archive alone rebuilds the warehouse, with each document's original URL and fetch time
    rebuilt = run(tmp_path, *sorted((tmp_path / "raw").glob("*.text")), db="rebuilt.duckdb")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    provenance = "select document_id, url, fetched_at, content_type from documents order by 1"
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        original = con.execute(provenance).fetchall()
    with duckdb.connect(str(tmp_path / "rebuilt.duckdb"), read_only=True) as con:
        assert con.execute(provenance).fetchall() == original


def test_the_copy_is_published_beside_the_warehouse_unless_told(tmp_path):
    """Where ``gongkai ingest`` publishes the same warehouse: one copy per warehouse, whichever command loaded."""
    args = ["load", str(SEEDS[1]), "--db", str(tmp_path / "w.duckdb"), "--raw-dir", str(tmp_path / "raw")]
    assert CliRunner().invoke(main, args).exit_code == 0
    with duckdb.connect(str(tmp_path / "published" / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone() == (1,)


def test_only_bad_sources_load_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(tmp_path, tmp_path / "empty.txt", tmp_path / "nope.txt")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 2
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "pub.duckdb").exists()


def test_a_locked_warehouse_is_one_clear_line(tmp_path):
    seed = SEEDS[2]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
         str(tmp_path / "w.duckdb")],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = run(tmp_path, seed)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot open warehouse" in result.stderr
