"""`gongkai extract SOURCE`: read one report and print the JSON contract.

Imports only the extraction path (no prefect, duckdb or great_expectations),
because this command is also used one process per report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from gongkai.errors import UserError, one_line_errors


def read_source(source: str) -> tuple[bytes, str | None]:
    """Bytes and content type of a local file or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        from flows.http_client import fetch_once

        return fetch_once(source)
    path = Path(source)
    if not path.is_file():
        raise UserError(f"{source}: no such file")
    from extract.sniff import MAX_BYTES

    if path.stat().st_size > MAX_BYTES:
        raise UserError(
            f"{source}: document too large ({path.stat().st_size // 2**20} MB; limit {MAX_BYTES // 2**20} MB)"
        )
    return path.read_bytes(), None


@click.command()
@click.argument("source")
@click.option(
    "--format", "output", type=click.Choice(["json"]), default="json", show_default=True, help="Output format."
)
@one_line_errors
def extract(source: str, output: str) -> None:
    """Read one report (file or URL) and print agency, year, format, sections, facts and issues as JSON."""
    from extract import extract_report

    data, content_type = read_source(source)
    try:
        report = extract_report(data, content_type=content_type, source=source)
    except UserError as exc:
        raise UserError(f"{source}: {exc}") from None
    json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
