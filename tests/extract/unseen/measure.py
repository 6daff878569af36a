"""Cell-level accuracy of ``extract_report`` on generated unseen reports, per perturbation.

    .venv/bin/python -m tests.extract.unseen.measure [--seeds 3] [--kinds tab,pipe,html,html-gbk,pdf,docx]

Prints, per perturbation: cells exact / cells expected, invented cells, and
reports whose agency, year or format is wrong.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field

from extract import extract_report
from extract.model import Report
from tests.extract.unseen.variants import PERTURBATIONS, Variant, build, render

FORMATS = ("2021", "2019")


@dataclass
class Score:
    expected: int = 0
    exact: int = 0
    invented: int = 0
    identity_wrong: int = 0
    sections_wrong: int = 0  # reported separately: section headings are not cells
    reports: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.exact += other.exact
        self.invented += other.invented
        self.identity_wrong += other.identity_wrong
        self.sections_wrong += other.sections_wrong
        self.reports += other.reports
        self.errors += other.errors


def _same(a: int | float | None, b: int | float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (abs(a - b) < 1e-9 and isinstance(a, float) == isinstance(b, float))


def score(variant: Variant, report: Report) -> Score:
    got = {(f.metric, f.applicant): f.value for f in report.facts}
    s = Score(expected=len(variant.truth), reports=1)
    for key, want in variant.truth.items():
        if key in got and _same(got[key], want):
            s.exact += 1
        else:
            s.errors.append(f"{key}: got {got.get(key, 'nothing')!r}, want {want!r}")
    invented = sorted(set(got) - set(variant.truth), key=str)
    s.invented = len(invented)
    s.errors += [f"{key}: invented {got[key]!r}" for key in invented]
    s.sections_wrong = int(bool(variant.sections) and report.sections != variant.sections)
    identity = (report.agency, report.year, report.format)
    if identity != (variant.agency, variant.year, variant.format):
        s.identity_wrong = 1
        s.errors.append(f"identity {identity} != {(variant.agency, variant.year, variant.format)}")
    return s


def run(names: list[str], seeds: int, kinds: list[str]) -> dict[str, Score]:
    out: dict[str, Score] = defaultdict(Score)
    for name in names:
        for seed in range(seeds):
            for fmt in ("pre2019",) if name == "pre2019" else FORMATS:
                variant = build(name, seed, fmt)
                for kind in kinds:
                    try:
                        s = score(variant, extract_report(render(variant, kind)))
                    except Exception as exc:  # a crash is a failure of every cell
                        s = Score(expected=len(variant.truth), reports=1, identity_wrong=1, errors=[repr(exc)])
                    s.errors = [f"[{name} {seed} {fmt} {kind}] {e}" for e in s.errors]
                    out[name].add(s)
                    out[f"  by kind: {kind}"].add(s)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--kinds", default="tab,pipe,html,html-gbk")
    parser.add_argument("--only", default="")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per perturbation")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else [*PERTURBATIONS, "mixed", "pre2019"]
    results = run(names, args.seeds, args.kinds.split(","))
    total = Score()
    print(f"{'perturbation':28} {'exact/expected':>16} {'%':>7} {'invented':>8} {'id wrong':>8} {'sections':>8}")
    for name, s in sorted(results.items(), key=lambda kv: kv[0].startswith(" ")):
        if not name.startswith(" "):
            total.add(s)
        pct = 100 * s.exact / s.expected if s.expected else 100.0
        print(
            f"{name:28} {s.exact:>7}/{s.expected:<8} {pct:7.2f} {s.invented:>8} {s.identity_wrong:>4}/{s.reports} {s.sections_wrong:>4}"
        )
        for e in s.errors[: args.show]:
            print("    ", e)
    pct = 100 * total.exact / total.expected
    print(
        f"{'TOTAL':28} {total.exact:>7}/{total.expected:<8} {pct:7.2f} {total.invented:>8} {total.identity_wrong:>4}/{total.reports} {total.sections_wrong:>4}"
    )


if __name__ == "__main__":
    main()
