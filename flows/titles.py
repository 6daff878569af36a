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

Also left out, for the 解读 reason (a second, partial or derived document
for the same agency-year): an English translation (英文版), a summary
(摘要), a draft for comment (征求意见稿, by 意见) and a report's launch
(发布会). A half-year or quarter's report (上半年, 第一季度) is not an
annual report. Titles in Traditional characters read as Simplified, and
the Taiwan/Hong Kong word 資訊公開 is the subject as much as 信息公开.

Titles cut short by a list template ("…工作年度报...") are the hard case:
Chinese titles put the kind of document last, and the cut removes it. A cut
title is kept when the cut falls inside the report's own name, past the
point where every decoy family parts from it: the subject then 年 or 报
(公开年度报…, 公开工作年…, 公开年报…, 公开工作报…). 指南, 目录, 制度 and
工作要点 part earlier (公开指…, 公开目…, 公开工作要…), so "…公开工作..."
is left out; and a cut after the whole name ("…年度报告解...") has already
begun another kind of document. A cut title with 关于 is left out too: 关于
puts the document's own kind after the report's name (关于…报告的解读, 的通知),
and that is what was cut. What no prefix can tell is a decoy that appends
its kind to the full name, cut inside that name ("…年度报告解读" shown as
"…年度报..."): such a link is fetched as a candidate, and only the fetched
page's own title can settle it; ``is_truncated`` tells the caller so.
"""

from __future__ import annotations

import re

from extract.normalize import normalize_label

# An annual disclosure report: the subject (信息公开 / 政务公开 / 資訊公開) and an annual report (年度报告, 年报,
# 年度…工作报告), or a year's 信息公开工作报告 as reports were titled before the 2019 format.
_SUBJECT = re.compile(r"信息公开|政务公开|资讯公开")
_ANNUAL = re.compile(
    r"年度报告|年报|年度.{0,10}工作(?:情况)?报告|工作报告.{0,3}[(（]?\d{4}"
    r"|(?:19|20)\d{2}年.{0,20}(?:信息|政务)公开工作(?:情况)?报告"
)
# Documents about the report or about disclosure in general, which portals list beside it.
_NOT_A_REPORT = re.compile(
    r"指南|要点|制度|规定|办法|通知|通报|解读|图解|一图|读懂|说明|目录|决算|预算|考核|测评|评估|意见|方案|清单"
    r"|模板|样本|样表|指引|发布会|答记者问|问答|环境信息公开|英文|english|摘要|半年|季度",
    re.IGNORECASE,
)
# What a list template puts where it cut a title: ..., …, ……, ⋯, 。。。 (NFKC has made … and ．．． plain dots).
_ELLIPSIS = re.compile(r"(?:\.{2,}|⋯+|。{2,}|·{3,})$")
# A cut inside the report's own name, past where decoys part from it: 公开年度报…, 公开工作年…, 公开年报…,
# 公开工作报…, then at most brackets, digits and 年度 of a year ("…年度报告（2019年…").
_CUT_IN_NAME = re.compile(rf"(?:{_SUBJECT.pattern})(?:工作)?(?:年度?(?:工作)?报?告?|报告?)[\W\d_年度]*$")
YEAR = re.compile(r"(?:19|20)\d{2}|[二][〇○零][一二三四五六七八九〇○零]{2}")
# A column's entry named by its year alone: 2023年度, 【2022年】, 2021年度年报.
_ONLY_A_YEAR = re.compile(rf"\W*(?:{YEAR.pattern})年?度?(?:年度报告|年报|报告)?\W*")


def is_annual_report_title(title: str) -> bool:
    text = normalize_label(title)
    visible = _ELLIPSIS.sub("", text)
    if not _SUBJECT.search(visible) or _NOT_A_REPORT.search(visible):
        return False
    if visible == text:
        return bool(_ANNUAL.search(text))
    return bool(_CUT_IN_NAME.search(visible)) and "关于" not in visible


def is_truncated(title: str) -> bool:
    """The title ends where a list template cut it: what follows the cut (解读?) is unknown."""
    return bool(_ELLIPSIS.search(normalize_label(title)))


def visible_part(title: str) -> str:
    """The normalised title without the ellipsis a template put where it cut: what a fuller title must start with."""
    return _ELLIPSIS.sub("", normalize_label(title))


def names_a_year(title: str) -> bool:
    """A year in Arabic (full-width too) or Chinese numerals: what sets one year's report apart from a column name."""
    return bool(YEAR.search(normalize_label(title)))


def names_only_a_year(title: str) -> bool:
    """An entry that is a year and nothing else: on a column of annual reports, that year's report or sub-column.

    Only the column tells what such an entry is, so the caller asks this only
    on a page whose own title names the annual report without a year: a
    report page's archive of years (2023年, 2022年) sits under a title that
    names its year.
    """
    return bool(_ONLY_A_YEAR.fullmatch(normalize_label(title)))
