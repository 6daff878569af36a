"""Hand-built reports for loader tests: every printed cell of a format, values chosen by the test."""

from __future__ import annotations

import hashlib
from datetime import datetime

from extract.model import Fact, Issue, Report, Where
from gongkai.metrics import APPLICANT_CODES, metrics_for
from transform.load import LoadItem

Cells = dict[tuple[str, str | None], float | None]


def build_report(agency: str | None, year: int | None, fmt: str = "2021", cells: Cells | None = None) -> Report:
    """A report printing every leaf cell of ``fmt``; ``cells`` overrides values (others are 1)."""
    cells = cells or {}
    facts = []
    for section in ("二", "三", "四"):
        for row, metric in enumerate(metrics_for(section, fmt)):
            applicants = APPLICANT_CODES if metric.has_applicant else (None,)
            for col, applicant in enumerate(applicants):
                value = cells.get((metric.code, applicant), 1.0)
                where = Where(section=section, table={"二": 0, "三": 1, "四": 2}[section], row=row, column=col, page=1)
                raw = "" if value is None else f"{value:g}"
                facts.append(Fact(metric.code, applicant, value, raw, where, metric.row_label, metric.col_label or ""))
    issues = [Issue("warning", "test.note", f"hand-built {agency}", Where(section="三", row=2))]
    return Report(agency, year, fmt, ["一", "二", "三", "四"], facts, issues, "html", {"requests": 3})


def item_for(report: Report, fetched_at: datetime, salt: str = "") -> LoadItem:
    """A LoadItem whose content hash follows the report's content (and ``salt``), like real bytes would."""
    digest = hashlib.sha256(repr(report.to_json()).encode() + salt.encode()).hexdigest()
    return LoadItem(
        report=report,
        url=f"https://gov.example.cn/{digest[:8]}.html",
        content_sha256=digest,
        content_type="text/html; charset=utf-8",
        fetched_at=fetched_at,
        archive_path=f"data/raw/{digest}.html",
        portal_host="gov.example.cn",
    )
