"""`gongkai load SOURCE... --db FILE`: archive, extract and load documents, then publish.

A file already archived in ``--raw-dir`` (``gongkai load data/raw/*``) is
loaded with the URL, fetch time and content type its manifest recorded, so
the warehouse can be rebuilt from the archive alone.

A source that cannot be read (missing file, failed download, not a report)
gets one line on stderr and is left out; the others still load, together, in
one transaction, and the command exits 1 so scripts notice the failure. Doing
it the other way round would let one bad attachment block a whole night's
load. Any failure of the load itself leaves the warehouse as it was.
"""

from __future__ import annotations

from pathlib import Path

import click

from gongkai.commands.options import raw_dir_option, warehouse_option
from gongkai.errors import UserError, one_line_errors


@click.command()
@click.argument("sources", nargs=-1, required=True)
@warehouse_option("Warehouse file to load into (created if missing).")
@raw_dir_option
@click.option(
    "--published",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read-only copy for analysts, replaced after the load [default: published/ beside the warehouse].",
)
@click.option("--no-publish", is_flag=True, help="Load only; leave the published copy as it is.")
@one_line_errors
def load(sources: tuple[str, ...], db: Path, raw_dir: Path, published: Path | None, no_publish: bool) -> None:
    """Extract each SOURCE (file or http(s) URL) and load all of them into the warehouse in one batch."""
    from gongkai.archive import recorded_fetches
    from transform.load import load_reports
    from transform.publish import publish, published_copy

    known = recorded_fetches(raw_dir)
    items = []
    failed = 0
    for source in sources:
        try:
            items.append(_read(source, raw_dir, known))
        except (UserError, OSError) as exc:
            failed += 1
            click.echo(f"gongkai: {source}: {' '.join(str(exc).split())}", err=True)
    if items:
        stats = load_reports(db, items)
        click.echo(
            f"loaded {stats.documents} documents ({stats.new_documents} new), {stats.facts} facts, "
            f"{stats.issues} issues into {db}"
        )
        if not no_publish:
            click.echo(f"published {publish(db, published or published_copy(db))}")
    if failed:
        raise SystemExit(1)


def _read(source: str, raw_dir: Path, known: dict[str, dict]):  # -> transform.load.LoadItem
    """Fetch or read one source, archive its bytes, then extract it (archiving comes before parsing)."""
    import hashlib
    from datetime import UTC, datetime
    from urllib.parse import urlparse

    from extract import extract_report
    from extract.sniff import kind_of
    from gongkai.archive import archive
    from transform.load import LoadItem

    fetched_at = datetime.now(UTC)
    if urlparse(source).scheme in ("http", "https"):
        from flows.http_client import fetch_once  # robots.txt, User-Agent, size cap and retries, as the crawl

        data, content_type = fetch_once(source)
        url = source
    else:
        path = Path(source)
        data, content_type, url = path.read_bytes(), None, path.resolve().as_uri()
    sha256 = hashlib.sha256(data).hexdigest()
    recorded = known.get(sha256)
    if recorded and url.startswith("file:") and (raw_dir / recorded["path"]).exists():
        # already in the archive (a rebuild): keep the provenance of the original fetch
        url, content_type = recorded["url"] or url, recorded["content_type"]
        fetched_at, archived = datetime.fromisoformat(recorded["fetched_at"]), raw_dir / recorded["path"]
    else:
        # named by the format the bytes are (as the crawl names them), not by a suffix or header that may lie
        kind = kind_of(data, content_type)
        sha256, archived = archive(data, raw_dir, kind, url=url, fetched_at=fetched_at, content_type=content_type)
    report = extract_report(data, content_type=content_type, source=source)
    host = urlparse(url).hostname if urlparse(url).scheme in ("http", "https") else None
    return LoadItem(report, url, sha256, content_type, fetched_at, str(archived), host)
