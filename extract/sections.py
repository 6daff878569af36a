"""Section headings, which table belongs to which section, and section 一's stated figures.

Headings are recognised by their words, not their numerals: reports renumber,
duplicate ("一、总体情况" twice) and drop sections. A table is assigned by its
own content first (its labels say what it is), and by the heading above it
only when its content is not conclusive.
"""

from __future__ import annotations

import re

from extract.model import Block, Paragraph, Table
from extract.normalize import clean_text, normalize_label
from gongkai.metrics import APPLICANTS, METRICS, S4_GROUPS

SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "一": ("总体情况",),
    "二": ("主动公开政府信息情况", "主动公开情况"),
    "三": ("收到和处理政府信息公开申请情况", "依申请公开政府信息情况", "收到和处理"),
    "四": ("政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "行政复议和行政诉讼"),
    "五": ("存在的主要问题及改进情况", "主要问题及改进情况", "存在主要问题", "问题及改进"),
    "六": ("其他需要报告的事项", "其他需要报告"),
}
_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+(?:部分|章|节)[、.,．:：]?|第?[一二三四五六七八九十]+[、.,．章]|[(（][一二三四五六][)）])"
    r"\s*(?P<rest>.*)$"
)

# Words whose presence marks a table as one section's: the dictionary's own labels, plus a few
# phrases cut from its longer ones (reports reword "一、本年新收政府信息公开申请数量" but keep
# "本年新收"). Which phrases is a choice, not a derivation: 总计 is printed in 三 and 四 alike, and
# each added word shifts the scores that decide a table's section.
_TABLE_WORDS: dict[str, frozenset[str]] = {
    "二": frozenset(normalize_label(m.row_label) for m in METRICS if m.section == "二"),
    "三": frozenset(normalize_label(a.label) for a in APPLICANTS if len(a.label) > 2)
    | {"本年新收", "上年结转", "予以公开", "不予公开"},
    "四": frozenset(normalize_label(label) for _, label in S4_GROUPS) | {"结果维持", "结果纠正", "尚未审结"},
}


def heading_section(text: str) -> str | None:
    """The section a short paragraph heads, if it is a top-level heading."""
    if len(text) > 80:
        return None
    t = clean_text(text)
    if len(t) > 40:
        return None
    m = _HEADING.match(t)
    if not m or t.startswith(("(", "（")):
        return _unnumbered_heading(t)
    rest = m.group("rest").replace(" ", "")
    for sec, words in SECTION_WORDS.items():
        if any(w.replace("、", "") in rest.replace("、", "") for w in words):
            return sec
    return None


def _unnumbered_heading(text: str) -> str | None:
    """A heading printed without a numeral (bold text in the source): the section's full title, nearly alone."""
    flat = text.replace(" ", "")
    for sec, words in SECTION_WORDS.items():
        if flat.startswith(words[0]) and len(flat) <= len(words[0]) + 4:
            return sec
    return None


def table_text(table: Table) -> str:
    """Every cell's label form run together: words are looked for in it whatever cells they were split over."""
    return "".join(normalize_label(c) for row in table.rows for c in row if c)


def table_section(table: Table) -> tuple[str | None, int]:
    """The section whose words the table contains most, with the number of words found."""
    text = table_text(table)
    best, score = None, 0
    for sec, words in _TABLE_WORDS.items():
        hits = sum(1 for w in words if w in text)
        if hits > score:
            best, score = sec, hits
    return best, score


def assign_sections(blocks: list[Block]) -> tuple[list[str], dict[int, str]]:
    """Sections present (in order) and the section of each table index."""
    present: list[str] = []
    tables: dict[int, str] = {}
    current: str | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            sec = heading_section(block.text)
            if sec:
                current = sec
                if sec not in present:
                    present.append(sec)
            continue
        by_content, score = table_section(block)
        sec = (
            by_content if score >= 2 else (current if current in ("二", "三", "四") else by_content if score else None)
        )
        if sec:
            tables[block.index] = sec
            if sec not in present:
                present.append(sec)
    order = list(SECTION_WORDS)
    return sorted(present, key=order.index), tables


_REQUESTS = re.compile(
    r"(?:收到|受理|接收|接到|新收|共收到)[^。；;，,]{0,30}?(?:政府信息)?公开申请[^。；;，,\d]{0,6}?(?P<n>\d+)\s*件"
)


def narrative_figures(blocks: list[Block]) -> dict[str, int]:
    """Exact figures section 一 states in words (used by rule R7); approximations such as "90余件" are skipped."""
    current = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        sec = heading_section(block.text)
        current = sec or current
        if current == "一":
            m = _REQUESTS.search(clean_text(block.text))
            if m:
                return {"requests_received": int(m.group("n"))}
    return {}
