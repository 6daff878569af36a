"""`gongkai ingest`: crawl the portals in the sources file into the warehouse, then run the quality checks.

With no arguments on a fresh machine it serves the bundled demo portal on
127.0.0.1 and crawls it over real HTTP (``{demo}`` in ``data/sources.csv``
stands for that server's address).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from gongkai.commands.options import db_option, interval_option, raw_dir_option, sources_option
from gongkai.errors import one_line_errors


@click.command()
@sources_option
@db_option
@raw_dir_option
@click.option(
    "--quality-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/quality"),
    show_default=True,
    help="Where the data-quality report is written.",
)
@interval_option
@click.option(
    "--demo/--no-demo",
    default=None,
    help="Serve the bundled demo portal for {demo} in the sources file (default: when it is used).",
)
@click.option(
    "--dask-address",
    default=None,
    help="Run extraction on this Dask scheduler (e.g. tcp://host:8786), or 'local' for a local cluster.",
)
@one_line_errors
def ingest(
    sources: Path,
    db: Path,
    raw_dir: Path,
    quality_dir: Path,
    interval: float,
    demo: bool | None,
    dask_address: str | None,
) -> None:
    """Discover, fetch, archive, extract and load annual reports, then check their arithmetic."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from contextlib import nullcontext

    from flows.demo import demo_portal
    from flows.runners import serverless_defaults, with_options
    from flows.sources import uses_demo

    serve_demo = uses_demo(sources) if demo is None else demo
    with serverless_defaults(), demo_portal() if serve_demo else nullcontext(None) as demo_url:
        counters = with_options(dask_address)(
            sources=str(sources),
            db=str(db),
            raw_dir=str(raw_dir),
            quality_dir=str(quality_dir),
            interval=interval,
            demo_url=demo_url,
        )
    click.echo(", ".join(f"{name} {value}" for name, value in counters.items()))
