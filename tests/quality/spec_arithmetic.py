"""R1-R4 computed straight from the spec's equations, for tests to derive the findings they expect.

Independent of ``quality/`` on purpose: the expected findings must not come
from the code under test (only the dictionary and R1's outflow rows are shared).
"""

from __future__ import annotations

from gongkai.metrics import APPLICANT_CODES, METRICS, leaves_under, metrics_for
from quality.rules.r1_balance import OUTFLOW
from tests.transform.seed_reports import Cells

T = APPLICANT_CODES[-1]
RESULT_TOTAL = "s3.result.total"
S4_TOTALS = sorted({m.parent for m in METRICS if m.section == "四" and m.parent})
Finding = tuple[str, str, str | None, float, float]  # rule, metric, applicant, expected, observed


def arithmetic(cells: Cells, fmt: str) -> set[Finding]:
    """R1-R4 as the spec states them, on the cells a report prints (blank = 0; an absent cell: not checked)."""
    found: set[Finding] = set()

    def check(rule: str, metric: str, applicant: str | None, observed: list, expected: list) -> None:
        if all(k in cells for k in observed + expected):
            obs, exp = (sum(cells[k] or 0.0 for k in keys) for keys in (observed, expected))
            if obs != exp:
                found.add((rule, metric, applicant, exp, obs))

    for a in APPLICANT_CODES:
        check("R1", " + ".join(OUTFLOW), a, [(m, a) for m in OUTFLOW], [("s3.new", a), ("s3.carried_in", a)])
        check("R2", RESULT_TOTAL, a, [(RESULT_TOTAL, a)], [(m.code, a) for m in leaves_under(RESULT_TOTAL, fmt)])
    for m in metrics_for("三", fmt):
        check("R3", m.code, T, [(m.code, T)], [(m.code, a) for a in APPLICANT_CODES[:-1]])
    for total in S4_TOTALS:
        check("R4", total, None, [(total, None)], [(m.code, None) for m in leaves_under(total, fmt)])
    return found
