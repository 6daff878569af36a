"""`gongkai serve`: a local Prefect server plus the nightly deployment (02:30 Asia/Shanghai), served until Ctrl-C."""

from __future__ import annotations

import os
from pathlib import Path

import click

from gongkai.commands.options import db_option, interval_option, sources_option
from gongkai.errors import one_line_errors


@click.command()
@sources_option
@db_option
@interval_option
@click.option(
    "--port",
    type=int,
    default=4200,
    show_default=True,
    help="Port of the local Prefect server (ignored when PREFECT_API_URL is set).",
)
@one_line_errors
def serve(sources: Path, db: Path, interval: float, port: int) -> None:
    """Schedule `gongkai ingest` nightly and run it when due (the demo portal is served too if the sources use it)."""
    from contextlib import nullcontext

    from flows.demo import demo_portal
    from flows.deploy import local_server, nightly_deployment
    from flows.sources import uses_demo

    with (
        nullcontext(os.environ.get("PREFECT_API_URL"))
        if os.environ.get("PREFECT_API_URL")
        else local_server(port) as api
    ):
        os.environ["PREFECT_API_URL"] = api
        from prefect import serve as prefect_serve

        with demo_portal() if uses_demo(sources) else nullcontext(None) as demo_url:
            data = db.resolve().parent
            parameters = {
                "sources": str(sources.resolve()),
                "db": str(db.resolve()),
                "raw_dir": str(data / "raw"),
                "quality_dir": str(data / "quality"),
                "interval": interval,
                "demo_url": demo_url,
            }
            click.echo(f"serving the nightly ingest on {api} (cron 30 2 * * *, Asia/Shanghai); Ctrl-C stops")
            prefect_serve(nightly_deployment(parameters))
