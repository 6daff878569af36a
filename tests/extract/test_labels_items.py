"""Item numbers written "一是…" or introduced by "其中：" are the items "1.…" of the standard.

The standard numbers the items of a group ("(三) 不予公开") 1., 2., 3.;
reports also write them "一是…, 二是…" and open the list with "其中：1.…".
A label must give its item number either way: a label merged over the rows
of its items is placed by where their numbering restarts.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.labels import Label, parse_label
from tests.extract.unseen.measure import score
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("一是属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("二是其他法律行政法规禁止公开", Label("item", 2, "其他法律行政法规禁止公开")),
        ("十二是其他", Label("item", 12, "其他")),
        ("其中：1.属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("其中:1、属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("其中1.属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("其中：（1）属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("其中：①属于国家秘密", Label("item", 1, "属于国家秘密")),
        ("其中：一是属于国家秘密", Label("item", 1, "属于国家秘密")),
    ],
)
def test_item_numbers_written_otherwise(raw: str, want: Label) -> None:
    assert parse_label(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("其中：主动公开规范性文件数", Label(None, None, "其中主动公开规范性文件数")),  # no number: 其中 stays a word
        ("是否公开", Label(None, None, "是否公开")),
        ("一、本年新收政府信息公开申请数量", Label("top", 1, "本年新收政府信息公开申请数量")),
        ("（三）不予公开", Label("group", 3, "不予公开")),
        ("1.属于国家秘密", Label("item", 1, "属于国家秘密")),
    ],
)
def test_other_labels_keep_their_reading(raw: str, want: Label) -> None:
    assert parse_label(raw) == want


# The PDF reader's own enumeration pattern (extract/pdf_layout.ENUMERATION) does not know "一是" yet: an item
# label wrapped onto a second line ("二是没有现成信息需要另行制 / 作", 2021 only) is split into two rows.
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("enum 一是", "2019"),
        ("enum 一是", "2021"),
        ("其中 prefix", "2019"),
        ("其中 prefix", "2021"),
    ],
)
def test_group_labels_merged_over_such_items_in_an_unruled_pdf(name: str, fmt: str) -> None:
    """Without rules the merged group label is placed by the items' numbering; every cell must be read."""
    variant = build(name, 0, fmt)
    result = score(variant, extract_report(render_styled(variant, STYLES["no rules"])))
    assert not result.errors, result.errors[:8]
