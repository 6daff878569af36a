"""Reports nobody here has seen, end to end: generated, rendered, extracted, loaded, one real quality run.

The reports come from the unseen-report generator (tests/extract/unseen/variants.py), whose figures add up
(R1-R4) under every real-world perturbation. Copies get cells changed in their drawn tables before rendering,
and what the quality run must find is derived here from the changed figures with the spec's equations, never
typed in. One load and one run (real DuckDB file, real GX validation) serve the whole module.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, field, replace
from itertools import cycle

import duckdb
import pytest
from lxml import html as lxml_html

from extract.model import Report
from gongkai.metrics import APPLICANT_CODES, BY_CODE
from quality.run import run_quality
from tests.extract.unseen.variants import DEPARTMENTS, PERTURBATIONS, PLACES, Variant, build, render
from tests.quality.built_reports import load, report
from tests.quality.spec_arithmetic import arithmetic
from tests.transform.seed_reports import item
from transform.load import load_reports

Key = tuple[str, str | None]
T = APPLICANT_CODES[-1]
PEOPLE = APPLICANT_CODES[:-1]
KINDS = ("tab", "html", "pipe", "html-gbk")
STOCK = ("s2.regulation", "s2.normative_doc")  # the rows of section 二 whose stock flows (2021 format)
RULES_FOUND = ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "stock_flow", "copied_table")
_STATED = re.compile(r"申[请請](\d+)件")
_YEAR = re.compile(r"(\d{4})(?=\s*年)")


@dataclass
class Case:
    """One report as published, the rendition it is loaded from, and the report it follows (same agency)."""

    variant: Variant
    kind: str
    group: str
    previous: Variant | None = None
    drop: set[Key] = field(default_factory=set)  # cells whose row the extractor must refuse


# ---------------------------------------------------------------- editing a generated report


def grids(variant: Variant, label_cols: int | None = None) -> list:
    return [b for b in variant.report.blocks if not isinstance(b, str) and label_cols in (None, b.label_cols)]


def value_cells(variant: Variant, section: str) -> dict[Key, tuple]:
    """(metric, applicant) -> (grid, cell) for the cells of ``section``, paired with the truth in drawing order.

    The generator draws value cells in the order it records the truth: section 三's tables row by row (the
    applicant columns follow the label columns), section 四's fifteen figures, section 二's non-empty cells.
    """
    keys = [k for k in variant.truth if BY_CODE[k[0]].section == section]
    if section == "三":
        found = [
            (g, c)
            for g in grids(variant)
            if g.label_cols >= 2
            for c in g.cells
            if c.kind == "value" and g.label_cols <= c.col < g.label_cols + len(APPLICANT_CODES)
        ]
    else:
        found = [
            (g, c)
            for g in grids(variant, 0 if section == "四" else 1)
            for c in g.cells
            if c.kind == "value" and (section == "四" or c.text)
        ]
    assert len(found) == len(keys), (variant.name, section)
    return dict(zip(keys, found, strict=True))


def edited(variant: Variant, cells: dict[Key, tuple[str, float | None]]) -> Variant:
    """A copy with ``cells`` printed as the given text, and the figure a reader must get back from it."""
    out = copy.deepcopy(variant)
    for section in {BY_CODE[k[0]].section for k in cells}:
        for key, (grid, cell) in value_cells(out, section).items():
            if key in cells:
                grid.cells[grid.cells.index(cell)] = replace(cell, text=cells[key][0])
                out.truth[key] = cells[key][1]
    return out


def renamed(variant: Variant, agency: str, year: int | None = None) -> Variant:
    """The same report published by ``agency`` (for ``year``): every year in the text shifts with it."""
    shift = 0 if year is None else year - variant.year
    out = copy.deepcopy(variant)

    def fix(text: str) -> str:
        return _YEAR.sub(lambda m: str(int(m[1]) + shift), text.replace(variant.agency, agency))

    out.report = replace(
        out.report,
        title=[fix(t) for t in out.report.title],
        blocks=[fix(b) if isinstance(b, str) else b for b in out.report.blocks],
    )
    out.agency, out.year = agency, variant.year + shift
    return out


def stating(variant: Variant, figure: int) -> Variant:
    """A copy whose section 一 states ``figure`` requests received."""
    out = copy.deepcopy(variant)
    blocks = [_STATED.sub(f"申请{figure}件", b) if isinstance(b, str) else b for b in out.report.blocks]
    out.report = replace(out.report, blocks=blocks)
    return out


def stated(variant: Variant) -> int | None:
    return next((int(m[1]) for b in variant.report.blocks if isinstance(b, str) for m in _STATED.finditer(b)), None)


def rendered(case: Case) -> bytes:
    """The case's bytes; a refused row is printed with one cell missing (six numbers for seven columns)."""
    if not case.drop:
        return render(case.variant, case.kind)
    marked = edited(case.variant, {k: ("§", None) for k in case.drop})
    text = render(marked, case.kind).decode()
    return re.sub(r"\t§(?=\t|\n)", "", text).encode()


# ---------------------------------------------------------------- what the rules must find, from the spec


def number(cells: dict[Key, float | None], key: Key) -> float:
    return float(cells.get(key) or 0.0)


def expected(case: Case) -> set[tuple]:
    """(rule, metric, applicant, expected, observed) the published report breaks, from its figures."""
    v = case.variant
    cells = {k: x for k, x in v.truth.items() if k not in case.drop}
    want = {(r, m, a, float(e), float(o)) for r, m, a, e, o in arithmetic(cells, v.format)}
    for (metric, applicant), x in cells.items():
        kind = BY_CODE[metric].kind
        if x is not None and kind != "change" and (x < 0 or (kind == "count" and x != int(x))):
            want.add(("R5", metric, applicant, None, float(x)))
    if ("s3.new", T) in cells and stated(v) is not None and stated(v) != number(cells, ("s3.new", T)):
        want.add(("R7", "s3.new", T, float(stated(v)), number(cells, ("s3.new", T))))
    before = case.previous.truth if case.previous else {}
    for a in APPLICANT_CODES:
        if ("s3.carried_out", a) in before and ("s3.carried_in", a) in cells:
            prior, now = number(before, ("s3.carried_out", a)), number(cells, ("s3.carried_in", a))
            if prior != now:
                want.add(("R6", "s3.carried_in", a, prior, now))
    for item_ in STOCK if v.format == "2021" and before else ():
        flow = (
            number(before, (f"{item_}.in_force", None))
            + number(cells, (f"{item_}.issued", None))
            - number(cells, (f"{item_}.repealed", None))
        )
        if flow != number(cells, (f"{item_}.in_force", None)):
            want.add(("stock_flow", f"{item_}.in_force", None, flow, number(cells, (f"{item_}.in_force", None))))
    s3 = {k: x for k, x in cells.items() if k[0].startswith("s3.")}
    if s3 and s3 == {k: x for k, x in before.items() if k[0].startswith("s3.")} and any(s3.values()):
        want.add(("copied_table", "s3", None, None, float(len(s3))))
    return want


# ---------------------------------------------------------------- the reports


def catalogue() -> list[Case]:
    """Every perturbation adding up; copies with one number changed; blanks; a refused row; pairs of years."""
    rng, kinds = random.Random(3), cycle(KINDS)
    cases = [
        Case(build(name, i, ("2021", "2019")[i % 2]), next(kinds), "adds up")
        for i, name in enumerate([*PERTURBATIONS, "mixed", "mixed"])
    ]
    for i, name in enumerate(
        [
            "baseline",
            "blank —",
            "blank 无",
            "s3 split continued",
            "mixed",
            "mixed",
            "s3 header flat",
            "备注 column",
            "thousands",
            "s4 header two rows",
        ]
    ):
        v = build(name, 100 + i, ("2021", "2019")[i % 2])
        key = rng.choice([k for k, x in v.truth.items() if BY_CODE[k[0]].section in "三四" and x is not None])
        bump = float(v.truth[key] + rng.choice((1, 2, 7)))
        cases.append(Case(edited(v, {key: (str(int(bump)), bump)}), next(kinds), "one number changed"))
    v = build("baseline", 200, "2021")
    leaf = next(k for k, x in v.truth.items() if k[0].startswith("s3.result.") and k[1] in PEOPLE and x)
    cases.append(Case(edited(v, {leaf: ("—", None)}), "html", "blank instead of a number"))
    v = build("baseline", 201, "2021")
    counts = [k for k, x in v.truth.items() if k[0].startswith("s2.") and BY_CODE[k[0]].kind == "count"]
    cases.append(Case(edited(v, {counts[0]: ("-3", -3.0)}), "tab", "R5"))
    v = build("baseline", 202, "2019")
    leaf = next(k for k, x in v.truth.items() if k[0].startswith("s3.result.") and k[1] in PEOPLE and x)
    cases.append(Case(edited(v, {leaf: (f"{v.truth[leaf]}.5", v.truth[leaf] + 0.5)}), "html", "R5"))
    v = build("blank —", 203, "2021")
    cases.append(Case(stating(v, int(v.truth[("s3.new", T)] or 0) + 4), "pipe", "R7"))
    v = build("baseline", 204, "2021")
    refused = next(m for m, a in v.truth if m.startswith("s3.result.denied"))
    cases.append(Case(v, "tab", "refused row", drop={(refused, PEOPLE[2])}))
    reserved = {c.variant.agency for c in cases if c.variant.name == "traditional"}
    names = (p + d for p in PLACES for d in DEPARTMENTS if p + d not in reserved)
    for case in cases:  # one agency per report (the traditional one keeps its own, in its own script)
        if case.variant.name != "traditional":
            case.variant = renamed(case.variant, next(names))
    cases += pairs(names)
    return cases


def pairs(names) -> list[Case]:
    """Consecutive years of one agency (2021 format): random, copied, and carried over consistently."""
    out = []
    for n, (first, then) in enumerate([("baseline", "mixed"), ("blank 无", None), ("baseline", "baseline")]):
        agency = next(names)
        a = renamed(build(first, 300 + n, "2021"), agency, 2022)
        b = renamed(build(then, 310 + n, "2021"), agency, 2023) if then else renamed(a, agency, 2023)
        if n == 2:
            b = carried_from(a, b)
        out += [Case(a, "html", f"pair {n}"), Case(b, "tab", f"pair {n}", previous=a)]
    return out


def carried_from(a: Variant, b: Variant) -> Variant:
    """``b`` changed so it carries in what ``a`` carried out and its stock follows on, still adding up."""
    cells: dict[Key, float] = {}
    for who in PEOPLE:
        carried_in = number(a.truth, ("s3.carried_out", who))
        out = number(b.truth, ("s3.carried_out", who))
        new = number(b.truth, ("s3.result.total", who)) + out - carried_in
        cells |= {
            ("s3.carried_in", who): carried_in,
            ("s3.carried_out", who): out - min(new, 0),
            ("s3.new", who): max(new, 0),
        }
    for metric in ("s3.carried_in", "s3.carried_out", "s3.new"):
        cells[(metric, T)] = sum(cells[(metric, w)] for w in PEOPLE)
    for item_ in STOCK:
        issued, repealed = number(b.truth, (f"{item_}.issued", None)), number(b.truth, (f"{item_}.repealed", None))
        in_force = number(a.truth, (f"{item_}.in_force", None)) + issued - repealed
        cells |= {
            (f"{item_}.repealed", None): repealed + min(in_force, 0),
            (f"{item_}.in_force", None): max(in_force, 0),
        }
    b = edited(b, {k: (str(int(x)), x) for k, x in cells.items()})
    return stating(b, int(cells[("s3.new", T)]))


UNREADABLE = "见附件"


def unreadable() -> Report:
    """A report that adds up, with one non-zero cell printed as text no reader can take as a number.

    The extractor keeps such a cell as null with its raw text (spec, Values); today's readers drop the
    whole row instead (reported to the lead), so the report is built from the figures directly.
    """
    v = build("baseline", 205, "2021")
    cell = next(k for k, x in v.truth.items() if k[0].startswith("s3.result.") and k[1] in PEOPLE and x)
    built = report("unreadable", v.year, {**v.truth, cell: None})
    facts = [replace(f, raw=UNREADABLE) if (f.metric, f.applicant) == cell else f for f in built.facts]
    return replace(built, facts=facts)


# ---------------------------------------------------------------- one run


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unseen_quality")
    cases = catalogue()
    items = [item(rendered(c), f"{i}.{c.kind}") for i, c in enumerate(cases)]
    for case, loaded in zip(cases, items, strict=True):  # the extractor read what was published
        got = {(f.metric, f.applicant): f.value for f in loaded.report.facts}
        want = {k: x for k, x in case.variant.truth.items() if k[0] not in {d[0] for d in case.drop}}
        assert (loaded.report.agency, loaded.report.year, got) == (case.variant.agency, case.variant.year, want)
    db = tmp / "w.duckdb"
    load_reports(db, items)
    load(db, [unreadable()])
    summary = run_quality(db, tmp / "out", run_id="unseen")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select agency, year, rule, metric, applicant, expected, observed, severity, message from quality_findings"
        ).fetchall()
        assert rows and all(r[7] != "info" for r in rows)  # violations only: unchecked equations are listed apart
        rows += con.execute(
            "select agency, year, 'incomplete', metric, applicant, null, null, 'info', message from quality_unchecked"
        ).fetchall()
    return cases, rows, summary, tmp / "out"


def found(rows, case: Case, rules=RULES_FOUND) -> set[tuple]:
    v = case.variant
    return {(r, m, a, e, o) for ag, y, r, m, a, e, o, *_ in rows if (ag, y) == (v.agency, v.year) and r in rules}


def of(cases: list[Case], group: str) -> list[Case]:
    chosen = [c for c in cases if c.group.startswith(group)]
    assert chosen, group
    return chosen


def test_reports_that_add_up_raise_nothing(world):
    cases, rows, _, _ = world
    clean = of(cases, "adds up")
    for case in clean:
        assert expected(case) == set(), case.variant.name
        assert found(rows, case, (*RULES_FOUND, "incomplete")) == set(), (case.variant.name, case.kind)
    # blanks sat in equations that hold only if a blank is 0, in both formats
    blank = {
        c.variant.format
        for c in clean
        if any(x is None for k, x in c.variant.truth.items() if BY_CODE[k[0]].section in ("三", "四"))
    }
    assert blank == {"2021", "2019"}


def test_one_number_changed_breaks_exactly_the_rules_it_should(world):
    cases, rows, _, _ = world
    for case in of(cases, "one number changed"):
        want = expected(case)
        assert {w[0] for w in want} & {"R1", "R2", "R3", "R4"}, case.variant.name
        assert found(rows, case) == want, (case.variant.name, case.kind)
    for _, _, rule, metric, applicant, exp, obs, severity, message in rows:
        if rule in ("R1", "R2", "R3", "R4"):
            assert severity == "error" and message.startswith(metric + (f" / {applicant}" if applicant else ""))
            assert f"expected {exp:g}" in message and f"observed {obs:g}" in message


def test_a_blank_where_a_number_was_is_counted_as_zero_and_said(world):
    cases, rows, _, _ = world
    (case,) = of(cases, "blank instead")
    want = expected(case)
    assert {w[0] for w in want} == {"R2", "R3"} and found(rows, case) == want
    (blank,) = [k for k, x in case.variant.truth.items() if x is None]
    messages = [r[8] for r in rows if (r[0], r[1]) == (case.variant.agency, case.variant.year)]
    assert all("blank cells counted as 0: " in m for m in messages)
    assert any(blank[0] in m.split("blank cells counted as 0: ")[1] for m in messages)


def test_a_refused_row_is_not_checked_and_says_so(world):
    cases, rows, _, _ = world
    (case,) = of(cases, "refused row")
    assert found(rows, case) == expected(case) == set()
    ((metric, _),) = case.drop
    notes = [r for r in rows if (r[0], r[1], r[2]) == (case.variant.agency, case.variant.year, "incomplete")]
    assert {r[7] for r in notes} == {"info"} and {r[4] for r in notes} == set(APPLICANT_CODES)
    assert all(f"R2 not checked: {metric} missing or unreadable" in r[8] for r in notes)


def test_an_unreadable_cell_is_not_a_blank(world):
    _, rows, _, _ = world
    mine = [r for r in rows if r[0] == "unreadable"]
    assert mine and {(r[2], r[7]) for r in mine} == {("incomplete", "info")}
    assert {r[8].split(": ", 1)[1].split(" not checked")[0] for r in mine} == {"R2", "R3"}
    assert all(" missing or unreadable" in r[8] for r in mine)


def test_r5_negative_and_fractional_counts(world):
    cases, rows, _, _ = world
    r5 = of(cases, "R5")
    for case in r5:
        want = expected(case)
        assert "R5" in {w[0] for w in want} and found(rows, case) == want, case.variant.name
    observed = sorted(w[4] for c in r5 for w in expected(c) if w[0] == "R5")
    assert observed[0] == -3 and any(x != int(x) for x in observed)


def test_r7_narrative_states_another_count(world):
    cases, rows, _, _ = world
    (case,) = of(cases, "R7")
    want = expected(case)
    assert {w[0] for w in want} == {"R7"} and found(rows, case) == want
    assert {r[7] for r in rows if r[2] == "R7"} == {"warning"}


def test_consecutive_years_carry_over_stock_flow_and_copied_table(world):
    cases, rows, _, _ = world
    pairs_ = of(cases, "pair")
    for case in pairs_:
        assert found(rows, case) == expected(case), (case.group, case.variant.year)
    random_, copied, consistent = (expected(c) for c in pairs_[1::2])
    assert {"R6", "stock_flow"} <= {w[0] for w in random_} and "copied_table" not in {w[0] for w in random_}
    assert "copied_table" in {w[0] for w in copied}
    assert consistent == set()


def test_html_report_counts_every_failing_agency_year_and_works_offline(world):
    _, rows, summary, out = world
    page = lxml_html.fromstring(summary.report.read_bytes())
    table = page.xpath("//h2[contains(., 'Which reports')]/following-sibling::table[1]")[0]
    head, *body = table.xpath(".//tr")
    rules = [th.text_content() for th in head.xpath("th")][2:-1]
    shown = {}
    for tr in body:
        agency, year, *counts, _ = [td.text_content() for td in tr.xpath("td")]
        shown |= {(agency, int(year), rule): int(n) for rule, n in zip(rules, counts, strict=True) if n}
    want: dict[tuple, int] = {}
    for agency, year, rule, *_, severity, _ in rows:
        if severity != "info":
            want[(agency, year, rule)] = want.get((agency, year, rule), 0) + 1
    assert shown == want and len({k[:2] for k in want}) > 10
    for html in out.rglob("*.html"):
        assert not re.search(r"""((src|href)\s*=|url\()\s*["']?(https?:)?//""", html.read_text(encoding="utf-8")), html
