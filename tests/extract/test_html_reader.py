"""HTML pages as portals publish them: any charset, merged cells, layout tables."""

from __future__ import annotations

from itertools import groupby

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from extract import html_tables
from extract.html_tables import read_html
from extract.model import Paragraph, Table, UnreadableDocument
from gongkai.metrics import APPLICANTS, metrics_for

AGENCY = "平安县公安局"


def section3_html(fmt: str = "2021") -> tuple[str, list[list[int]]]:
    """Section 三 the way Word exports it to portals: a 3-column label block with rowspans, 7 applicant columns.

    Returns the table and the numbers it holds, row by row (row k, column j = 10k + j).
    """
    groups = [a.group for a in APPLICANTS]
    top = [a for a in APPLICANTS if a.group is None]
    head = (
        '<tr><td rowspan="3" colspan="3"><p><span>(本列数据的勾稽关系为：</span><span>第一项加第二项之和，'
        '等于第三项加第四项之和)</span></p></td><td colspan="7"><b>申请人</b><b>情况</b></td></tr>'
        f'<tr><td rowspan="2">{top[0].label[:2]}<br/>{top[0].label[2:]}</td>'
        f'<td colspan="{groups.count(groups[1])}"><span>{groups[1]}</span></td>'
        f'<td rowspan="2">{top[1].label}</td></tr>'
        "<tr>" + "".join(f"<td>{a.label}</td>" for a in APPLICANTS if a.group) + "</tr>"
    )
    body, numbers = [], []
    rows = [m for m in metrics_for("三", fmt)]
    result_rows = [m for m in rows if m.code.startswith("s3.result.")]

    def values() -> str:
        k = len(numbers)
        numbers.append([10 * k + j for j in range(len(APPLICANTS))])
        return "".join(f"<td>{v}</td>" for v in numbers[-1])

    for m in rows:
        if m.code.startswith("s3.result."):
            continue
        if m.code == "s3.carried_out":
            first = True
            for group, members in groupby(result_rows, key=lambda m: m.group_label):
                members = list(members)
                for i, item in enumerate(members):
                    cells = ""
                    if first:
                        cells += f'<td rowspan="{len(result_rows)}">三、本<br>年度办理结果</td>'
                        first = False
                    if group is None:
                        cells += f'<td colspan="2">{item.row_label}</td>'
                    else:
                        if i == 0:
                            cells += f'<td rowspan="{len(members)}">{group}</td>'
                        cells += f"<td>{item.row_label}</td>"
                    body.append(f"<tr>{cells}{values()}</tr>")
        body.append(f'<tr><td colspan="3">{m.row_label}</td>{values()}</tr>')
    return f'<table border="1" cellspacing="0">{head}{"".join(body)}</table>', numbers


def portal(article: str, head: str = "") -> str:
    """An article inside the layout tables of a portal page, with navigation and scripts around it."""
    nav = "".join(f'<a href="/c{i}/">栏目{i}</a>' for i in range(6))
    return (
        f"<html><head>{head}<title>{AGENCY}2024年政府信息公开工作年度报告</title>"
        "<style>td{font-size:12px}</style><script>var s = '<table><tr><td>x</td></tr></table>';</script></head>"
        f'<body><div class="nav">{nav}</div>'
        f'<table width="1000"><tr><td><table><tr><td class="content">{article}</td></tr></table></td></tr></table>'
        "<!-- 统计代码 --><div>版权所有</div></body></html>"
    )


def blocks(doc):
    return [b.text if isinstance(b, Paragraph) else b for b in doc.blocks]


def only_table(doc) -> Table:
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return tables[0]


def test_section3_spans_become_a_true_grid():
    table_html, numbers = section3_html()
    table = only_table(read_html(portal(table_html).encode("utf-8")))
    assert all(len(row) == 3 + len(APPLICANTS) for row in table.rows)
    assert table.rows[0][3:] == ["申请人情况"] * 7 and table.spans[0][3:] == [False] + [True] * 6
    assert table.rows[1][3:] == ["自然\n人", *["法人或其他组织"] * 5, "总计"]
    assert table.rows[2][3:] == ["自然\n人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert table.rows[0][:3] == ["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"] * 3
    data = table.rows[3:]
    assert [[int(v) for v in row[3:]] for row in data] == numbers
    labels = {tuple(row[:3]) for row in data}
    assert ("三、本\n年度办理结果", "(三)不予公开", "1.属于国家秘密") in labels
    assert ("三、本\n年度办理结果", "(七)总计", "(七)总计") in labels
    assert ("四、结转下年度继续办理",) * 3 in labels
    denied = [row for row in data if row[1] == "(三)不予公开"]
    assert len(denied) == 8 and [row[2][:2] for row in denied] == [f"{i}." for i in range(1, 9)]


def test_section3_of_the_2019_format_has_a_single_other_row():
    table_html, numbers = section3_html("2019")
    table = only_table(read_html(table_html.encode("utf-8")))
    assert len(table.rows) == 3 + len(numbers)
    assert any(row[1] == row[2] == "(六)其他处理" for row in table.rows)


def test_layout_tables_are_walked_and_the_article_reads_in_order():
    table_html, _ = section3_html()
    article = (
        f"<h1>{AGENCY}2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
        "<div>正文<b>加粗</b>接上<br>第二行</div><ul><li>要点一</li><li>要点二</li></ul>"
        f"<p>三、收到和处理政府信息公开申请情况</p>{table_html}<p>五、存在的主要问题及改进情况</p>"
    )
    doc = read_html(portal(article).encode("utf-8"))
    assert doc.kind == "html" and doc.title == f"{AGENCY}2024年政府信息公开工作年度报告"
    seen = blocks(doc)
    table_at = next(i for i, b in enumerate(seen) if isinstance(b, Table))
    assert seen[: table_at + 1][-8:-1] == [
        f"{AGENCY}2024年政府信息公开工作年度报告",
        "一、总体情况",
        "正文加粗接上",
        "第二行",
        "要点一",
        "要点二",
        "三、收到和处理政府信息公开申请情况",
    ]
    assert seen[table_at + 1 :] == ["五、存在的主要问题及改进情况", "版权所有"]
    assert seen[0] == "栏目0栏目1栏目2栏目3栏目4栏目5"
    assert not any("var s" in str(b) or "统计代码" in str(b) or "font-size" in str(b) for b in seen)


def test_a_one_cell_table_wrapping_the_article_is_not_data():
    doc = read_html("<table><tr><td><p>一、总体情况</p><p>正文</p></td></tr><tr><td>落款</td></tr></table>".encode())
    assert blocks(doc) == ["一、总体情况", "正文", "落款"]


def test_a_sidebar_next_to_a_text_only_article_is_layout():
    article = "".join(
        f"<p>（{i}）本机关主动公开政府信息，持续推进决策、执行、管理、服务、结果公开。</p>" for i in range(8)
    )
    doc = read_html(f"<table><tr><td><a>首页</a><br><a>公开年报</a></td><td>{article}</td></tr></table>".encode())
    assert blocks(doc)[:3] == [
        "首页",
        "公开年报",
        "（0）本机关主动公开政府信息，持续推进决策、执行、管理、服务、结果公开。",
    ]
    assert len(doc.blocks) == 10 and not any(isinstance(b, Table) for b in doc.blocks)


def test_a_data_table_nested_in_layout_keeps_its_own_index():
    inner = "<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>"
    page = f"<table><tr><td>左栏</td><td><p>前文</p>{inner}<p>后文</p></td></tr></table>{inner}"
    doc = read_html(page.encode())
    seen = blocks(doc)
    assert seen[:2] == ["左栏", "前文"] and seen[3] == "后文"
    tables = [b for b in seen if isinstance(b, Table)]
    assert [t.index for t in tables] == [0, 1]
    assert tables[0].rows == [["信息内容", "本年制发件数"], ["规章", "3"]]


def test_labels_split_over_runs_and_breaks():
    cell = (
        '<td><p><span style="font-family:宋体">(三)</span><span>不</span><font>予</font><b>公开</b></p>'
        "<p>1.属于<br/>国家秘密</p></td>"
    )
    doc = read_html(f"<table><tr>{cell}<td>0</td></tr></table>".encode())
    assert only_table(doc).rows == [["(三)不予公开\n1.属于\n国家秘密", "0"]]


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("自然\n      人", "自然人"),  # CSS Text 3: a segment break between two wide characters is removed
        ("年度\r\n报告（2024）", "年度报告（2024）"),
        ("自然 人", "自然 人"),  # a space typed in the text stays a space
        ("2024\n年", "2024 年"),  # beside a narrow character a segment break is a space
        ("申请\n 10 件", "申请 10 件"),
    ],
)
def test_source_line_breaks_render_as_browsers_render_them(source, shown):
    doc = read_html(f"<table><tr><td>{source}</td><td>  1 </td></tr></table>".encode())
    assert only_table(doc).rows == [[shown, "1"]]


def test_hidden_cells_rows_and_runs_are_not_there():
    page = (
        "<table><tr><td>规章</td><td style='display:none'>99</td><td>1<span style='DISPLAY: NONE'>7</span></td></tr>"
        "<tr style='display:none'><td>隐藏</td><td>5</td></tr><tr><td hidden>x</td><td>行政许可</td><td>2</td></tr>"
        "</table><div style='display:none'><p>北京市2018年政府信息公开工作年度报告</p></div><p>正文</p>"
    )
    doc = read_html(page.encode())
    assert only_table(doc).rows == [["规章", "1"], ["行政许可", "2"]]
    assert blocks(doc)[1:] == ["正文"]


def test_a_rowspan_ends_with_its_row_group():
    page = (
        "<table><thead><tr><td rowspan='5'>项目</td><td>件数</td></tr></thead>"
        "<tbody><tr><td>规章</td><td>1</td></tr><tr><td rowspan='0'>许可</td><td>2</td></tr><tr><td>3</td></tr></tbody>"
        "<tr><td>合计</td><td rowspan='9'>6</td></tr></table>"
    )
    assert only_table(read_html(page.encode())).rows == [
        ["项目", "件数"],
        ["规章", "1"],
        ["许可", "2"],
        ["许可", "3"],
        ["合计", "6"],
    ]


def test_missing_end_tags_and_odd_span_values_read_as_browsers_do():
    page = "<table><tr><td rowspan='2.0'>项目<td colspan='0'>件数<td colspan='2.5'>合计<tr><td>1<td>2<td>3</table>"
    assert only_table(read_html(page.encode())).rows == [["项目", "件数", "合计", "合计"], ["项目", "1", "2", "3"]]


def test_word_markup_reads_as_word_shows_it():
    cell = (
        "<td width=68 valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
        "<p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp; </span></span><![endif]><span style='font-family:宋体'>属于国家</span><span>秘\r\n密"
        "<span lang=EN-US><o:p></o:p></span></span></p></td>"
    )
    page = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><!--[if gte mso 9]><xml><o:x>2019</o:x>"
        f"</xml><![endif]--></head><body><table><tr>{cell}<td><p class=MsoNormal><span lang=EN-US>3<o:p></o:p>"
        "</span></p></td></tr><![if !supportMisc]><tr height=0><td style='border:none'></td></tr><![endif]>"
        "</table></body></html>"
    )
    table = only_table(read_html(page.encode()))
    assert table.rows[0] == ["1.\xa0\xa0 属于国家秘密", "3"]
    assert all(not c.strip() for c in table.rows[1])  # Word's ghost row: blank cells, never values


def test_blank_cells_stay_as_blank_positions():
    page = "<table><tr><td>规章</td><td>&nbsp;</td><td>\u3000</td><td></td><td>5</td></tr></table>"
    table = only_table(read_html(page.encode()))
    assert table.rows == [["规章", "\xa0", "\u3000", "", "5"]]
    assert [c.strip() for c in table.rows[0]] == ["规章", "", "", "", "5"]


def test_thead_and_tfoot_are_placed_as_browsers_do():
    page = (
        "<table><tfoot><tr><td>合计</td><td>3</td></tr></tfoot><tbody><tr><td>规章</td><td>3</td></tr></tbody>"
        "<thead><tr><th>信息内容</th><th>件数</th></tr></thead></table>"
    )
    assert only_table(read_html(page.encode())).rows == [["信息内容", "件数"], ["规章", "3"], ["合计", "3"]]


def test_malformed_spans_do_not_break_the_grid():
    page = (
        '<table><tr><td rowspan="0">a</td><td colspan="x">b</td><td rowspan=" 7 ">c</td></tr>'
        "<tr><td>d</td></tr></table>"
    )
    assert only_table(read_html(page.encode())).rows == [["a", "b", "c"], ["a", "d", "c"]]


@pytest.mark.parametrize(
    ("meta", "encoding", "content_type"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030", None),
        ("", "gbk", None),
        ('<meta charset="utf-8">', "gbk", None),
        ("", "gbk", "text/html; charset=GBK"),
        ("", "gbk", "text/html; charset=iso-8859-1"),
        ('<meta charset="gbk">', "utf-8-sig", "text/html; charset=gbk"),
        ('<meta charset="utf-8"><meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gbk", None),
    ],
    ids=[
        "gb2312-in-meta",
        "gbk-undeclared",
        "gbk-declared-utf8",
        "header-only",
        "header-wrong",
        "utf8-bom",
        "two-metas",
    ],
)
def test_pages_read_right_whatever_their_charset_says(meta, encoding, content_type):
    table_html, numbers = section3_html()
    data = portal(f"<p>一、总体情况</p><p>本机关不掌握相关政府信息10件。</p>{table_html}", meta).encode(encoding)
    doc = read_html(data, content_type)
    assert doc.title == f"{AGENCY}2024年政府信息公开工作年度报告"
    assert "本机关不掌握相关政府信息10件。" in blocks(doc)
    table = only_table(doc)
    assert table.rows[3][0] == "一、本年新收政府信息公开申请数量"
    assert [[int(v) for v in row[3:]] for row in table.rows[3:]] == numbers


@pytest.mark.parametrize("data", [b"", b"   \n", b"<!-- nothing -->"])
def test_an_empty_page_is_unreadable(data):
    with pytest.raises(UnreadableDocument):
        read_html(data)


_MARKUP = st.recursive(
    st.sampled_from(["", " ", "0", "a b", "\xa0", "\u3000x", " \n"]),
    lambda inner: st.builds(
        lambda tag, parts, tail: f"<{tag}>{''.join(parts)}</{tag}>{tail}" if tag != "br" else f"<br>{tail}",
        st.sampled_from(["p", "span", "b", "div", "br", "script", "font"]),
        st.lists(inner, max_size=3),
        st.sampled_from(["", " ", "x", "\n "]),
    ),
    max_leaves=8,
)


@settings(max_examples=300)
@given(st.lists(_MARKUP, max_size=3))
def test_cell_text_shortcut_equals_the_full_walk(parts: list[str]) -> None:
    """Wrapper chains (td > p > span > "0") are read without the walk; the text must be the walk's."""
    root = etree.fromstring(f"<table><tr><td>{''.join(parts)}</td></tr></table>".encode(), html_tables._PARSER)
    cell = next(root.iter("td"))
    walked: list[str] = []
    html_tables._collect(cell, walked)
    assert html_tables._cell_text(cell) == html_tables._tidy("".join(walked))
