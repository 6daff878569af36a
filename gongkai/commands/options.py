"""Options shared by the crawl commands, so `ingest` and `serve` cannot drift apart."""

from __future__ import annotations

from pathlib import Path

import click

sources_option = click.option(
    "--sources",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("data/sources.csv"),
    show_default=True,
    help="CSV with columns agency,url (column pages or report pages).",
)
db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("data/warehouse.duckdb"),
    show_default=True,
    help="Warehouse file (the crawl state is kept beside it as *.crawl.json).",
)
interval_option = click.option(
    "--interval",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Minimum seconds between two requests to the same host.",
)
