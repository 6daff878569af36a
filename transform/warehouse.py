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
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb

from gongkai.errors import UserError

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
DEFAULT_DB = Path("data/warehouse.duckdb")
_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
_VIEW_NAME = re.compile(r"\bview\s+(\w+)")  # in lowercased SQL
_COMMENT = re.compile(r"--[^\n]*")


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
    """Apply the migrations this file lacks; reseed; recreate views.

    Returns the versions applied now. A failing migration rolls back alone,
    leaving the file at the previous version: the lacking migrations are
    tried in one transaction (a fresh file's every migration: a commit apiece
    cost a first run 10 to 35 ms, the more the busier its other threads kept
    the interpreter), and if that fails, one transaction each.
    """
    from transform.seed import seed_dimensions

    con.execute(sql("warehouse/schema_migrations.sql"))
    done = {version for (version,) in con.execute(sql("warehouse/applied_migrations.sql")).fetchall()}
    lacking = [migration for migration in migrations(migrations_dir) if migration[0] not in done]
    try:
        with transaction(con):
            _apply(con, lacking)
    except duckdb.Error:
        for migration in lacking:
            with transaction(con):
                _apply(con, [migration])
    digest = _definitions_digest(views_dir)
    if lacking or con.execute(sql("warehouse/definitions_digest.sql")).fetchall() != [(digest,)]:
        with transaction(con):
            seed_dimensions(con)
        create_views(con, views_dir)
        con.execute(sql("warehouse/record_definitions.sql"), {"digest": digest})
    return [version for version, _, _ in lacking]


def _apply(con: duckdb.DuckDBPyConnection, lacking: list[tuple[int, str, Path]]) -> None:
    for version, name, path in lacking:
        con.execute(path.read_text(encoding="utf-8"))
        con.execute(sql("warehouse/record_migration.sql"), {"version": version, "name": name, "applied_at": utc_now()})


def _definitions_digest(views_dir: Path) -> str:
    from gongkai.metrics import APPLICANTS, METRICS

    digest = hashlib.sha256(repr((METRICS, APPLICANTS)).encode())
    for path in sorted(views_dir.glob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def create_views(con: duckdb.DuckDBPyConnection, views_dir: Path = VIEWS_DIR) -> None:
    """(Re)create every view in ``sql/views``, each after the views its SQL names.

    DuckDB binds a view when it is created, so a view read before the one it
    selects from fails with a catalog error; failing and retrying cost a
    third of a fresh file's view creation, which every first run pays. So
    the views go in that order, in one statement list (a call apiece cost
    as much again when other threads kept the interpreter busy). If a view
    still fails there (a name the scan cannot see), they are created one by
    one, a failing view retried after the others until a whole pass makes no
    progress.
    """
    views = _in_dependency_order([(path, path.read_text(encoding="utf-8")) for path in sorted(views_dir.glob("*.sql"))])
    try:
        with transaction(con):  # all or none, so that one by one starts from where it stood
            con.execute("\n;\n".join(text for _, text in views))
        return
    except duckdb.CatalogException:
        pending = views
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


def _in_dependency_order(views: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """``views`` with each after the views whose names its SQL mentions outside comments (as given if those
    mentions go round in a circle)."""
    code = {path: _COMMENT.sub("", text).lower() for path, text in views}
    named = {match.group(1): (path, text) for path, text in views if (match := _VIEW_NAME.search(code[path]))}
    graph = {name: set(re.findall(r"\w+", code[path])) & (named.keys() - {name}) for name, (path, _) in named.items()}
    try:
        order = [named[name] for name in TopologicalSorter(graph).static_order()]
    except CycleError:
        return views
    return order + [view for view in views if view not in order]


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
