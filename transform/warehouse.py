"""Opening the warehouse and bringing its schema up to date.

The schema is a sequence of numbered SQL files (``sql/migrations``) recorded
in ``schema_migrations`` as they are applied, so an existing warehouse file
upgrades in place instead of being rebuilt. Views carry no data and the
metric and applicant dimensions are copies of the dictionary, so both are
rebuilt by migrate whenever a view file or the dictionary changed (or a
migration ran): editing them needs no migration, and an unchanged warehouse
opens without rebuilding them (a few hundred milliseconds each time).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from gongkai.errors import UserError

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
DEFAULT_DB = Path("data/warehouse.duckdb")
DEFAULT_PUBLISHED = Path("data/published/gongkai.duckdb")
_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


def sql(name: str) -> str:
    """The text of ``sql/<name>``: SQL lives in files, not in Python strings."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def utc_now() -> datetime:
    """Now, as the warehouse stores every timestamp: UTC without a zone, the same instant for every reader."""
    return datetime.now(UTC).replace(tzinfo=None)


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file; ``migrate`` makes its schema current."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(db_path))
    except duckdb.IOException as exc:  # typically another process holds the file's lock
        raise UserError(f"cannot open warehouse {db_path}: {str(exc).splitlines()[0]}") from exc


def migrations(migrations_dir: Path = MIGRATIONS_DIR) -> list[tuple[int, str, Path]]:
    """(version, name, path) of every migration file, in version order."""
    found = []
    for path in migrations_dir.glob("*.sql"):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), match.group(2), path))
    return sorted(found)


def migrate(
    con: duckdb.DuckDBPyConnection, migrations_dir: Path = MIGRATIONS_DIR, views_dir: Path = VIEWS_DIR
) -> list[int]:
    """Apply the migrations this file lacks, each in its own transaction; reseed; recreate views.

    Returns the versions applied now. A failing migration rolls back alone,
    leaving the file at the previous version.
    """
    from transform.seed import seed_dimensions

    con.execute(sql("warehouse/schema_migrations.sql"))
    done = {version for (version,) in con.execute(sql("warehouse/applied_migrations.sql")).fetchall()}
    applied = []
    for version, name, path in migrations(migrations_dir):
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                sql("warehouse/record_migration.sql"),
                {"version": version, "name": name, "applied_at": utc_now()},
            )
        applied.append(version)
    digest = _definitions_digest(views_dir)
    if applied or con.execute(sql("warehouse/definitions_digest.sql")).fetchall() != [(digest,)]:
        with transaction(con):
            seed_dimensions(con)
        create_views(con, views_dir)
        con.execute(sql("warehouse/record_definitions.sql"), {"digest": digest})
    return applied


def _definitions_digest(views_dir: Path) -> str:
    from gongkai.metrics import APPLICANTS, METRICS

    digest = hashlib.sha256(repr((METRICS, APPLICANTS)).encode())
    for path in sorted(views_dir.glob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def create_views(con: duckdb.DuckDBPyConnection, views_dir: Path = VIEWS_DIR) -> None:
    """(Re)create every view in ``sql/views``, in whatever order their dependencies allow.

    DuckDB binds a view when it is created, so a view read before the one it
    selects from fails with a catalog error; such views are retried after the
    others until a whole pass makes no progress.
    """
    pending = [(path, path.read_text(encoding="utf-8")) for path in sorted(views_dir.glob("*.sql"))]
    while pending:
        failed: list[tuple[Path, str, duckdb.Error]] = []
        for path, text in pending:
            try:
                con.execute(text)
            except duckdb.CatalogException as exc:
                failed.append((path, text, exc))
        if len(failed) == len(pending):
            path, _, exc = failed[0]
            raise RuntimeError(f"view {path.name} cannot be created: {exc}") from exc
        pending = [(path, text) for path, text, _ in failed]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One explicit transaction: committed on success, rolled back on any exception."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def opened(con_or_path: duckdb.DuckDBPyConnection | Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """Use a caller's connection as is, or open and migrate a file for the duration."""
    if isinstance(con_or_path, duckdb.DuckDBPyConnection):
        yield con_or_path
        return
    con = connect(Path(con_or_path))
    try:
        migrate(con)
        yield con
    finally:
        con.close()
