"""`gongkai quality --db FILE [--out DIR]`: validate the current facts, store findings, write the report.

Findings are facts about the published reports, so a run that finds some
still exits 0; only a run that cannot happen (no warehouse) fails.
"""

from __future__ import annotations

from pathlib import Path

import click

from gongkai.commands.options import warehouse_option
from gongkai.errors import one_line_errors


@click.command()
@warehouse_option("Warehouse file to check (it must exist).")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/quality"),
    show_default=True,
    help="Folder for index.html and the GX Data Docs.",
)
@click.option("--run-id", default=None, help="Name of this run in finding_history (default: time + random).")
@one_line_errors
def quality(db: Path, out: Path, run_id: str | None) -> None:
    """Check every current report against rules R1-R7, stock-flow and copied tables."""
    from quality.run import run_quality

    click.echo(run_quality(db, out, run_id).line())
