"""Reports that word, number or encode the standard labels differently must read the same.

Each variant is made from seed 002 by a general transformation applied to
every label (not by listing variants), and must give the golden facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest

from extract import extract_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = (FIXTURES / "seeds" / "002.txt").read_text(encoding="utf-8")
GOLDEN = json.loads((FIXTURES / "golden" / "002.json").read_text(encoding="utf-8"))
CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def _item_labels(text: str, fn: Callable[[re.Match[str]], str]) -> str:
    return re.sub(r"(?m)(?<=\t)(\d)\.(?=\S)", fn, text)


def _drop_char(text: str) -> str:
    """Drop the fourth character of every long item label (a typo a reader must tolerate)."""
    return re.sub(r"(?<=\t)(\d\.[^\t]{2})[^\t]([^\t]{5,})", r"\1\2", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "enumeration 1、": lambda t: _item_labels(t, lambda m: f"{m.group(1)}、"),
    "enumeration circled": lambda t: _item_labels(t, lambda m: CIRCLED[int(m.group(1)) - 1]),
    "enumeration (1)": lambda t: _item_labels(t, lambda m: f"（{m.group(1)}）"),
    "traditional characters": lambda t: opencc.OpenCC("s2t").convert(t),
    "full-width forms": lambda t: (
        t.replace("(", "（").replace(")", "）").translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    ),
    "dropped character": _drop_char,
    "pipe separated": lambda t: re.sub(r"(?m)^(.*\t.*)$", lambda m: "| " + m.group(1).replace("\t", " | ") + " |", t),
    "spaces inside labels": lambda t: re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff]{3}\t)", " ", t),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_reads_like_the_original(name: str) -> None:
    text = VARIANTS[name](SEED)
    assert text != SEED
    report = extract_report(text.encode("utf-8"))
    got = {(f.metric, f.applicant): f.value for f in report.facts}
    want = {(f["metric"], f["applicant"]): f["value"] for f in GOLDEN["facts"]}
    assert got == want, {
        k: (got.get(k), want.get(k)) for k in set(got) ^ set(want) | {k for k in got if got[k] != want.get(k)}
    }
    assert report.agency == GOLDEN["agency"] and report.year == GOLDEN["year"]
