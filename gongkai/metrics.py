"""The metric dictionary: every canonical code of the annual report, defined once.

Extraction matches printed labels against the labels here, the warehouse
seeds its ``metric`` dimension from it and the quality rules derive their sums
(R1-R4) from the parent codes. Nothing else in the project may list metric
codes or their labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Section = Literal["二", "三", "四"]
Kind = Literal["count", "amount", "change"]
FORMATS: tuple[str, ...] = ("2021", "2019")


@dataclass(frozen=True, slots=True)
class Applicant:
    """A column of the section 三 table (who asked)."""

    code: str
    label: str
    group: str | None  # the spanning header above it, if any


APPLICANTS: tuple[Applicant, ...] = (
    Applicant("natural_person", "自然人", None),
    Applicant("commercial", "商业企业", "法人或其他组织"),
    Applicant("research", "科研机构", "法人或其他组织"),
    Applicant("social_welfare", "社会公益组织", "法人或其他组织"),
    Applicant("legal_service", "法律服务机构", "法人或其他组织"),
    Applicant("other_org", "其他", "法人或其他组织"),
    Applicant("total", "总计", None),
)
APPLICANT_CODES: tuple[str, ...] = tuple(a.code for a in APPLICANTS)


@dataclass(frozen=True, slots=True)
class Metric:
    """One canonical figure of the report.

    ``row_label``/``col_label`` are the labels the standard format prints;
    ``group_label`` is the spanning row label above a numbered item (for
    example "(三) 不予公开" above "1.属于国家秘密"), which is what tells
    "3.其他" of (六) from other items numbered 3.
    """

    code: str
    section: Section
    formats: tuple[str, ...]
    row_label: str
    col_label: str | None
    unit: str
    kind: Kind
    parent: str | None
    group_label: str | None = None
    is_leaf: bool = True

    @property
    def has_applicant(self) -> bool:
        return self.section == "三"


def _s2() -> list[Metric]:
    """Section 二: rows of disclosed items times the columns each format prints."""
    out: list[Metric] = []
    both = ("2021", "2019")
    # 2021 format
    for row, label in (("regulation", "规章"), ("normative_doc", "行政规范性文件")):
        for col, clabel in (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")):
            out.append(Metric(f"s2.{row}.{col}", "二", ("2021",), label, clabel, "件", "count", None))
    for row, label in (("license", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制")):
        out.append(Metric(f"s2.{row}.decisions", "二", both, label, "本年处理决定数量", "件", "count", None))
    out.append(Metric("s2.fee.amount", "二", ("2021",), "行政事业性收费", "本年收费金额", "万元", "amount", None))
    # 2019 format
    for row, label in (("regulation", "规章"), ("normative_doc", "规范性文件")):
        for col, clabel in (
            ("new_made", "本年新制作数量"),
            ("new_published", "本年新公开数量"),
            ("total_published", "对外公开总数量"),
        ):
            out.append(Metric(f"s2.{row}.{col}", "二", ("2019",), label, clabel, "件", "count", None))
    for row, label in (
        ("license", "行政许可"),
        ("other_service", "其他对外管理服务事项"),
        ("penalty", "行政处罚"),
        ("coercion", "行政强制"),
        ("fee", "行政事业性收费"),
    ):
        out.append(Metric(f"s2.{row}.prev_items", "二", ("2019",), label, "上一年项目数量", "项", "count", None))
        out.append(Metric(f"s2.{row}.change", "二", ("2019",), label, "本年增/减", "项", "change", None))
        if row == "other_service":
            out.append(Metric(f"s2.{row}.decisions", "二", ("2019",), label, "处理决定数量", "件", "count", None))
    out.append(Metric("s2.procurement.projects", "二", ("2019",), "政府集中采购", "采购项目数量", "项", "count", None))
    out.append(Metric("s2.procurement.amount", "二", ("2019",), "政府集中采购", "采购总金额", "万元", "amount", None))
    return out


_DENIED = "(三)不予公开"
_UNAVAILABLE = "(四)无法提供"
_NOT_PROCESSED = "(五)不予处理"
_OTHER = "(六)其他处理"


def _s3() -> list[Metric]:
    """Section 三: request counts; every row is broken down by applicant."""
    both = ("2021", "2019")

    def m(
        code: str,
        label: str,
        parent: str | None,
        group: str | None = None,
        formats: tuple[str, ...] = both,
        leaf: bool = True,
    ) -> Metric:
        return Metric(code, "三", formats, label, None, "件", "count", parent, group, leaf)

    r = "s3.result"
    return [
        m("s3.new", "一、本年新收政府信息公开申请数量", None),
        m("s3.carried_in", "二、上年结转政府信息公开申请数量", None),
        m(f"{r}.granted", "(一)予以公开", f"{r}.total"),
        m(f"{r}.partial", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", f"{r}.total"),
        m(f"{r}.denied", _DENIED, f"{r}.total", leaf=False),
        m(f"{r}.denied.state_secret", "1.属于国家秘密", f"{r}.denied", _DENIED),
        m(f"{r}.denied.law_prohibited", "2.其他法律行政法规禁止公开", f"{r}.denied", _DENIED),
        m(f"{r}.denied.security_stability", "3.危及“三安全一稳定”", f"{r}.denied", _DENIED),
        m(f"{r}.denied.third_party", "4.保护第三方合法权益", f"{r}.denied", _DENIED),
        m(f"{r}.denied.internal_affairs", "5.属于三类内部事务信息", f"{r}.denied", _DENIED),
        m(f"{r}.denied.process_info", "6.属于四类过程性信息", f"{r}.denied", _DENIED),
        m(f"{r}.denied.enforcement_file", "7.属于行政执法案卷", f"{r}.denied", _DENIED),
        m(f"{r}.denied.admin_query", "8.属于行政查询事项", f"{r}.denied", _DENIED),
        m(f"{r}.unavailable", _UNAVAILABLE, f"{r}.total", leaf=False),
        m(f"{r}.unavailable.not_held", "1.本机关不掌握相关政府信息", f"{r}.unavailable", _UNAVAILABLE),
        m(f"{r}.unavailable.needs_creation", "2.没有现成信息需要另行制作", f"{r}.unavailable", _UNAVAILABLE),
        m(f"{r}.unavailable.unclear", "3.补正后申请内容仍不明确", f"{r}.unavailable", _UNAVAILABLE),
        m(f"{r}.not_processed", _NOT_PROCESSED, f"{r}.total", leaf=False),
        m(f"{r}.not_processed.complaint", "1.信访举报投诉类申请", f"{r}.not_processed", _NOT_PROCESSED),
        m(f"{r}.not_processed.duplicate", "2.重复申请", f"{r}.not_processed", _NOT_PROCESSED),
        m(f"{r}.not_processed.publication", "3.要求提供公开出版物", f"{r}.not_processed", _NOT_PROCESSED),
        m(f"{r}.not_processed.mass_repeat", "4.无正当理由大量反复申请", f"{r}.not_processed", _NOT_PROCESSED),
        m(
            f"{r}.not_processed.confirm_reissue",
            "5.要求行政机关确认或重新出具已获取信息",
            f"{r}.not_processed",
            _NOT_PROCESSED,
        ),
        m(f"{r}.other", _OTHER, f"{r}.total", formats=("2019",)),
        m(
            f"{r}.other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            f"{r}.other",
            _OTHER,
            ("2021",),
        ),
        m(
            f"{r}.other.unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            f"{r}.other",
            _OTHER,
            ("2021",),
        ),
        m(f"{r}.other.other", "3.其他", f"{r}.other", _OTHER, ("2021",)),
        m(f"{r}.total", "(七)总计", None),
        m("s3.carried_out", "四、结转下年度继续办理", None),
    ]


S4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
S4_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _s4() -> list[Metric]:
    """Section 四: three proceedings times five outcomes, in the printed order."""
    out = []
    for group, glabel in S4_GROUPS:
        for outcome, olabel in S4_OUTCOMES:
            parent = None if outcome == "total" else f"s4.{group}.total"
            out.append(Metric(f"s4.{group}.{outcome}", "四", FORMATS, glabel, olabel, "件", "count", parent))
    return out


METRICS: tuple[Metric, ...] = tuple(_s2() + _s3() + _s4())
BY_CODE: dict[str, Metric] = {m.code: m for m in METRICS}


def metrics_for(section: Section, fmt: str) -> list[Metric]:
    """The leaf metrics a table of ``section`` prints in format ``fmt``."""
    return [m for m in METRICS if m.section == section and fmt in m.formats and m.is_leaf]


def leaves_under(parent: str, fmt: str) -> list[Metric]:
    """Leaf metrics whose values add up to ``parent`` in format ``fmt`` (R2, R4).

    A group such as "(六) 其他处理" is a leaf in the 2019 format and a parent of
    three items in the 2021 format, so leafness is decided per format.
    """
    out: list[Metric] = []
    for m in METRICS:
        if m.parent != parent:
            continue
        kids = leaves_under(m.code, fmt)
        if kids:
            out.extend(kids)
        elif m.is_leaf and fmt in m.formats:
            out.append(m)
    return out
