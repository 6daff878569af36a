"""Cell-level accuracy of ``extract_report`` on unseen reports drawn in each real-world PDF style.

    .venv/bin/python -m tests.extract.unseen.measure_pdf [--seeds 2] [--only "rect borders,three-line"] [--show 5]

Prints, per ``pdf_styles.STYLES`` entry: cells exact / cells expected,
invented cells, and reports whose agency, year or format is wrong. Each style
draws the baseline report and a mixed-perturbation one, in both formats.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from extract import extract_report
from tests.extract.unseen.measure import FORMATS, Score, score
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build

REPORTS = ("baseline", "mixed")


def run(styles: list[str], seeds: int) -> dict[str, Score]:
    out: dict[str, Score] = defaultdict(Score)
    for name in styles:
        for seed in range(seeds):
            for report in REPORTS:
                for fmt in FORMATS:
                    variant = build(report, seed, fmt)
                    try:
                        s = score(variant, extract_report(render_styled(variant, STYLES[name])))
                    except Exception as exc:  # a crash or a refusal is a failure of every cell
                        s = Score(expected=len(variant.truth), reports=1, identity_wrong=1, errors=[repr(exc)])
                    s.errors = [f"[{report} {seed} {fmt}] {e}" for e in s.errors]
                    out[name].add(s)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per style")
    args = parser.parse_args()
    results = run(args.only.split(",") if args.only else list(STYLES), args.seeds)
    total = Score()
    print(f"{'pdf style':24} {'exact/expected':>16} {'%':>7} {'invented':>8} {'id wrong':>8}")
    for name, s in results.items():
        total.add(s)
        pct = 100 * s.exact / s.expected if s.expected else 100.0
        print(f"{name:24} {s.exact:>7}/{s.expected:<8} {pct:7.2f} {s.invented:>8} {s.identity_wrong:>4}/{s.reports}")
        for e in s.errors[: args.show]:
            print("    ", e)
    pct = 100 * total.exact / total.expected
    print(
        f"{'TOTAL':24} {total.exact:>7}/{total.expected:<8} {pct:7.2f} {total.invented:>8} {total.identity_wrong:>4}/{total.reports}"
    )


if __name__ == "__main__":
    main()
