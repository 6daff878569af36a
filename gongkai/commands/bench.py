"""`gongkai bench [WHAT...]`: the shipped benchmarks (extraction, load, quality, crawl)."""

from __future__ import annotations

import importlib

import click

from gongkai.errors import one_line_errors

BENCHES = {
    "extract": "gongkai.bench.extract:bench_extract",
    "load": "gongkai.bench.load:bench_load",
    "quality": "gongkai.bench.quality:bench_quality",
    "crawl": "gongkai.bench.crawl:bench_crawl",
}


@click.command()
@click.argument("what", nargs=-1, type=click.Choice(sorted(BENCHES)))
@one_line_errors
def bench(what: tuple[str, ...]) -> None:
    """Run benchmarks and print their figures (all of them when none is named)."""
    for name in what or tuple(BENCHES):
        module, attr = BENCHES[name].split(":")
        click.echo(f"== {name}")
        getattr(importlib.import_module(module), attr)()
