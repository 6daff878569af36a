"""The plain-text reader: which lines are table rows, how cells split, where tables end."""

from pathlib import Path

from extract.model import Paragraph, Table
from extract.text_tables import read_text, split_row

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def tables(text: str) -> list[Table]:
    return [b for b in read_text(text).blocks if isinstance(b, Table)]


def test_tab_rows_form_one_table_between_paragraphs():
    doc = read_text("标题\n\n信息内容\t本年制发件数\n规章\t0\n\n五、存在的问题\n")
    assert doc.kind == "text"
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert table.rows == [["信息内容", "本年制发件数"], ["规章", "0"]]
    assert table.exact_grid is False
    assert table.index == 0


def test_empty_cells_are_kept_as_padding():
    (table,) = tables("第二十条第（五）项\t\t\t\n行政许可\t31888\t\t\n")
    assert table.rows == [["第二十条第（五）项", "", "", ""], ["行政许可", "31888", "", ""]]


def test_leading_empty_cells_keep_column_positions():
    (table,) = tables("三、本年度办理结果\t(一) 予以公开\t\t2\n\t\t2.其他法律行政法规禁止公开\t0\n")
    assert table.rows[1] == ["", "", "2.其他法律行政法规禁止公开", "0"]


def test_blank_lines_inside_a_table_do_not_end_it():
    (table,) = tables("行政许可\t24\t0\t22\n\n\n其他对外管理服务事项\t40\t8\t16\n")
    assert [r[0] for r in table.rows] == ["行政许可", "其他对外管理服务事项"]


def test_a_text_line_ends_the_table_and_pieces_stay_separate():
    text = "| 项目 | 数量 |\n| --- | ---: |\n| 甲 | 1 |\n续表\n| 项目 | 数量 |\n| 乙 | 2 |\n"
    first, second = tables(text)
    assert first.rows == [["项目", "数量"], ["甲", "1"]]
    assert second.rows == [["项目", "数量"], ["乙", "2"]]
    assert (first.index, second.index) == (0, 1)
    assert Paragraph("续表") in read_text(text).blocks


def test_markdown_outer_pipes_are_not_cells_and_separators_are_dropped():
    assert split_row("| a | b |") == ["a", "b"]
    assert split_row("|---|:--:|") == []
    assert split_row("| a |  | c |") == ["a", "", "c"]


def test_bare_pipe_rows_with_trailing_pipes_keep_inner_empty_cells():
    assert split_row("第二十条第(一)项 | |||") == ["第二十条第(一)项", "", "", ""]
    assert split_row("行政事业性收费 | 77.4960 |") == ["行政事业性收费", "77.4960"]
    assert split_row("a | b | c") == ["a", "b", "c"]


def test_ragged_rows_are_not_padded():
    (table,) = tables("a\tb\tc\td\n1\t2\n")
    assert [len(r) for r in table.rows] == [4, 2]


def test_running_text_is_one_paragraph_per_non_empty_line():
    doc = read_text("\ufeff  一、总体情况  \r\n\r\n2024年，收到申请3件。\r\n")
    assert doc.blocks == [Paragraph("一、总体情况"), Paragraph("2024年，收到申请3件。")]


def test_a_line_without_separators_is_text_even_with_digits():
    assert split_row("2024年我局主动公开公文6件") is None


def test_seed_tables_are_found_with_their_widths():
    doc = read_text((SEEDS / "002.txt").read_text(encoding="utf-8"))
    found = [(len(t.rows), max(map(len, t.rows))) for t in doc.blocks if isinstance(t, Table)]
    assert found == [(14, 4), (28, 10), (4, 15)]


def test_a_row_of_dashes_is_a_separator_only_under_a_pipe_tables_first_row():
    """An agency without cases prints its section 四 row as "-" in every cell: data, not markdown layout."""
    text = "| 复议 | 诉讼 |\n| --- | --- |\n| 维持 | 纠正 |\n| - | - |\n"
    (table,) = tables(text)
    assert table.rows == [["复议", "诉讼"], ["维持", "纠正"], ["-", "-"]]
    (tabbed,) = tables("复议\t诉讼\n-\t-\n")
    assert tabbed.rows == [["复议", "诉讼"], ["-", "-"]]
