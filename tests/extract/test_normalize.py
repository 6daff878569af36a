"""Normalisation: the character-by-character shortcut gives exactly what the definition gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import normalize
from extract.normalize import STABLE_RANGES, clean_text


def _defined(text: str) -> str:
    """clean_text as specified: circled numbers, pinyin, NFKC, quotes, OpenCC, spaces, in that order."""
    text = re.sub("[①-⑳]", lambda m: f"{ord(m.group()) - 0x2460 + 1}.", text)
    pinyin = r"(?<=[\u3400-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\s*[)）]"
    text = unicodedata.normalize("NFKC", re.sub(pinyin, "", text)).translate(normalize._QUOTES)
    return re.sub(r"\s+", " ", normalize.to_simplified(text)).strip()


# Characters that exercise every path: ideographs in both scripts, full-width forms, pinyin with tone marks,
# combining marks and Hangul jamo (which compose with their neighbour), circled numbers, odd spaces.
_TRICKY = (
    "規定发佈國①⑳（）()，：；“”‘’【】〔〕 \u3000\xa0\t\n\u2028\x1c…"
    "guīāǘńzhǔn\u0301\u0308\u3099\u0b3e\u1100\u1161\u11a8가é㈠⼀Ａ１ｶﾞ"
)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=30) | st.text(max_size=30))
def test_clean_text_matches_its_definition(text: str) -> None:
    assert clean_text(text) == _defined(text)


def test_pinyin_inserted_after_characters_is_removed() -> None:
    assert clean_text("規(guī)定（fā）布 (a) 第(ii)项") == "规定布 (a) 第(ii)项"


def test_stable_ranges_hold_only_characters_that_never_change_or_combine() -> None:
    stable = re.compile(f"[{STABLE_RANGES}]")
    chars = [chr(c) for c in range(0x30000) if stable.match(chr(c))]
    assert len(chars) > 27000
    assert all(normalize._fold(c) == c and normalize._separable(c) for c in chars)
