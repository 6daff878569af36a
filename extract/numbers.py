"""Reading the number in a table cell, without ever guessing.

A cell is one of: a number (possibly with a unit or thousands separators),
a blank (empty, "-", "—", "/", "无": not a zero), or something unreadable
("90余", "见附件"), which yields no value and is reported by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

# Traditional forms included: cells are parsed from the raw text, before any OpenCC conversion.
BLANKS = frozenset({"", "-", "--", "—", "——", "–", "/", "／", "\\", "无", "無", "－", "空", "/ ", "—-"})
# Multipliers to 万元 for money; counts accept a 万 multiplier only.
_MONEY_UNITS = {
    "万元": Decimal(1),
    "萬元": Decimal(1),
    "元": Decimal("0.0001"),
    "亿元": Decimal(10000),
    "億元": Decimal(10000),
    "千元": Decimal("0.1"),
}
_COUNT_UNITS = ("件", "个", "個", "项", "項", "条", "條", "次", "宗", "人次", "家", "起", "份", "篇")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Digits on both sides of a space: two numbers run together ("10 20"), unless grouped in thousands ("12 345").
# A line break is not such a gap: a long number wraps inside a narrow cell ("2154\n85").
_SPLIT_DIGITS = re.compile(r"\d[^\S\n]+\d")
_SPACED_THOUSANDS = re.compile(r"^\s*[+-]?\d{1,3}(\s\d{3})+(\.\d+)?\D*$")

Status = Literal["number", "blank", "unreadable"]


@dataclass(frozen=True, slots=True)
class CellValue:
    status: Status
    value: int | float | None = None


def _canon(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    return "".join(text.split()).replace("−", "-").replace("＋", "+")


@lru_cache(maxsize=16384)
def is_blank(raw: str) -> bool:
    return _canon(raw) in BLANKS


@lru_cache(maxsize=16384)
def parse_cell(raw: str, *, money: bool = False) -> CellValue:
    """Parse ``raw`` as printed in a cell; ``money`` cells are converted to 万元.

    Integral values come back as ``int``; a non-integral count is kept as a
    float so that rule R5 can report it rather than this parser hiding it.
    """
    text = _canon(raw)
    if text in BLANKS:
        return CellValue("blank")
    if _SPLIT_DIGITS.search(raw) and not _SPACED_THOUSANDS.match(unicodedata.normalize("NFKC", raw)):
        return CellValue("unreadable")
    multiplier = Decimal(1)
    if money:
        for unit, factor in sorted(_MONEY_UNITS.items(), key=lambda kv: -len(kv[0])):
            if text.endswith(unit):
                text, multiplier = text[: -len(unit)], factor
                break
    else:
        for unit in sorted(_COUNT_UNITS, key=len, reverse=True):
            if text.endswith(unit):
                text = text[: -len(unit)]
                break
        if text.endswith(("万", "萬")):
            text, multiplier = text[:-1], Decimal(10000)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    m = _NUMBER.match(text)
    if not m:
        return CellValue("unreadable")
    try:
        number = Decimal(m.group(2)) * multiplier
    except InvalidOperation:
        return CellValue("unreadable")
    if m.group(1) == "-":
        number = -number
    if number == number.to_integral_value():
        return CellValue("number", int(number))
    return CellValue("number", float(number))


@lru_cache(maxsize=16384)
def looks_numeric(raw: str) -> bool:
    """True for a cell that holds a number (with or without a unit): the mark of a data cell."""
    return parse_cell(raw, money=True).status == "number" or parse_cell(raw).status == "number"
