"""The real seeds, and variants of their text with one number changed, through extraction, the loader and one
real quality run (real DuckDB file, real GX validation).

What the rules must find is computed here, independently of quality/, from
the golden answers and the spec's equations (R1-R4, R6); numbers are never
typed in. Variants edit the seed's bytes and are extracted again.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from extract import extract_report
from gongkai.metrics import APPLICANT_CODES, METRICS, metrics_for
from quality.run import run_quality
from tests.quality.spec_arithmetic import Finding, arithmetic
from tests.transform.seed_reports import SEEDS, Cells, golden, golden_cells, item
from transform.load import load_reports

N, T = APPLICANT_CODES[0], APPLICANT_CODES[-1]
# one number changed per variant, chosen to break the rule it is named after
VARIANTS = {
    "R1": ("宝丰县公安局", "s3.carried_out", N),
    "R2": ("郏县公安局", "s3.result.denied.third_party", N),
    "R3": ("鲁山县公安局", "s3.result.denied.third_party", T),
    "R4": ("叶县公安局", "s4.review.total", None),
}


def base_seed():
    """The seed that prints every cell R1-R4 read, adds up, and received the most requests."""
    complete = []
    for seed in SEEDS:
        answer = golden(seed)
        cells = golden_cells(answer)
        needed = [(m.code, a) for m in metrics_for("三", answer["format"]) for a in APPLICANT_CODES]
        needed += [(m.code, None) for m in metrics_for("四", answer["format"])]
        if all(k in cells for k in needed) and not arithmetic(cells, answer["format"]):
            complete.append((cells[("s3.new", T)] or 0, seed.name, seed, answer))
    assert complete, "no seed prints every R1-R4 cell and adds up"
    return max(complete)[2:]


def edit(text: str, fmt: str, metric: str, applicant: str | None, by: float) -> str:
    """``text`` with the number printed for (metric, applicant) changed by ``by``, found in the text table."""
    numeric = re.compile(r"\d+")
    lines = text.split("\n")

    def numbers(line: str) -> list[int]:
        return [i for i, field in enumerate(line.split("\t")) if numeric.fullmatch(field.strip())]

    if applicant is None:  # section 四 prints its fifteen figures on one row, in dictionary order
        row = metrics_for("四", fmt)
        found = [i for i, line in enumerate(lines) if len(numbers(line)) == len(row)]
        position = [m.code for m in row].index(metric)
    else:  # section 三: the row carrying the metric's label, one column per applicant
        label = re.sub(r"\s", "", next(m.row_label for m in METRICS if m.code == metric))
        found = [i for i, line in enumerate(lines) if label in re.sub(r"\s", "", line) and len(numbers(line)) >= 7]
        position = len(numbers(lines[found[0]])) - len(APPLICANT_CODES) + APPLICANT_CODES.index(applicant)
    assert len(found) == 1, (metric, applicant, found)
    fields = lines[found[0]].split("\t")
    column = numbers(lines[found[0]])[position]
    fields[column] = str(int(fields[column]) + int(by))
    lines[found[0]] = "\t".join(fields)
    return "\n".join(lines)


def changed(before: Cells, after_bytes: bytes) -> dict:
    after = {(f.metric, f.applicant): f.value for f in extract_report(after_bytes).facts}
    return {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The five seeds, one variant per rule R1-R4, and the base seed's next year; one load, one quality run."""
    tmp = tmp_path_factory.mktemp("seeds_quality")
    seed, answer = base_seed()
    text, fmt, cells = seed.read_text(encoding="utf-8"), answer["format"], golden_cells(answer)
    items = [item(s.read_bytes(), s.name) for s in SEEDS]
    expected: dict[tuple[str, int], set[Finding]] = {
        (golden(s)["agency"], golden(s)["year"]): arithmetic(golden_cells(golden(s)), golden(s)["format"])
        for s in SEEDS
    }
    for rule, (agency, metric, applicant) in VARIANTS.items():
        data = edit(text, fmt, metric, applicant, 1).replace(answer["agency"], agency).encode()
        assert changed(cells, data) == {
            (metric, applicant): (cells[(metric, applicant)], cells[(metric, applicant)] + 1)
        }
        items.append(item(data, f"{rule}.txt"))
        assert (items[-1].report.agency, items[-1].report.year) == (agency, answer["year"])
        expected[(agency, answer["year"])] = arithmetic(
            {**cells, (metric, applicant): cells[(metric, applicant)] + 1}, fmt
        )
    # next year: one request per column moves from received to carried in, so only the carry-over breaks
    next_year = text.replace(str(answer["year"]), str(answer["year"] + 1))
    shifted = dict(cells)
    for applicant in (N, T):
        next_year = edit(edit(next_year, fmt, "s3.new", applicant, -1), fmt, "s3.carried_in", applicant, 1)
        shifted[("s3.new", applicant)] -= 1
        shifted[("s3.carried_in", applicant)] += 1
    items.append(item(next_year.encode(), "next_year.txt"))
    assert (items[-1].report.agency, items[-1].report.year) == (answer["agency"], answer["year"] + 1)
    assert not arithmetic(shifted, fmt)
    r6 = {
        ("R6", "s3.carried_in", a, cells[("s3.carried_out", a)] or 0.0, shifted[("s3.carried_in", a)] or 0.0)
        for a in APPLICANT_CODES
        if (shifted[("s3.carried_in", a)] or 0.0) != (cells[("s3.carried_out", a)] or 0.0)
    }
    assert len(r6) == 2

    db = tmp / "w.duckdb"
    load_reports(db, items)
    run_quality(db, tmp / "out", run_id="seeds")
    with duckdb.connect(str(db), read_only=True) as con:
        findings = con.execute(
            "select agency, year, rule, metric, applicant, expected, observed, severity, message from quality_findings"
        ).fetchall()
    return findings, expected, (answer["agency"], answer["year"] + 1, r6)


def found(findings, agency: str, year: int, rules: tuple[str, ...]) -> set[Finding]:
    return {(r, m, a, e, o) for ag, y, r, m, a, e, o, *_ in findings if (ag, y) == (agency, year) and r in rules}


def test_seeds_that_add_up_raise_no_arithmetic_finding(world):
    findings, expected, _ = world
    for seed in SEEDS:
        answer = golden(seed)
        key = (answer["agency"], answer["year"])
        assert found(findings, *key, ("R1", "R2", "R3", "R4")) == expected[key], key


@pytest.mark.parametrize("rule", sorted(VARIANTS))
def test_one_number_changed_is_named_to_the_cell(world, rule):
    findings, expected, _ = world
    agency = VARIANTS[rule][0]
    year = next(y for a, y in expected if a == agency)
    want = expected[(agency, year)]
    assert rule in {f[0] for f in want}  # the variant does break the rule it is named after
    got = {f for f in findings if f[0] == agency}
    assert {(r, m, a, e, o) for _, _, r, m, a, e, o, *_ in got} == want  # nothing more: no false alarm
    for *_, metric, applicant, exp, obs, severity, message in got:
        assert severity == "error" and metric in message and applicant in (None, *APPLICANT_CODES)
        assert f"expected {exp:g}" in message and f"observed {obs:g}" in message
        assert applicant is None or applicant in message


def test_carry_over_across_two_years_of_one_agency(world):
    findings, _, (agency, year, r6) = world
    assert found(findings, agency, year, ("R6",)) == r6
    assert found(findings, agency, year, ("R1", "R2", "R3", "R4")) == set()
    assert {f[7] for f in findings if f[2] == "R6"} == {"warning"}
