"""Accuracy per rendering style: any ``render(variant, style) -> (bytes, content_type)`` scored cell by cell.

Shared by the style measurements (``measure_html.py``, ``measure_pdf.py``): each style writes the baseline report and a
mixed-perturbation one, in both formats, over ``seeds`` seeds.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from extract import extract_report
from tests.extract.unseen.measure import FORMATS, Score, score
from tests.extract.unseen.variants import Variant, build

S = TypeVar("S")
REPORTS = ("baseline", "mixed")


def run(
    render: Callable[[Variant, S], tuple[bytes, str | None]], styles: Mapping[str, S], seeds: int
) -> dict[str, Score]:
    out: dict[str, Score] = defaultdict(Score)
    for name, style in styles.items():
        for seed in range(seeds):
            for report in REPORTS:
                for fmt in FORMATS:
                    variant = build(report, seed, fmt)
                    try:
                        data, content_type = render(variant, style)
                        s = score(variant, extract_report(data, content_type=content_type))
                    except Exception as exc:  # a crash or a refusal is a failure of every cell
                        s = Score(expected=len(variant.truth), reports=1, identity_wrong=1, errors=[repr(exc)])
                    s.errors = [f"[{report} {seed} {fmt}] {e}" for e in s.errors]
                    out[name].add(s)
    return out


def lines(heading: str, results: Mapping[str, Score], show: int = 0) -> Iterable[str]:
    """The table: cells exact / expected, invented cells, reports with a wrong identity; a TOTAL row last."""
    total = Score()
    yield f"{heading:24} {'exact/expected':>16} {'%':>7} {'invented':>8} {'id wrong':>8}"
    for name, s in [*results.items(), ("TOTAL", total)]:
        if name != "TOTAL":
            total.add(s)
        pct = 100 * s.exact / s.expected if s.expected else 100.0
        yield f"{name:24} {s.exact:>7}/{s.expected:<8} {pct:7.2f} {s.invented:>8} {s.identity_wrong:>4}/{s.reports}"
        yield from (f"     {e}" for e in (s.errors[:show] if name != "TOTAL" else []))


def main(heading: str, render: Callable[[Variant, S], tuple[bytes, str | None]], styles: Mapping[str, S]) -> None:
    """The command line of a style measurement: ``--seeds N --only "a,b" --show N``."""
    parser = argparse.ArgumentParser(description=f"accuracy per {heading}")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per style")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(styles)
    results = run(render, {name: styles[name] for name in names}, args.seeds)
    print("\n".join(lines(heading, results, args.show)))
