"""Text normalisation applied before any label is compared.

Reports arrive in Traditional characters, with full-width forms, pinyin
inserted after characters by copy-paste from annotated pages ("規(guī)定"),
and labels broken by spaces or line breaks ("自然 人"). Matching compares the
normalised forms only; the raw text is kept beside every fact.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
# Pinyin inserted after a CJK character: one syllable of latin letters, at least
# one carrying a tone mark (plain "(a)" or "(ii)" are not pinyin).
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\s*[)）]")
_SPACE = re.compile(r"\s+")
_CIRCLED = {chr(0x2460 + i): f"{i + 1}." for i in range(20)}  # ① -> "1." before NFKC turns it into "1"
_CIRCLED_RE = re.compile("[" + "".join(_CIRCLED) + "]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


def to_simplified(text: str) -> str:
    """Traditional -> Simplified through OpenCC's C++ binding (a pure-Python port is 15x slower)."""
    return _T2S.convert(text)


def strip_pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


def clean_text(text: str) -> str:
    """Running text: simplified, half-width, pinyin removed, whitespace collapsed to single spaces."""
    text = _CIRCLED_RE.sub(lambda m: _CIRCLED[m.group()], text)
    text = unicodedata.normalize("NFKC", strip_pinyin(text)).translate(_QUOTES)
    return _SPACE.sub(" ", to_simplified(text)).strip()


@lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """A table label for matching: like ``clean_text`` but with every space and line break removed."""
    return _SPACE.sub("", clean_text(text))
