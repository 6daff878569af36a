"""Options shared by the commands, so one concept keeps one name, type and default everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from transform.warehouse import DEFAULT_DB


def warehouse_option(help: str) -> Callable[[Any], Any]:
    """``--db``: the warehouse file; each command says in ``help`` what it does with it."""
    return click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True, help=help
    )


sources_option = click.option(
    "--sources",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("data/sources.csv"),
    show_default=True,
    help="CSV with columns agency,url (column pages or report pages).",
)
db_option = warehouse_option("Warehouse file (the crawl state is kept beside it as *.crawl.json).")
raw_dir_option = click.option(
    "--raw-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/raw"),
    show_default=True,
    help="Content-addressed archive of every fetched document.",
)
interval_option = click.option(
    "--interval",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Minimum seconds between two requests to the same host.",
)
