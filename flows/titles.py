"""Which link titles name an annual information-disclosure report: the decoy filter of discovery.

Decoys: anything about the report rather than the report itself is left
out by title, including 解读 (interpretation) pages. A 解读 restates a few
of the report's figures in prose, so it never adds a value the report lacks,
and loading it would put a second, partial document for the same
agency-year beside the real one. Templates (模板, 样本), drafting guides
(指引) and a superior's review of the reports (通报) are left out for the
same reason, and so is an enterprise's 环境信息公开 report, a disclosure
regime of its own. Words are excluded only where no agency name holds them:
编制 (机构编制委员会) and 检查 (纪律检查委员会) name agencies that publish
reports of their own.
"""

from __future__ import annotations

import re

from extract.normalize import normalize_label

# An annual disclosure report: the subject (信息公开 / 政务公开) and an annual report (年度报告, 年报,
# 年度…工作报告), or a year's 信息公开工作报告 as reports were titled before the 2019 format.
_SUBJECT = re.compile(r"信息公开|政务公开")
_ANNUAL = re.compile(
    r"年度报告|年报|年度.{0,10}工作报告|工作报告.{0,3}[(（]?\d{4}|(?:19|20)\d{2}年.{0,20}(?:信息|政务)公开工作报告"
)
# Documents about the report or about disclosure in general, which portals list beside it.
_NOT_A_REPORT = re.compile(
    r"指南|要点|制度|规定|办法|通知|通报|解读|图解|一图|读懂|说明|目录|决算|预算|考核|测评|评估|意见|方案|清单"
    r"|模板|样本|样表|指引|发布会|答记者问|问答|环境信息公开"
)
YEAR = re.compile(r"(?:19|20)\d{2}|[二][〇○零][一二三四五六七八九〇○零]{2}")


def is_annual_report_title(title: str) -> bool:
    text = normalize_label(title)
    return bool(_SUBJECT.search(text) and _ANNUAL.search(text) and not _NOT_A_REPORT.search(text))


def names_a_year(title: str) -> bool:
    """A year in Arabic (full-width too) or Chinese numerals: what sets one year's report apart from a column name."""
    return bool(YEAR.search(normalize_label(title)))
