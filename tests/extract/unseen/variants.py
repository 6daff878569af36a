"""Realistic reports nobody here has seen: built from the metric dictionary, perturbed like real ones.

A ``Variant`` is one report: its identity, the value of every cell it prints
(the answer), and its layout as title lines, paragraphs and drawn tables
(``layout.Grid``), which the fixture renderers turn into HTML and PDF and
``render_text`` into a tab or pipe export. Values are random but add up the
way the standard form says (R1-R4), so a reader that "fixes" arithmetic would
be caught too. Each perturbation is a general transformation seen in real
reports (label wording, enumeration marks, header arrangements, blank marks,
units, split tables, titles, missing sections); none copies a fixture.

Everything is drawn from ``random.Random(seed)``: the same seed gives the same report.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from itertools import groupby
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
sys.path.insert(0, str(FIXTURES))

import opencc  # noqa: E402
from layout import Cell, Grid, Seed  # noqa: E402

from gongkai.metrics import APPLICANTS, BY_CODE, S4_GROUPS, S4_OUTCOMES, Metric, metrics_for  # noqa: E402

Key = tuple[str, str | None]
Label = Callable[[str, random.Random], str]

PLACES = (
    "银川市",
    "吴忠市",
    "固原市",
    "洛阳市",
    "开封市",
    "许昌市",
    "杭州市余杭区",
    "北京市海淀区",
    "彭阳县",
    "盐池县",
)
DEPARTMENTS = (
    "自然资源局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "交通运输局",
    "卫生健康委员会",
    "财政局",
    "教育局",
    "人民政府办公室",
    "生态环境局",
    "住房和城乡建设局",
    "民政局",
    "审计局",
)
S3_CORNER = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
S2_BLOCKS_2021 = (
    ("第二十条第（一）项", ("regulation", "normative_doc")),
    ("第二十条第（五）项", ("license",)),
    ("第二十条第（六）项", ("penalty", "coercion")),
    ("第二十条第（八）项", ("fee",)),
)
S2_BLOCKS_2019 = (
    *S2_BLOCKS_2021[:1],
    ("第二十条第（五）项", ("license", "other_service")),
    *S2_BLOCKS_2021[2:],
    ("第二十条第（九）项", ("procurement",)),
)
SECTION_TITLES = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
CN = "一二三四五六七八九十"


@dataclass
class Style:
    """How one report prints things; each field is one kind of real-world perturbation."""

    label: Label = lambda text, rng: text  # applied to every row label of sections 二 and 三
    header: Label = lambda text, rng: text  # applied to the column headers of sections 二 and 四
    applicant: Callable[[str, str, random.Random], str] = lambda code, text, rng: text
    s3_header: str = "standard"  # standard | two_rows | total_on_top | flat
    s3_labels: str = "three_cols"  # three_cols | result_row
    s4_header: str = "standard"  # standard | two_rows
    extra_column: str | None = None  # None | "备注" | "" (a trailing empty column)
    blank: str | None = None  # None: zeros print "0"; else some zeros print as this blank mark (value null)
    number: Callable[[str], str] = lambda text: text  # thousands separators, full-width digits
    money: str = "plain"  # plain | yuan | wanyuan
    s3_split: str | None = None  # None | "repeat_header" | "continued" (second table without header)
    s2_block_titles: bool = True
    headings: str = "一、"  # 一、 | 第一部分 | none
    title: str = "one_line"  # one_line | agency_line | year_du | about
    sections: tuple[str, ...] = ("二", "三", "四")


@dataclass
class Variant:
    name: str
    seed: int
    agency: str
    year: int
    format: str
    truth: dict[Key, int | float | None]
    report: Seed
    sections: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- values


def _values(fmt: str, rng: random.Random, sections: tuple[str, ...]) -> dict[Key, int | float]:
    """Random figures that satisfy R1-R4 (counts) with a realistic share of zeros."""
    out: dict[Key, int | float] = {}

    def count(big: bool = False) -> int:
        if rng.random() < 0.45:
            return 0
        return rng.randint(1, 250000 if big else 40)

    if "二" in sections:
        for m in metrics_for("二", fmt):
            if m.kind == "amount":
                out[(m.code, None)] = float(Decimal(rng.randint(0, 99999999)) / 10000)
            elif m.kind == "change":
                out[(m.code, None)] = rng.randint(-9, 12)
            else:
                out[(m.code, None)] = count(big=m.code.endswith("decisions"))
    if "三" in sections:
        people = [a.code for a in APPLICANTS if a.code != "total"]
        leaves = [
            m.code
            for m in metrics_for("三", fmt)
            if m.parent == "s3.result.total" or (m.parent or "").startswith("s3.result.")
        ]
        for who in people:
            busy = rng.random() < (0.9 if who == "natural_person" else 0.3)
            result = 0
            for code in leaves:
                v = rng.randint(1, 30) if busy and rng.random() < 0.4 else 0
                out[(code, who)] = v
                result += v
            out[("s3.result.total", who)] = result
            carried_out = rng.randint(0, 5) if busy else 0
            carried_in = rng.randint(0, min(result + carried_out, 6))
            out[("s3.carried_out", who)] = carried_out
            out[("s3.carried_in", who)] = carried_in
            out[("s3.new", who)] = result + carried_out - carried_in
        for m in metrics_for("三", fmt):
            out[(m.code, "total")] = sum(out[(m.code, w)] for w in people)
    if "四" in sections:
        for group, _ in S4_GROUPS:
            parts = [count() if rng.random() < 0.5 else 0 for _ in S4_OUTCOMES[:-1]]
            for (outcome, _), v in zip(S4_OUTCOMES, [*parts, sum(parts)], strict=True):
                out[(f"s4.{group}.{outcome}", None)] = v
    return out


def _print(value: int | float, metric: Metric, style: Style, rng: random.Random) -> tuple[str, int | float | None]:
    """The cell text of a value and the value a reader must get back from it."""
    if value == 0 and style.blank is not None and rng.random() < 0.5:
        return style.blank, None
    if metric.kind == "amount":
        if style.money == "yuan" and value:
            yuan = int(Decimal(str(value)) * 10000)
            return f"{style.number(str(yuan))}元", float(Decimal(yuan) / 10000)
        text = f"{Decimal(str(value)):f}"
        return (f"{text}万元" if style.money == "wanyuan" else text), value
    return style.number(str(value)), value


# ---------------------------------------------------------------- tables


class _Builder:
    def __init__(self, width: int, label_cols: int) -> None:
        self.grid = Grid(width=width, n_rows=0, label_cols=label_cols)

    def cell(self, text: str, row: int, col: int, rowspan: int = 1, colspan: int = 1, kind: str = "head") -> None:
        self.grid.cells.append(Cell(text, row, col, rowspan, colspan, kind))
        self.grid.n_rows = max(self.grid.n_rows, row + rowspan)


def _s2_table(fmt: str, style: Style, values: dict, truth: dict, rng: random.Random) -> Grid:
    metrics = metrics_for("二", fmt)
    extra = style.extra_column is not None
    b = _Builder(4 + extra, 1)
    r = 0
    for title, rows in S2_BLOCKS_2021 if fmt == "2021" else S2_BLOCKS_2019:
        ms = [m for m in metrics if m.code.split(".")[1] in rows]
        # One column per column code; its header as the format's own metrics print it.
        keys = list(dict.fromkeys(m.code.split(".")[2] for m in ms))
        mine = sorted(ms, key=lambda m: len(m.formats))
        cols = [next(m.col_label or "" for m in mine if m.code.endswith("." + k)) for k in keys]
        if style.s2_block_titles:
            b.cell(title, r, 0, 1, b.grid.width)
            r += 1
        b.cell("信息内容", r, 0)
        span = 3 // len(cols) if len(cols) in (1, 3) else 1
        for k, col in enumerate(cols):
            unit = "（单位：万元）" if any(m.kind == "amount" and m.code.endswith("." + keys[k]) for m in ms) else ""
            b.cell(style.header(col, rng) + unit, r, 1 + k * span, 1, span)
        for k in range(len(cols) * span, 3):
            b.cell("", r, 1 + k)
        if extra:
            b.cell(style.extra_column or "", r, 4)
        r += 1
        for row in rows:
            row_ms = [m for m in ms if m.code.split(".")[1] == row]
            b.cell(style.label(row_ms[0].row_label, rng), r, 0, kind="label")
            for k in range(len(cols)):
                m = next((m for m in row_ms if m.code.endswith("." + keys[k])), None)
                if m is None:
                    b.cell("", r, 1 + k * span, 1, span, "value")
                    continue
                raw, value = _print(values[(m.code, None)], m, style, rng)
                truth[(m.code, None)] = value
                b.cell(raw, r, 1 + k * span, 1, span, "value")
            for k in range(len(cols) * span, 3):
                b.cell("", r, 1 + k, kind="value")
            if extra:
                b.cell("", r, 4, kind="value")
            r += 1
    return b.grid


def _s3_header(b: _Builder, style: Style, rng: random.Random) -> int:
    """Draw the applicant header in one of the arrangements real reports use; returns its height."""
    L = b.grid.label_cols
    names = [style.applicant(a.code, a.label, rng) for a in APPLICANTS]
    groups = [(g, len(list(items))) for g, items in groupby(APPLICANTS, key=lambda a: a.group)]
    n_org = next(n for g, n in groups if g)
    org = APPLICANTS[1].group or ""
    last = L + len(APPLICANTS)
    if style.s3_header == "flat":
        b.cell(S3_CORNER if L else "", 0, 0, 1, L)
        for k, name in enumerate(names):
            b.cell(name, 0, L + k)
        height = 1
    elif style.s3_header == "two_rows":
        b.cell("项目", 0, 0, 2, L)
        b.cell(names[0], 0, L, 2)
        b.cell(org, 0, L + 1, 1, n_org)
        b.cell(names[-1], 0, last - 1, 2)
        for k in range(n_org):
            b.cell(names[1 + k], 1, L + 1 + k)
        height = 2
    elif style.s3_header == "total_on_top":
        b.cell(S3_CORNER, 0, 0, 3, L)
        b.cell("申请人情况", 0, L, 1, len(APPLICANTS) - 1)
        b.cell(names[-1], 0, last - 1, 3)
        b.cell(names[0], 1, L, 2)
        b.cell(org, 1, L + 1, 1, n_org)
        for k in range(n_org):
            b.cell(names[1 + k], 2, L + 1 + k)
        height = 3
    else:
        b.cell(S3_CORNER, 0, 0, 3, L)
        b.cell("申请人情况", 0, L, 1, len(APPLICANTS))
        b.cell(names[0], 1, L, 2)
        b.cell(org, 1, L + 1, 1, n_org)
        b.cell(names[-1], 1, last - 1, 2)
        for k in range(n_org):
            b.cell(names[1 + k], 2, L + 1 + k)
        height = 3
    if style.extra_column is not None:
        b.cell(style.extra_column, 0, last, height)
    return height


def _s3_rows(fmt: str) -> list[tuple[int, Metric | str]]:
    """The standard form's rows as (depth, metric or spanning label), in printed order."""
    out: list[tuple[int, Metric | str]] = []
    group = None
    for m in metrics_for("三", fmt):
        if m.code == "s3.result.granted":
            out.append((0, "三、本年度办理结果"))
        if m.group_label and m.group_label != group:
            out.append((1, m.group_label))
        group = m.group_label
        depth = 0 if m.code in ("s3.new", "s3.carried_in", "s3.carried_out") else 2 if m.group_label else 1
        out.append((depth, m))
    return out


def _printed(label: str) -> str:
    """The dictionary's normalised group label as forms print it: full-width brackets."""
    return label.replace("(", "（").replace(")", "）")


def _s3_tables(fmt: str, style: Style, values: dict, truth: dict, rng: random.Random) -> list[Grid]:
    three = style.s3_labels == "three_cols"
    L = 3 if three else 2
    width = L + len(APPLICANTS) + (style.extra_column is not None)
    rows = _s3_rows(fmt)
    split_at = next(k for k, (_, m) in enumerate(rows) if isinstance(m, Metric) and m.code == "s3.carried_out")
    grids: list[Grid] = []
    pieces = [rows] if style.s3_split is None else [rows[:split_at], rows[split_at:]]
    for p, piece in enumerate(pieces):
        b = _Builder(width, L)
        r = 0 if p and style.s3_split == "continued" else _s3_header(b, style, rng)
        b.grid.head_rows = r
        k = 0
        while k < len(piece):
            depth, item = piece[k]
            if isinstance(item, str):
                # A spanning label over the rows below it (三、 over the results, a group over its items).
                below = 0
                for d, nxt in piece[k + 1 :]:
                    if d <= depth:
                        break
                    below += isinstance(nxt, Metric)
                if depth == 0 and not three:
                    b.cell(style.label(item, rng), r, 0, 1, width, "label")
                    r += 1
                else:
                    b.cell(style.label(_printed(item), rng), r, depth - (not three), below, 1, "label")
                k += 1
                continue
            col = depth - (not three) if depth else 0
            b.cell(style.label(_printed(item.row_label), rng), r, col, 1, L - col, "label")
            for j, a in enumerate(APPLICANTS):
                raw, value = _print(values[(item.code, a.code)], item, style, rng)
                truth[(item.code, a.code)] = value
                b.cell(raw, r, L + j, kind="value")
            if style.extra_column is not None:
                b.cell("", r, width - 1, kind="value")
            r += 1
            k += 1
        grids.append(b.grid)
    return grids


def _s4_table(style: Style, values: dict, truth: dict, rng: random.Random) -> Grid:
    n = len(S4_OUTCOMES)
    b = _Builder(len(S4_GROUPS) * n, 0)
    outcomes = [style.label(label, rng) for _, label in S4_OUTCOMES]
    if style.s4_header == "two_rows":
        for g, (_, glabel) in enumerate(S4_GROUPS):
            b.cell(style.header(glabel, rng), 0, g * n, 1, n)
            for o, text in enumerate(outcomes):
                b.cell(text, 1, g * n + o)
        top = 2
    else:
        b.cell(S4_GROUPS[0][1], 0, 0, 1, n)
        b.cell("行政诉讼", 0, n, 1, n * 2)
        for o, text in enumerate(outcomes):
            b.cell(text, 1, o, 2)
        for g, (_, glabel) in enumerate(S4_GROUPS[1:], start=1):
            b.cell(style.header(glabel, rng), 1, g * n, 1, n)
            for o, text in enumerate(outcomes):
                b.cell(text, 2, g * n + o)
        top = 3
    b.grid.head_rows = top
    for g, (group, _) in enumerate(S4_GROUPS):
        for o, (outcome, _) in enumerate(S4_OUTCOMES):
            code = f"s4.{group}.{outcome}"
            raw, value = _print(values[(code, None)], BY_CODE[code], style, rng)
            truth[(code, None)] = value
            b.cell(raw, top, g * n + o, kind="value")
    return b.grid


# ---------------------------------------------------------------- label perturbations

_ITEM = r"^(\d+)[.、．]"
_PINYIN = {"规": "guī", "定": "dìng", "发": "fā", "布": "bù", "申": "shēn", "请": "qǐng", "处": "chǔ", "理": "lǐ"}


def _sub_item(text: str, fn: Callable[[int], str]) -> str:
    import re

    return re.sub(_ITEM, lambda m: fn(int(m.group(1))), text)


def enum_mark(style: str) -> Label:
    """Items numbered another way: "1、", "1．", "（1）", "①", "一是" (one style per report)."""
    marks: dict[str, Callable[[int], str]] = {
        "1、": lambda n: f"{n}、",
        "1．": lambda n: f"{n}．",
        "（1）": lambda n: f"（{n}）",
        "①": lambda n: chr(0x245F + n),
        "一是": lambda n: f"{CN[n - 1]}是",
    }
    return lambda text, rng: _sub_item(text, marks[style])


def qizhong(text: str, rng: random.Random) -> str:
    """The first item of a group introduced by 其中."""
    return _sub_item(text, lambda n: f"{rng.choice(['其中：', '其中'])}{n}." if n == 1 else f"{n}.")


def shorten(text: str, rng: random.Random) -> str:
    """Drop the parenthetical note and the words every label repeats."""
    import re

    text = re.sub(r"[（(][^）)]*[）)]$", "", text) if len(text) > 8 else text
    return text.replace("政府信息公开", "").replace("相关政府信息", "相关信息") or text


def lengthen(text: str, rng: random.Random) -> str:
    import re

    if re.match(r"^[一二三四]、", text):
        return text + "（件）"
    if re.match(_ITEM, text):
        return text + "的"
    return text + rng.choice(["", "情况"]) if len(text) > 3 else text


def typo(text: str, rng: random.Random) -> str:
    """A dropped or mistyped character in a long label (never in its enumeration mark)."""
    import re

    m = re.match(r"^(?:[一二三四]、|[（(][一二三四五六七][）)]|\d+[.、．])?", text)
    head, words = text[: m.end()], text[m.end() :]
    if len(words) < 7 or rng.random() < 0.4:
        return text
    k = rng.randrange(2, len(words) - 1)
    return head + (words[:k] + words[k + 1 :] if rng.random() < 0.5 else words[:k] + "的" + words[k + 1 :])


def spaces(text: str, rng: random.Random) -> str:
    """A space (a <br> in HTML) inside a label, as column-width wrapping leaves it."""
    if len(text) < 4:
        return text
    k = rng.randrange(1, len(text) - 1)
    return text[:k] + " " + text[k:]


def pinyin(text: str, rng: random.Random) -> str:
    return "".join(c + (f"({_PINYIN[c]})" if c in _PINYIN and rng.random() < 0.5 else "") for c in text)


APPLICANT_WORDING = {
    "natural_person": ("自然人", "自然 人"),
    "commercial": ("商业企业", "商业 企业", "企业"),
    "research": ("科研机构", "科研 机构", "科研院所"),
    "social_welfare": ("社会公益组织", "社会公 益组织", "公益组织"),
    "legal_service": ("法律服务机构", "法律服 务机构", "法律服务所"),
    "other_org": ("其他", "其它", "其他组织"),
    "total": ("总计", "总 计", "合计"),
}


def thousands(text: str) -> str:
    return f"{int(text):,}" if text.lstrip("-").isdigit() and abs(int(text)) >= 1000 else text


def full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})


# ---------------------------------------------------------------- the catalogue

PERTURBATIONS: dict[str, Callable[[random.Random], Style]] = {
    "baseline": lambda rng: Style(),
    "enum 1、": lambda rng: Style(label=enum_mark("1、")),
    "enum 1．": lambda rng: Style(label=enum_mark("1．")),
    "enum （1）": lambda rng: Style(label=enum_mark("（1）")),
    "enum ①": lambda rng: Style(label=enum_mark("①")),
    "enum 一是": lambda rng: Style(label=enum_mark("一是")),
    "其中 prefix": lambda rng: Style(label=qizhong),
    "short labels": lambda rng: Style(label=shorten),
    "long labels": lambda rng: Style(label=lengthen),
    "typos": lambda rng: Style(label=typo),
    "spaces in labels": lambda rng: Style(label=spaces),
    "pinyin": lambda rng: Style(label=pinyin),
    "traditional": lambda rng: Style(),  # the whole report is converted in build()
    "header typos": lambda rng: Style(header=lambda text, r: typo(text, r) if len(text) >= 5 else text),
    "header spaces": lambda rng: Style(header=spaces),
    "applicant wording": lambda rng: Style(applicant=lambda code, text, r: r.choice(APPLICANT_WORDING[code])),
    "s3 header two rows": lambda rng: Style(s3_header="two_rows"),
    "s3 header total on top": lambda rng: Style(s3_header="total_on_top"),
    "s3 header flat": lambda rng: Style(s3_header="flat"),
    "s3 result row": lambda rng: Style(s3_labels="result_row"),
    "s4 header two rows": lambda rng: Style(s4_header="two_rows"),
    "备注 column": lambda rng: Style(extra_column="备注"),
    "empty column": lambda rng: Style(extra_column=""),
    "thousands": lambda rng: Style(number=thousands),
    "full-width digits": lambda rng: Style(number=full_width),
    "blank empty": lambda rng: Style(blank=""),
    "blank —": lambda rng: Style(blank="—"),
    "blank /": lambda rng: Style(blank="/"),
    "blank 无": lambda rng: Style(blank="无"),
    "money 元": lambda rng: Style(money="yuan"),
    "money 万元": lambda rng: Style(money="wanyuan"),
    "s3 split repeat header": lambda rng: Style(s3_split="repeat_header"),
    "s3 split continued": lambda rng: Style(s3_split="continued"),
    "no s2 block titles": lambda rng: Style(s2_block_titles=False),
    "headings 第一部分": lambda rng: Style(headings="第一部分"),
    "headings bare": lambda rng: Style(headings="none"),
    "title agency line": lambda rng: Style(title="agency_line"),
    "title year 年度": lambda rng: Style(title="year_du"),
    "title spaced": lambda rng: Style(title="spaced"),
    "no section 三": lambda rng: Style(sections=("二", "四")),
    "no section 三 四": lambda rng: Style(sections=("二",)),
}


def mixed(rng: random.Random) -> Style:
    """Several perturbations at once, as a real report has them."""
    styles = [PERTURBATIONS[name](rng) for name in rng.sample(sorted(set(PERTURBATIONS) - {"baseline"}), 4)]
    out = Style()
    for s in styles:
        functions = ("label", "header", "applicant", "number")
        changed = {k: v for k, v in vars(s).items() if v != vars(Style())[k] and k not in functions}
        out = replace(out, **changed)
        if s.label is not Style.label:
            out = replace(out, label=_chain(out.label, s.label))
        if s.header is not Style.header:
            out = replace(out, header=_chain(out.header, s.header))
        if s.number is not Style.number:
            out = replace(out, number=s.number)
        if s.applicant is not Style.applicant:
            out = replace(out, applicant=s.applicant)
    return out


def _chain(a: Label, b: Label) -> Label:
    return lambda text, rng: b(a(text, rng), rng)


# ---------------------------------------------------------------- the report


def _title(style: Style, agency: str, year: int) -> list[str]:
    return {
        "one_line": [f"{agency}{year}年政府信息公开工作年度报告"],
        "agency_line": [agency, f"{year}年度政府信息公开工作年度报告"],
        "year_du": [f"{agency}政府信息公开工作年度报告", f"（{year}年度）"],
        "spaced": [f"{agency} {year} 年政府信息公开工作年度报告"],
    }[style.title]


def _heading(style: Style, sec: str) -> str:
    title = SECTION_TITLES[sec]
    if style.headings == "第一部分":
        return f"第{sec}部分 {title}"
    return title if style.headings == "none" else f"{sec}、{title}"


PRE2019_ROWS = (
    ("一、主动公开情况", "—"),
    ("（一）主动公开政府信息数", "条"),
    ("其中：主动公开规范性文件数", "条"),
    ("二、依申请公开情况", "—"),
    ("（一）收到申请数", "件"),
    ("1.当面申请数", "件"),
    ("2.网络申请数", "件"),
    ("（二）申请办结数", "件"),
    ("1.按时办结数", "件"),
    ("（三）申请答复数", "件"),
    ("1.属于已主动公开范围数", "件"),
    ("2.同意公开答复数", "件"),
    ("3.不同意公开答复数", "件"),
    ("其中：涉及国家秘密", "件"),
    ("三、因政府信息公开申请行政复议数", "件"),
    ("四、因政府信息公开申请提起行政诉讼数", "件"),
    ("五、依申请提供政府信息收取的费用", "万元"),
)


def _pre2019_table(rng: random.Random) -> Grid:
    """The free-form statistics table of reports before 2019 (指标 / 单位 / 数量): no facts are read from it."""
    b = _Builder(3, 1)
    for k, text in enumerate(("统计指标", "单位", "统计数")):
        b.cell(text, 0, k)
    for r, (label, unit) in enumerate(PRE2019_ROWS, start=1):
        b.cell(label, r, 0, kind="label")
        b.cell(unit, r, 1, kind="value")
        b.cell("—" if unit == "—" else str(rng.randint(0, 300)), r, 2, kind="value")
    return b.grid


def build_pre2019(seed: int) -> Variant:
    """A report from before the 2019 standard: format ``pre2019``, no facts, identity still read."""
    rng = random.Random(f"pre2019/{seed}")
    agency = rng.choice(PLACES) + rng.choice(DEPARTMENTS)
    year = rng.randint(2015, 2018)
    blocks: list[str | Grid] = [
        f"本年度报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、概述",
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "二、主动公开政府信息情况",
        _pre2019_table(rng),
        "三、依申请公开政府信息情况",
        "见上表。",
        "四、政府信息公开的收费及减免情况",
        "本年度未收取任何费用。",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "本年度未发生。",
        "六、存在的主要问题及改进措施",
        f"{year + 1}年，我们将进一步完善工作机制。",
        agency,
        f"{year + 1}年3月{rng.randint(1, 31)}日",
    ]
    report = Seed(title=[f"{agency}{year}年政府信息公开工作年度报告"], blocks=blocks)
    return Variant("pre2019", seed, agency, year, "pre2019", {}, report)


def build(name: str, seed: int, fmt: str, style: Style | None = None) -> Variant:
    """The report for perturbation ``name`` ("mixed" combines several; or an explicit ``style``) in ``fmt``."""
    if fmt == "pre2019":
        return build_pre2019(seed)
    rng = random.Random(f"{name}/{seed}/{fmt}")
    style = style or (mixed(rng) if name == "mixed" else PERTURBATIONS[name](rng))
    agency = rng.choice(PLACES) + rng.choice(DEPARTMENTS)
    year = rng.randint(2021, 2024) if fmt == "2021" else rng.choice((2019, 2020))
    values = _values(fmt, rng, style.sections)
    truth: dict[Key, int | float | None] = {}
    blocks: list[str | Grid] = []
    if style.title != "year_du":
        blocks.append(
            "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限"
            f"自{year}年1月1日起至{year}年12月31日止。"
        )
    new_total = values.get(("s3.new", "total"), 0)
    body = {
        "一": f"{year}年，{agency}认真贯彻落实政务公开工作部署，全年共收到政府信息公开申请{new_total}件，均按时答复。",
        "五": f"{year + 1}年，我们将进一步加强政府信息公开工作，提高公开质量。",
        "六": "本年度未收取信息处理费。",
    }
    for sec in "一二三四五六":
        blocks.append(_heading(style, sec))
        if sec == "二" and sec in style.sections:
            blocks.append(_s2_table(fmt, style, values, truth, rng))
        elif sec == "三" and sec in style.sections:
            for k, grid in enumerate(_s3_tables(fmt, style, values, truth, rng)):
                if k:
                    blocks.append("（续表）" if style.s3_split == "repeat_header" else "")
                blocks.append(grid)
        elif sec == "四" and sec in style.sections:
            blocks.append(_s4_table(style, values, truth, rng))
        elif sec in body:
            blocks.append(body[sec])
        else:
            blocks.append("本年度无相关情况。")
    blocks += [agency, f"{year + 1}年1月{rng.randint(10, 31)}日"]
    report = Seed(title=_title(style, agency, year), blocks=[b for b in blocks if b != ""])
    if name == "traditional":
        report = _convert(report, _s2t().convert)
    return Variant(name, seed, agency, year, fmt, truth, report, list("一二三四五六"))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _convert(report: Seed, fn: Callable[[str], str]) -> Seed:
    blocks: list[str | Grid] = []
    for b in report.blocks:
        blocks.append(
            replace(b, cells=[replace(c, text=fn(c.text)) for c in b.cells]) if isinstance(b, Grid) else fn(b)
        )
    return Seed(title=[fn(t) for t in report.title], blocks=blocks)


# ---------------------------------------------------------------- renditions


def render_text(report: Seed, sep: str = "\t") -> str:
    """A text export: each grid row one line, a merged cell's text at its top-left, padding empty."""
    lines = [*report.title, ""]
    for block in report.blocks:
        if not isinstance(block, Grid):
            lines += [block, ""]
            continue
        rows = [[""] * block.width for _ in range(block.n_rows)]
        for c in block.cells:
            rows[c.row][c.col] = c.text
        for row in rows:
            lines.append("\t".join(row) if sep == "\t" else "| " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


def render(variant: Variant, kind: str) -> bytes:
    """``kind``: tab, pipe, html (UTF-8), html-gbk, docx, pdf."""
    if kind in ("tab", "pipe"):
        return render_text(variant.report, "\t" if kind == "tab" else "|").encode("utf-8")
    if kind == "docx":
        from render_docx import render_docx

        return render_docx(variant.report)
    if kind.startswith("html"):
        from render_html import render_html

        return render_html(variant.report, "gbk" if kind == "html-gbk" else "utf-8")
    from render_pdf import render_pdf

    return render_pdf(variant.report)
