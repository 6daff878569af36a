"""DOCX reports built with python-docx (Word's own merge operations), read back through the XML."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract.docx_tables import read_docx
from extract.model import Paragraph, Table, UnreadableDocument
from gongkai.metrics import APPLICANTS, metrics_for


def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def texts(doc):
    return [b.text if isinstance(b, Paragraph) else b for b in doc.blocks]


def section3_docx() -> tuple[bytes, list[str]]:
    """Section 三's header and the (三) group merged the way Word users merge them; returns the items used."""
    denied = [m for m in metrics_for("三", "2021") if m.group_label == "(三)不予公开"][:3]
    org = [a for a in APPLICANTS if a.group]
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=3 + 1 + len(denied), cols=3 + len(APPLICANTS))
    cell = table.cell
    cell(0, 0).merge(cell(2, 2)).text = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
    cell(0, 3).merge(cell(0, 9)).text = "申请人情况"
    natural = cell(1, 3).merge(cell(2, 3))
    natural.text = APPLICANTS[0].label[:2]
    natural.paragraphs[0].add_run().add_break()
    natural.paragraphs[0].add_run(APPLICANTS[0].label[2:])
    cell(1, 4).merge(cell(1, 8)).text = org[0].group
    cell(1, 9).merge(cell(2, 9)).text = APPLICANTS[-1].label
    for k, a in enumerate(org):
        cell(2, 4 + k).text = a.label
    cell(3, 0).merge(cell(3, 2)).text = metrics_for("三", "2021")[0].row_label
    first = 4
    outcome = cell(first, 0).merge(cell(first + len(denied) - 1, 0))
    outcome.text = "三、本"
    outcome.add_paragraph("年度办理结果")
    cell(first, 1).merge(cell(first + len(denied) - 1, 1)).text = denied[0].group_label
    for k, m in enumerate(denied):
        cell(first + k, 2).text = m.row_label
    for r in range(3, first + len(denied)):
        for j in range(len(APPLICANTS)):
            cell(r, 3 + j).text = str(10 * r + j)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    return save(document), [m.row_label for m in denied]


def test_merged_cells_are_expanded_into_the_grid():
    data, items = section3_docx()
    doc = read_docx(data)
    assert doc.kind == "docx"
    heading, table, after = doc.blocks
    assert heading.text.startswith("三、") and after.text.startswith("四、")
    assert isinstance(table, Table) and table.exact_grid and table.index == 0
    rows = table.rows
    assert all(len(row) == 10 for row in rows) and len(rows) == 4 + len(items)
    assert rows[0][3:] == ["申请人情况"] * 7 and table.spans[0][3:] == [False] + [True] * 6
    assert rows[1][3:] == ["自然\n人", *["法人或其他组织"] * 5, "总计"]
    assert rows[2][3:] == ["自然\n人", *(a.label for a in APPLICANTS if a.group), "总计"]
    assert table.spans[2][3] and not table.spans[1][3] and table.spans[2][4:9] == [False] * 5
    assert [rows[r][:3] for r in range(3)] == [[rows[0][0]] * 3] * 3 and rows[0][0].startswith("(本列")
    assert rows[3][:3] == [metrics_for("三", "2021")[0].row_label] * 3
    assert [row[:3] for row in rows[4:]] == [["三、本\n年度办理结果", "(三)不予公开", item] for item in items]
    assert [row[3:] for row in rows[3:]] == [[str(10 * r + j) for j in range(7)] for r in range(3, len(rows))]
    assert [table.spans[r][:2] for r in range(4, len(rows))] == [[False, False]] + [[True, True]] * (len(items) - 1)


def test_body_paragraphs_runs_and_breaks():
    document = docx.Document()
    p = document.add_paragraph()
    for run in ("(三)", "不", "予", "公开"):
        p.add_run(run).bold = run == "不"
    p = document.add_paragraph("一、总体情况")
    p.add_run().add_break()
    p.add_run("正文\t第二行")
    p.paragraph_format.tab_stops.add_tab_stop(docx.shared.Cm(2))
    document.add_paragraph("   ")
    page = document.add_paragraph("分页前")
    page.add_run().add_break(WD_BREAK.PAGE)
    page.add_run("分页后")
    assert texts(read_docx(save(document))) == ["(三)不予公开", "一、总体情况", "正文\t第二行", "分页前", "分页后"]


def test_deleted_revisions_field_codes_and_drawing_fallbacks_are_not_text():
    document = docx.Document()
    p = document.add_paragraph("保留")
    p._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>')
    )
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:instrText> PAGE </w:instrText></w:r>"))
    alt = (
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p>'
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    p._p.append(parse_xml(alt))
    assert texts(read_docx(save(document))) == ["保留插入框"]


def test_grid_before_keeps_positions_and_grid_after_adds_no_cell():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    rows = table._tbl.tr_lst
    rows[1].remove(rows[1].tc_lst[0])
    rows[1].get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    rows[2].remove(rows[2].tc_lst[-1])
    rows[2].get_or_add_trPr().append(parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="1"/>'))
    (table_block,) = read_docx(save(document)).blocks
    # gridBefore keeps the later cells in their columns; gridAfter cells do not exist, so none is invented.
    assert table_block.rows == [["00", "01", "02"], ["", "11", "12"], ["20", "21"]]
    assert not any(any(row) for row in table_block.spans)


def test_a_merge_continued_with_another_width_is_not_merged():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "宽"
    table.cell(0, 2).text = "x"
    table.cell(1, 2).text = "y"
    table.cell(1, 0).text = "a"
    table.cell(1, 1).text = "b"
    table.cell(1, 0)._tc.get_or_add_tcPr().append(parse_xml(f"<w:vMerge {nsdecls('w')}/>"))
    (block,) = read_docx(save(document)).blocks
    assert block.rows == [["宽", "宽", "x"], ["a", "b", "y"]]


def test_layout_tables_are_walked_and_nested_tables_read_as_data():
    document = docx.Document()
    document.add_paragraph("标题")
    frame = document.add_table(rows=1, cols=1)
    outer = frame.cell(0, 0)
    outer.text = "框内正文"
    inner = outer.add_table(rows=2, cols=2)
    for r, (label, value) in enumerate([("信息内容", "本年制发件数"), ("规章", "3")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = label, value
    outer.add_paragraph("框内结尾")
    blocks = texts(read_docx(save(document)))
    assert blocks[:2] == ["标题", "框内正文"] and blocks[3:] == ["框内结尾"]
    assert blocks[2].rows == [["信息内容", "本年制发件数"], ["规章", "3"]] and blocks[2].index == 0


def test_content_controls_do_not_hide_text():
    document = docx.Document()
    body = document.element.body
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(0, sdt)
    assert texts(read_docx(save(document))) == ["控件内"]


def zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text, not a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        zip_of({"readme.txt": b"x"}),
        zip_of({"word/document.xml": b"<w:document><w:body>"}),
        zip_of({"word/document.xml": b'<document xmlns="urn:x"/>'}),
    ],
    ids=["empty", "text", "legacy-doc", "no-document-xml", "broken-xml", "no-body"],
)
def test_unreadable_files_raise_one_line(data):
    with pytest.raises(UnreadableDocument) as e:
        read_docx(data)
    assert "\n" not in str(e.value)


def test_a_truncated_docx_is_unreadable():
    data = save(docx.Document())
    with pytest.raises(UnreadableDocument):
        read_docx(data[: len(data) // 2])


def add_numbering(document, num_id: int, *levels: tuple[str, str]) -> None:
    """A list definition with one (numFmt, lvlText) per level, as Word writes it into numbering.xml."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def numbered(paragraph, num_id: int, level: int = 0):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def test_list_numbers_word_draws_are_part_of_the_text():
    document = docx.Document()
    add_numbering(document, 90, ("chineseCounting", "%1、"), ("chineseCounting", "（%2）"))
    add_numbering(document, 91, ("decimal", "%1."))
    numbered(document.add_paragraph("总体情况"), 90)
    numbered(document.add_paragraph("主动公开"), 90, 1)
    numbered(document.add_paragraph("依申请公开"), 90, 1)
    for k in range(2, 13):
        numbered(document.add_paragraph(f"第{k}节"), 90)
    numbered(document.add_paragraph("重新计数"), 90, 1)
    table = document.add_table(rows=2, cols=2)
    for r, label in enumerate(["属于国家秘密", "其他法律行政法规禁止公开"]):
        numbered(table.cell(r, 0).paragraphs[0], 91).add_run(label)
        table.cell(r, 1).text = "0"
    document.add_paragraph("甲", style="List Number")
    custom = document.styles.add_style("报告条目", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["List Number"]
    document.add_paragraph("乙", style=custom)
    blocks = texts(read_docx(save(document)))
    assert blocks[:3] == ["一、总体情况", "（一）主动公开", "（二）依申请公开"]
    assert [b[: b.index("第")] for b in blocks[3:14]] == [f"{n}、" for n in "二三四五六七八九十"] + ["十一、", "十二、"]
    assert blocks[14] == "（一）重新计数"
    assert blocks[15].rows == [["1.属于国家秘密", "0"], ["2.其他法律行政法规禁止公开", "0"]]
    assert blocks[16:] == ["1.甲", "2.乙"]  # numbering from the paragraph style, directly or by inheritance
