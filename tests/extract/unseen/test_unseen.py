"""Reports nobody here has seen: every perturbation real reports show, read cell by cell.

The reports come from ``variants.py`` (random but consistent figures from the
metric dictionary, seeded); each must give back exactly the cells the
generator printed, invent none, and name its agency, year and format.
``measure.py`` runs the same comparison over more seeds and prints accuracy.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import PERTURBATIONS, Style, build, render, typo

NAMES = [*PERTURBATIONS, "mixed"]


def _check(name: str, seed: int, fmt: str, kind: str) -> None:
    variant = build(name, seed, fmt)
    result = score(variant, extract_report(render(variant, kind)))
    assert not result.errors, result.errors[:8]


@pytest.mark.parametrize("kind", ["tab", "html"])
@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("name", NAMES)
def test_every_cell_of_a_perturbed_report(name: str, fmt: str, kind: str) -> None:
    _check(name, 0, fmt, kind)


@pytest.mark.parametrize("kind", ["pipe", "html-gbk"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mixed_perturbations_in_other_encodings(seed: int, kind: str) -> None:
    _check("mixed", seed, "2021" if seed % 2 else "2019", kind)


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_of_a_perturbed_word_report(name: str) -> None:
    """Word tables with real merges (gridSpan, vMerge); one format per perturbation, alternating, to stay fast."""
    _check(name, 0, ("2021", "2019")[NAMES.index(name) % 2], "docx")


def test_pdf() -> None:
    """A Word-like PDF: blank boxes at the page break, a headerless continuation table, the agency above the title."""
    style = Style(s3_split="continued", blank="", title="agency_line", label=typo)
    variant = build("pdf", 0, "2021", style)
    result = score(variant, extract_report(render(variant, "pdf")))
    assert not result.errors, result.errors[:8]


def test_pre2019_report_keeps_its_identity_and_yields_no_facts() -> None:
    variant = build("pre2019", 0, "pre2019")
    report = extract_report(render(variant, "html"))
    assert (report.agency, report.year, report.format, report.facts) == (variant.agency, variant.year, "pre2019", [])


def test_missing_section_three_is_a_finding() -> None:
    variant = build("no section 三", 0, "2021")
    report = extract_report(render(variant, "tab"))
    assert {i.where.section for i in report.issues if i.code == "missing_section"} == {"三"}
    assert not any(f.metric.startswith("s3.") for f in report.facts)


def test_blank_marks_are_null_not_zero() -> None:
    variant = build("blank —", 0, "2021")
    report = extract_report(render(variant, "tab"))
    blanks = [f for f in report.facts if f.raw == "—"]
    assert blanks and all(f.value is None for f in blanks)
    assert sum(v is None for v in variant.truth.values()) == len(blanks)


def test_generator_is_deterministic() -> None:
    assert render(build("mixed", 5, "2021"), "html") == render(build("mixed", 5, "2021"), "html")
