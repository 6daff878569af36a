"""Matching a printed row or column label to a label of the metric dictionary.

Real reports shorten, lengthen and mistype the standard labels and number
them differently ("1、", "①", "（1）", "1.", "一是", "其中：1."). A label is
split into its enumeration mark and its words; "一是/二是" number a group's
items in prose, so they are items like "1."/"2.", and "其中：" before a mark
only opens the list (it stays a word when no mark follows). The words are
compared by character bigrams (Dice coefficient), which tolerates a dropped,
added or wrong character while staying cheap enough to run on every row of
every report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from extract.normalize import normalize_label

T = TypeVar("T")

_CN_NUM = "一二三四五六七八九十"
_ENUM = re.compile(
    rf"^(?:其中:?)?(?:"  # 其中：1. opens a group's items; without a mark after it, 其中 stays a word
    rf"(?P<top>[{_CN_NUM}]+)[、.,]"  # 一、
    rf"|(?P<shi>[{_CN_NUM}]+)是"  # 一是 二是: a group's items in prose numbering, as 1. 2.
    rf"|\((?P<group>[{_CN_NUM}]+)\)[、.,]?"  # (一)
    rf"|\((?P<pitem>\d+)\)[、.,]?"  # (1)
    rf"|(?P<item>\d+)(?:[、.,]|(?=[^\d.]))"  # 1. 1、 1本机关 (from ① after NFKC)
    rf")"
)
_PUNCT = re.compile(r"[\"'“”‘’()\[\]<>《》、,.;:：；，。!?！？/\\|_\-—~…·]")


def cn_number(text: str) -> int:
    """Value of a small Chinese numeral (一..九十九)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_NUM.index(tens) + 1 if tens else 1) * 10 + (_CN_NUM.index(ones) + 1 if ones else 0)
    return _CN_NUM.index(text) + 1


@dataclass(frozen=True, slots=True)
class Label:
    """A normalised label split into enumeration level/number and its words."""

    level: str | None  # "top" (一、), "group" ((一)), "item" (1., 一是), or None
    number: int | None
    words: str

    @property
    def empty(self) -> bool:
        return not self.words and self.level is None


@lru_cache(maxsize=8192)
def parse_label(raw: str) -> Label:
    text = normalize_label(raw)
    m = _ENUM.match(text)
    if not m:
        return Label(None, None, _PUNCT.sub("", text))
    rest = _PUNCT.sub("", text[m.end() :])
    if m.group("top"):
        return Label("top", cn_number(m.group("top")), rest)
    if m.group("group"):
        return Label("group", cn_number(m.group("group")), rest)
    if m.group("shi"):
        return Label("item", cn_number(m.group("shi")), rest)
    return Label("item", int(m.group("pitem") or m.group("item")), rest)


@lru_cache(maxsize=16384)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=16384)
def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams; 1.0 for equal strings."""
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@lru_cache(maxsize=16384)
def containment(short: str, long: str) -> float:
    """Share of ``short``'s bigrams found in ``long``: a shortened label is contained in the full one."""
    x = _bigrams(short)
    return len(x & _bigrams(long)) / len(x) if x else 0.0


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    key: T
    label: Label


class Matcher(Generic[T]):
    """Best match of a label among candidates, or None when no candidate is clearly best.

    A candidate must score at least ``threshold`` and beat the runner-up by
    ``margin``: a label that could be two metrics yields no value, never a guess.
    Matching enumeration numbers add a small bonus, so "3.其他" finds the third
    item of its group even when other items also contain 其他.
    """

    def __init__(self, candidates: Iterable[tuple[T, str]], threshold: float = 0.55, margin: float = 0.08) -> None:
        self.candidates: Sequence[Candidate[T]] = [Candidate(k, parse_label(text)) for k, text in candidates]
        self.threshold = threshold
        self.margin = margin
        self._memo: dict[Label, T | None] = {}

    def score(self, label: Label, cand: Label) -> float:
        if not label.words or not cand.words:
            return 0.0
        base = max(
            similarity(label.words, cand.words),
            0.9 * containment(label.words, cand.words) if len(label.words) >= 4 else 0.0,
            0.9 * containment(cand.words, label.words) if len(cand.words) >= 2 else 0.0,
        )
        if label.number is not None and cand.number is not None:
            base += 0.1 if label.number == cand.number else -0.05
        return base

    def match(self, label: Label) -> T | None:
        """Several candidates may share a key (two labels of one column); only different keys compete."""
        if label not in self._memo:
            self._memo[label] = self._match(label)
        return self._memo[label]

    def _match(self, label: Label) -> T | None:
        best: dict[T, float] = {}
        for c in self.candidates:
            sc = self.score(label, c.label)
            if sc > best.get(c.key, -1.0):
                best[c.key] = sc
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < self.threshold:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < self.margin:
            return None
        return ranked[0][0]
