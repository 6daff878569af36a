"""The `gongkai` command.

Subcommands live in their own modules and are imported only when invoked, so
`gongkai extract` never pays for prefect, duckdb or great_expectations.
Every subcommand turns expected failures into one line on stderr and a
non-zero exit (see ``gongkai.errors``).
"""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "extract": "gongkai.commands.extract:extract",
    "load": "gongkai.commands.load:load",
    "quality": "gongkai.commands.quality:quality",
    "ingest": "gongkai.commands.ingest:ingest",
    "serve": "gongkai.commands.serve:serve",
    "bench": "gongkai.commands.bench:bench",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("gongkai.commands"):
                return None
            raise


@click.group(cls=LazyGroup)
@click.version_option(package_name="gongkai")
def main() -> None:
    """Read government-information-disclosure annual reports into a DuckDB warehouse."""
