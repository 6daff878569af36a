"""Text normalisation applied before any label is compared.

Reports arrive in Traditional characters, with full-width forms, pinyin
inserted after characters by copy-paste from annotated pages ("規(guī)定"),
and labels broken by spaces or line breaks ("自然 人"). Matching compares the
normalised forms only; the raw text is kept beside every fact.

Every paragraph of every report passes through here, and CPython's NFKC and
``str.translate`` cost several hundred nanoseconds per character on Chinese
text: more than parsing the page. Chinese text changes in a few dozen distinct
characters (full-width punctuation and digits), so the per-character part is
done by replacing just the distinct characters a text holds, which is exact
whenever no character can combine with its neighbour (see ``_fold_known``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
# Pinyin inserted after a CJK character: one syllable of latin letters, at least
# one carrying a tone mark (plain "(a)" or "(ii)" are not pinyin). The pattern
# starts with the bracket, looking back past it, so that the regex engine scans
# for brackets instead of trying a look-behind at every character.
_PINYIN = re.compile(r"[(（](?<=[\u3400-\u9fff][(（])\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\s*[)）]")
_SPACE = re.compile(r"\s+")
_CIRCLED = {chr(0x2460 + i): f"{i + 1}." for i in range(20)}  # ① -> "1." before NFKC turns it into "1"
_CIRCLED_RE = re.compile("[" + "".join(_CIRCLED) + "]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})

# Ranges of characters that ``_fold`` leaves unchanged and that never combine with a neighbour (a test
# checks every one): ASCII, CJK ideographs, CJK punctuation 、。《》「」. Only the others need a look.
STABLE_RANGES = "\x00-\x7f\u2014\u3001-\u300f\u3400-\u4dbf\u4e00-\u9fff"
_OTHER = re.compile(f"[^{STABLE_RANGES}]")
# Characters already classified by ``_classify``: unchanged, replaced, or able to combine with a neighbour.
_STABLE: set[str] = set()
_REPLACED: dict[str, str] = {}
_COMBINING: set[str] = set()


def to_simplified(text: str) -> str:
    """Traditional -> Simplified through OpenCC's C++ binding (a pure-Python port is 15x slower)."""
    return _T2S.convert(text)


def strip_pinyin(text: str) -> str:
    if "(" not in text and "（" not in text:
        return text
    return _PINYIN.sub("", text)


@lru_cache(maxsize=2048)
def clean_text(text: str) -> str:
    """Running text: simplified, half-width, pinyin removed, whitespace collapsed to single spaces.

    Cached: section headings, identity and section 一's figures each read the same paragraphs.
    """
    text = strip_pinyin(text)
    folded = _fold_known(text)
    if folded is None:
        folded = _fold(text)
    if not folded.isascii():
        folded = to_simplified(folded)
    if folded.isprintable() and "  " not in folded:
        return folded.strip()  # no whitespace but single ASCII spaces: every other space is unprintable
    return _SPACE.sub(" ", folded).strip()


@lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """A table label for matching: like ``clean_text`` but with every space and line break removed."""
    return _SPACE.sub("", clean_text(text))


def _fold(text: str) -> str:
    """Circled numbers spelled out, NFKC, curly quotes and brackets made plain: the definition."""
    text = _CIRCLED_RE.sub(lambda m: _CIRCLED[m.group()], text)
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def _fold_known(text: str) -> str | None:
    """``_fold(text)`` character by character, or None when a character may combine with its neighbour.

    NFKC of a string equals the concatenation of NFKC of its characters when
    each character's decomposition starts with a starter that no composition
    takes as its second part: nothing is then reordered or composed across a
    character boundary. Replacements are fixed points of ``_fold`` (checked
    when a character is classified), so the order of replacing does not matter.
    """
    other = _OTHER.findall(text)
    if not other:
        return text
    pending = set(other).difference(_STABLE)
    if not pending:
        return text
    for ch in pending:
        if ch not in _REPLACED and (ch in _COMBINING or not _classify(ch)):
            return None
    for ch in pending:
        if ch in _REPLACED:
            text = text.replace(ch, _REPLACED[ch])
    return text


def _classify(ch: str) -> bool:
    """Record how ``_fold`` treats ``ch`` on its own; False if it may combine with a neighbour."""
    folded = _fold(ch)
    if not _separable(_CIRCLED.get(ch, ch)) or any(_fold(c) != c for c in folded):
        _COMBINING.add(ch)
        return False
    if folded == ch:
        _STABLE.add(ch)
    else:
        _REPLACED[ch] = folded
    return True


def _separable(text: str) -> bool:
    """Whether NFKC can neither compose nor reorder ``text``'s decomposition with a preceding character.

    Only combining marks (category M) and Hangul conjoining jamo are ever the
    second part of a composition or have a non-zero combining class.
    """
    first = unicodedata.normalize("NFKD", text)[:1]
    jamo = "\u1100" <= first <= "\u11ff" or "\ua960" <= first <= "\ua97f" or "\ud7b0" <= first <= "\ud7ff"
    return bool(first) and not jamo and not unicodedata.category(first).startswith("M")
