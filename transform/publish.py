"""A consistent read-only copy of the warehouse for analysts.

DuckDB locks a file against every other process while a writer has it open,
so analysts never query the warehouse itself: they open the published copy,
which is written whole to a temporary file and renamed over the previous one
(readers holding the old file keep a consistent view of it). The copy is
written in the 1.5 storage format because the DuckDB CLI analysts install
(duckdb-cli on PyPI, 1.5.x) cannot open a default duckdb 2.0 file. DuckDB
copies the whole catalog (tables with their data, views bound to the copy's
tables) in one statement: a third of the time a statement per table and
per view took, which a one-report run paid on every ingest.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from transform.warehouse import opened, transaction

STORAGE_VERSION = "v1.5.0"
_ALIAS = "published_copy"


def published_copy(db_path: Path) -> Path:
    """Where the copy of the warehouse ``db_path`` goes: ``published/`` beside it, under the same name, so
    ``gongkai ingest`` and ``gongkai load`` on one warehouse publish one copy, and two warehouses two."""
    return Path(db_path).parent / "published" / Path(db_path).name


def publish(con_or_path: duckdb.DuckDBPyConnection | Path | str, published_path: Path) -> Path:
    """Write the warehouse's tables and views to ``published_path`` atomically; return the path."""
    published_path = Path(published_path)
    published_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = published_path.with_name(f".{published_path.name}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with opened(con_or_path) as con:
        source = con.execute("select current_database()").fetchone()[0]
        con.execute(f"attach '{_quote(tmp)}' as {_ALIAS} (storage_version '{STORAGE_VERSION}')")
        try:
            with transaction(con):  # one snapshot of the source for every table
                con.execute(f'copy from database "{source}" to {_ALIAS}')
        finally:
            con.execute(f"detach {_ALIAS}")
    os.replace(tmp, published_path)
    return published_path


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
