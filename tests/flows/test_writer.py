"""The writer's state saves: cheap enough for a long crawl, and never missing at the run's end."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows.state import CrawlState, DocumentRecord, ListingRecord
from flows.writer import Writer
from gongkai.errors import UserError


def test_the_state_is_saved_at_the_first_flush_then_when_due_and_always_at_the_last(tmp_path: Path) -> None:
    state_file = tmp_path / "w.crawl.json"
    writer = Writer(tmp_path / "w.duckdb", CrawlState(), state_file, "run-1")
    try:
        writer.state.documents["http://x.gov.cn/a.html"] = DocumentRecord(sha256="a")
        writer.flush()
        assert list(json.loads(state_file.read_text())["documents"]) == ["http://x.gov.cn/a.html"]
        writer.state.documents["http://x.gov.cn/b.html"] = DocumentRecord(sha256="b")
        writer.flush()  # a second later at most: the whole file is not rewritten yet
        assert len(json.loads(state_file.read_text())["documents"]) == 1
        writer.flush(last=True)
        assert len(json.loads(state_file.read_text())["documents"]) == 2
    finally:
        writer.close()


def test_a_warehouse_that_cannot_be_opened_fails_at_once_with_nothing_written(tmp_path: Path) -> None:
    """Before the crawl's first request, not after its first chunk: the file is opened before the run starts."""
    db, state_file = tmp_path / "w.duckdb", tmp_path / "w.crawl.json"
    db.write_bytes(b"not a warehouse\n" * 1024)
    with pytest.raises(UserError, match="cannot open warehouse"):
        Writer(db, CrawlState(), state_file, "run-1")
    assert not state_file.exists()
    assert db.read_bytes() == b"not a warehouse\n" * 1024


def test_a_warehouse_that_cannot_be_migrated_fails_the_first_flush_with_nothing_recorded(tmp_path: Path) -> None:
    db, state_file = tmp_path / "w.duckdb", tmp_path / "w.crawl.json"
    with duckdb.connect(str(db)) as con:  # a DuckDB file, but not one of ours: its migrations table is another
        con.execute("create table schema_migrations (note varchar)")
    writer = Writer(db, CrawlState(), state_file, "run-1")  # migrates in the background: no error yet
    writer.state.listings["http://x.gov.cn/col/"] = ListingRecord(etag="e")
    with pytest.raises(duckdb.Error):
        writer.flush(last=True)
    writer.close()
    assert not state_file.exists()
    with duckdb.connect(str(db)) as con:
        assert con.execute("select count(*) from schema_migrations").fetchone() == (0,)
