"""The PDF reader on small PDFs drawn like Word exports (built by ``pdf_samples.py``, committed in ``data/``)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from extract.model import Paragraph, Table, UnreadableDocument
from extract.pdf_tables import read_pdf
from extract.pdf_text import scan_pdf

DATA = Path(__file__).parent / "data"
S3_HEADER_COLUMNS = ["自然\n人", "商业\n企业", "科研\n机构", "社会公\n益组织", "法律服\n务机构", "其他", "总计"]


def read(name: str):
    return read_pdf((DATA / name).read_bytes())


def tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def test_merged_header_cells_fill_an_exact_grid():
    (table,) = tables(read("merged_header.pdf"))
    assert table.exact_grid and {len(row) for row in table.rows} == {10}
    assert table.rows[0][3:] == ["申请人情况"] * 7
    assert table.spans[0][3:] == [False] + [True] * 6
    assert table.rows[1][4:9] == ["法人或其他组织"] * 5
    assert table.rows[2][3:] == S3_HEADER_COLUMNS  # "自然人" and "总计" span two header rows
    assert table.spans[2][3] and table.spans[2][9] and not table.spans[2][4]
    assert all(table.rows[i][0] == table.rows[0][0] for i in range(3))  # 3x3 corner cell


def test_rowspan_and_colspan_labels_and_multiline_cells():
    (table,) = tables(read("merged_header.pdf"))
    assert table.rows[4][:3] == ["三、本\n年度办\n理结果", "（一）予以公开", "（一）予以公开"]
    assert table.spans[4][:3] == [False, False, True]
    assert [row[0] for row in table.rows[5:8]] == ["三、本\n年度办\n理结果"] * 3
    assert [row[1] for row in table.rows[5:7]] == ["（三）不\n予公开"] * 2
    assert table.rows[6][2:] == ["2.其他法律行政法规禁\n止公开", "1", "0", "0", "0", "0", "0", "1"]
    assert table.rows[7][3:] == ["3", "0", "0", "0", "0", "0", "3"]
    assert table.pages == [1] * 8


def test_paragraphs_in_reading_order_without_table_text():
    doc = read("merged_header.pdf")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("Table") == texts(doc).index("三、收到和处理政府信息公开申请情况") + 1
    assert texts(doc)[-2:] == ["四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议和行政诉讼。"]
    assert not any("申请人情况" in t or "予以公开" in t for t in texts(doc))
    wrapped = next(t for t in texts(doc) if t.startswith("本年度，本局"))
    assert "全年共收到政府信息公开申请23件" in wrapped and wrapped.endswith("行政诉讼案件。")
    assert doc.kind == "pdf" and {b.page for b in doc.blocks if isinstance(b, Paragraph)} == {1}


def test_table_over_two_pages_drops_repeated_header_and_joins_split_row():
    doc = read("two_pages.pdf")
    s3, s2 = tables(doc)
    assert (s3.index, s2.index) == (0, 1)
    assert [row[3] for row in s3.rows[3:]] == ["0", "10", "5", "15"]
    assert s3.rows[4][2] == "1.本机关不掌握相关\n政府信息"  # the row split by the break, numbers above it
    assert s3.pages == [1, 1, 1, 1, 1, 2, 2]
    # the merged label cells carried over the break
    assert s3.rows[5][:2] == ["三、本\n年度办\n理结果", "（四）无\n法提供"] and s3.spans[5][:2] == [True, True]
    assert s3.rows[6][:3] == ["三、本\n年度办\n理结果", "（七）总计", "（七）总计"]
    assert s2.rows == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "1", "", "22"],
    ]
    assert s2.pages == [2, 2, 2]


def test_group_row_after_break_stays_a_row_and_numbers_below_break_join_their_label():
    s3, s2 = tables(read("group_over_break.pdf"))
    assert [row[2] for row in s3.rows[3:]] == ["1.属于国家秘密", "2.其他法律行政法规禁\n止公开", "（七）总计"]
    assert [row[3] for row in s3.rows[3:]] == ["0", "1", "1"]
    assert s3.rows[4][:2] == ["三、本\n年度办\n理结果", "（三）不\n予公开"]
    assert s3.pages == [1, 1, 1, 1, 2, 2]
    assert s2.rows[1] == ["行政规范性文件", "1", "0", "22"] and s2.pages == [2, 2]


def test_page_furniture_is_dropped():
    for name in ("two_pages.pdf", "group_over_break.pdf"):
        paragraphs = texts(read(name))
        assert not any("页" in t and "共" in t for t in paragraphs)
        assert not any(t.strip("- ").isdigit() for t in paragraphs)
        assert "平安县公安局政府信息公开工作年度报告" not in paragraphs


def test_only_pages_with_drawn_rules_go_to_the_table_finder():
    assert [s.ruled for s in scan_pdf((DATA / "two_pages.pdf").read_bytes())] == [True, True]
    (scan,) = scan_pdf((DATA / "owner_password_only.pdf").read_bytes())
    assert not scan.ruled and [line.text for line in scan.lines] == ["一、总体情况", "本年度收到政府信息公开申请3件。"]


def test_owner_password_without_user_password_is_read():
    assert texts(read("owner_password_only.pdf")) == ["一、总体情况", "本年度收到政府信息公开申请3件。"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((DATA / "encrypted.pdf").read_bytes(), "PDF is encrypted"),
        ((DATA / "no_text.pdf").read_bytes(), "PDF has no text layer (scanned image?)"),
        ((DATA / "two_pages.pdf").read_bytes()[:20000], "corrupt PDF: "),
        (b"%PDF-1.7\n", "corrupt PDF: "),
    ],
    ids=["encrypted", "no-text", "truncated", "header-only"],
)
def test_unreadable_pdfs_fail_with_one_line(data: bytes, message: str):
    with pytest.raises(UnreadableDocument) as err:
        read_pdf(data)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_committed_samples_match_their_generator(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    samples = importlib.import_module("pdf_samples")
    if samples.font_path() is None:
        pytest.skip("fonts-wqy-zenhei not installed: cannot rebuild the sample PDFs")
    for name in samples.SAMPLES:
        assert samples.build(name) == (DATA / name).read_bytes(), f"rebuild {name}: python {samples.__file__}"
