"""What a reading hands the crawl's writer: the report's header, its facts as a frame, and what choosing needs."""

from __future__ import annotations

from flows.extraction import reading
from gongkai.metrics import metrics_for
from tests.transform.hand_reports import build_report


def test_a_report_without_an_agency_takes_the_sources_name_saying_so_and_is_fingerprinted_with_it() -> None:
    anonymous = build_report(None, 2024)
    plain, named = reading(anonymous), reading(anonymous, "某市某局")
    assert plain.header.agency is None and named.header.agency == "某市某局"
    assert named.header.issues[-1].code == "agency_from_sources"
    assert plain.fingerprint != named.fingerprint
    assert reading(build_report("某县某局", 2024), "某市某局").header.agency == "某县某局"


def test_facts_travel_as_a_frame_with_the_counts_that_choose_a_rendition() -> None:
    s3 = next(m for m in metrics_for("三", "2021") if m.has_applicant)
    report = build_report("某县某局", 2024, cells={(s3.code, "natural_person"): None})
    read = reading(report)
    assert read.header.facts == [] and read.facts.equals(report.facts_frame())
    assert read.values == len(report.facts) - 1 and read.section3
    without_s3 = build_report(
        "某县某局", 2024, cells={(f.metric, f.applicant): None for f in report.facts if f.metric.startswith("s3.")}
    )
    assert not reading(without_s3).section3


def test_the_fingerprint_names_what_was_read_facts_and_header_alike() -> None:
    """Equal readings fingerprint alike however often they are read; a changed value or a changed note is another."""
    s2 = next(m for m in metrics_for("二", "2021"))
    base = reading(build_report("某县某局", 2024))
    assert reading(build_report("某县某局", 2024)).fingerprint == base.fingerprint
    assert reading(build_report("某县某局", 2024, cells={(s2.code, None): 2.0})).fingerprint != base.fingerprint
    assert reading(build_report("某县某局", 2023)).fingerprint != base.fingerprint
    blank = build_report("某县某局", 2024, cells={(s2.code, None): None})  # printed blank: null, not zero
    assert reading(blank).fingerprint not in (
        base.fingerprint,
        reading(build_report("某县某局", 2024, cells={(s2.code, None): 0.0})).fingerprint,
    )
