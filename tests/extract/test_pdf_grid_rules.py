"""Rules that join a table's parts over page breaks (``extract.pdf_grid``), on the marks they rely on."""

from __future__ import annotations

import pytest

from extract.pdf_grid import Piece, join_pieces
from extract.pdf_layout import ENUMERATION


@pytest.mark.parametrize("text", ["（三）不予公开", "（ 三 ）不", "三 、本年度", "1 .属于国家秘密", "⑤其他"])
def test_enumeration_marks_are_seen_in_letter_spaced_text(text: str) -> None:
    assert ENUMERATION.match(text)


@pytest.mark.parametrize("text", ["不予公开", "予公 开", "三安全一稳定", "2023年"])
def test_a_label_tail_has_no_enumeration_mark(text: str) -> None:
    assert not ENUMERATION.match(text)


def _pieces(head: str, tail: str) -> list[Piece]:
    """A group label cut by the page: ``head`` over one row above the break, ``tail`` over two rows below."""
    above = Piece(1, [(0, 700, 50, 715, head), (50, 700, 150, 715, "1.属于国家秘密"), (150, 700, 200, 715, "3")])
    below = Piece(
        2,
        [
            (0, 70, 50, 100, tail),
            (50, 70, 150, 85, "2.其他法律行政法规禁止公开"),
            (150, 70, 200, 85, "4"),
            (50, 85, 150, 100, "3.危及“三安全一稳定”"),
            (150, 85, 200, 100, "5"),
        ],
    )
    return [above, below]


def test_a_label_flowed_over_the_break_is_joined_on_both_pages() -> None:
    table = join_pieces(_pieces("（三）", "不予公开"), 0)
    assert [row[0] for row in table.rows] == ["（三）\n不予公开"] * 3
    assert table.spans[1][0] and table.spans[2][0] and not table.spans[0][0]


@pytest.mark.parametrize(("head", "tail"), [("（三）不予公开", "（四）无法提供"), ("不予", "公开")])
def test_a_new_label_or_one_without_a_mark_is_not_joined(head: str, tail: str) -> None:
    table = join_pieces(_pieces(head, tail), 0)
    assert [row[0] for row in table.rows] == [head, tail, tail]


def test_an_item_at_the_top_of_the_page_is_not_joined_to_the_item_before_the_break() -> None:
    """An item "其中：1.…" opens with no mark of its own, but it is one row with its own numbers: a new item."""
    above = Piece(
        1,
        [
            (0, 700, 50, 715, "（四）无法提供"),
            (50, 700, 150, 715, "3.补正后申请内容仍不明确"),
            (150, 700, 200, 715, "3"),
        ],
    )
    below = Piece(
        2, [(0, 70, 50, 85, "（五）不予处理"), (50, 70, 150, 85, "其中：1.信访举报投诉类申请"), (150, 70, 200, 85, "4")]
    )
    table = join_pieces([above, below], 0)
    assert [row[1] for row in table.rows] == ["3.补正后申请内容仍不明确", "其中：1.信访举报投诉类申请"]
