"""Column pages as the major CMS families of Chinese government portals lay them out, reports among decoys."""

from __future__ import annotations

from flows.discover import Page, parse_page

BASE = "http://portal.test/zwgk/ndbg/index.html"


def _reports(html: str, url: str = BASE) -> list[tuple[str, str]]:
    page: Page = parse_page(f"<html><head><meta charset='utf-8'></head><body>{html}</body></html>".encode(), url)
    return [(link.url.removeprefix("http://portal.test"), link.title) for link in page.reports]


def test_trs_list_with_titles_cut_by_the_template_and_no_title_attribute() -> None:
    """TRS WCM ``<ul class="list">``: the template cuts at a fixed width and keeps no ``title=``."""
    html = """<ul class="list">
    <li><a href="./202401/t20240120_1.html" target="_blank">XX市自然资源局2023年政府信息公开工作年度报...</a>
        <span>2024-01-20</span></li>
    <li><a href="./202301/t20230118_2.html" target="_blank">XX市自然资源局2022年度政府信息公开工作年…</a>
        <span>2023-01-18</span></li>
    <li><a href="./202301/t20230110_3.html" target="_blank">XX市自然资源局2023年政府信息公开指...</a>
        <span>2023-01-10</span></li>
    <li><a href="./202402/t20240201_4.html" target="_blank">XX市自然资源局2023年法治政府建设年度报...</a>
        <span>2024-02-01</span></li>
    <li><a href="./202402/t20240202_5.html" target="_blank">关于XX市自然资源局2023年政府信息公开工作年度...</a>
        <span>2024-02-02</span></li>
    <li><a href="./202402/t20240203_6.html" target="_blank">XX市自然资源局2024年政务公开工作要...</a>
        <span>2024-02-03</span></li>
    </ul>"""
    assert [url for url, _ in _reports(html)] == [
        "/zwgk/ndbg/202401/t20240120_1.html",
        "/zwgk/ndbg/202301/t20230118_2.html",
    ]


def test_the_full_title_kept_beside_the_cut_link() -> None:
    """Templates keep the untruncated title on the parent ``<li>``, on a span inside the link, or hidden."""
    html = """<ul>
    <li title="某县2023年政府信息公开工作年度报告"><a href="t1.html">某县2023年政府信息…</a><span>2024-01-20</span></li>
    <li><a href="t2.html"><span title="某县2022年政府信息公开工作年度报告">某县2022年政府信息…</span></a></li>
    <li><a href="t3.html"><span style="display:none">某县2021年政府信息公开工作年度报告</span>某县2021年政府…</a></li>
    <li><a href="t4.html">某县2020年政府…</a><span class="hidden" hidden>某县2020年政府信息公开工作年度报告</span></li>
    <li title="某县2023年政府信息公开指南"><a href="t5.html">某县2023年政府信息…</a></li>
    </ul>"""
    assert _reports(html) == [
        (f"/zwgk/ndbg/t{n}.html", f"某县{2024 - n}年政府信息公开工作年度报告") for n in range(1, 5)
    ]


def test_a_years_sub_column_lists_the_report_without_a_year_or_date() -> None:
    """A "2023年度" column: the year is only in the heading; the report link's target is a document."""
    html = """<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="../">政府信息公开年报</a>
    &gt; <a href="./">2023年度</a></div>
    <div class="menu"><a href="/zwgk/ndbg/list.html">政府信息公开工作年度报告</a>
    <a href="/col/col123/index.html">政府信息公开年度报告</a></div>
    <h2>2023年度</h2>
    <ul><li><a href="./202401/t20240120_8.html">政府信息公开工作年度报告</a></li>
    <li><a href="./202401/t20240121_9.html">政府信息公开指南</a></li>
    <li><a href="./202401/t20240122_10.html">政务公开工作要点</a></li>
    <li><a href="./202401/t20240123_11.html">政府信息公开目录</a></li>
    <li><a href="/u/cms/P020240120.pdf">政府信息公开年报</a></li></ul>"""
    assert [url for url, _ in _reports(html, "http://portal.test/zwgk/ndbg/2023/index.html")] == [
        "/zwgk/ndbg/2023/202401/t20240120_8.html",
        "/u/cms/P020240120.pdf",
    ]


def test_xxgk_catalogue_table_with_the_title_beside_a_generic_link() -> None:
    """信息公开目录 (Dayu/TRS ``xxgk``): 索引号 | 名称 | 发布机构 | 生成日期, the link reading only 查看."""
    rows = [
        ("t1.html", "某厅2023年政府信息公开工作年度报告"),
        ("t2.html", "某厅2023年政府信息公开指南"),
        ("t3.html", "某厅2022年政府信息公开工作年度报告"),
        ("t4.html", "某厅2023年部门决算"),
    ]
    body = "".join(
        f'<tr><td>11530000/2024-0001{i}</td><td><a href="{href}" target="_blank" onclick="return hit({i})">查看</a>'
        f"</td><td>{title}</td><td>某厅</td><td>2024-01-2{i}</td></tr>"
        for i, (href, title) in enumerate(rows)
    )
    html = f'<table class="xxgk"><tr><th>索引号</th><th>操作</th><th>名称</th><th>发布机构</th><th>生成日期</th></tr>{body}</table>'
    assert _reports(html) == [("/zwgk/ndbg/t1.html", rows[0][1]), ("/zwgk/ndbg/t3.html", rows[2][1])]


def test_hanweb_table_records_in_traditional_characters_and_wrapped_markup() -> None:
    """大汉 Hanweb tables, one record a row; titles wrapped in font/b, split by line breaks and odd spaces."""
    html = """<table width="100%">
    <tr><td><a href="/art/2024/1/20/art_5_1.html" target="_blank"><font color="#333">某市2023年政府資訊公開工作年度報告</font></a></td>
        <td>2024-01-20</td></tr>
    <tr><td><a href="/art/2023/1/20/art_5_2.html" target="_blank"><b>【市统计局】</b>2022年&nbsp;政府信息公开\u3000工作<br>
        年度报告</a></td><td>2023-01-20</td></tr>
    <tr><td><a href="/art/2023/1/21/art_5_3.html">《某市2022年政府信息公开工作年度报告》解读</a></td><td>2023-01-21</td></tr>
    <tr><td><a href="/art/2023/1/22/art_5_4.html">某市2022年政府信息公开工作年度报告（英文版）</a></td><td>2023-01-22</td></tr>
    </table>"""
    assert [url for url, _ in _reports(html)] == ["/art/2024/1/20/art_5_1.html", "/art/2023/1/20/art_5_2.html"]


def test_jcms_record_with_a_category_link_before_the_title() -> None:
    """Jcms/Kaipu records open with a category link (``[年度报告]``); the record's date still belongs to it."""
    html = """<table><tr><td><a href="/col/col5/index.html">[年度报告]</a>
    <a href="/art/2024/1/20/art_5_9.html" target="_blank">政府信息公开工作年度报告</a></td><td>2024-01-20</td></tr></table>
    <dl><dt><a href="/col/col6/index.html">[工作要点]</a><a href="/art/2024/1/21/art_6_1.html">政务公开工作要点</a></dt>
    <dd>2024-01-21</dd></dl>"""
    page = parse_page(html.encode(), BASE)
    assert [(link.url, link.date) for link in page.reports] == [
        ("http://portal.test/art/2024/1/20/art_5_9.html", "2024-01-20")
    ]


def test_entries_named_only_by_their_year_on_a_report_column() -> None:
    """A column titled 政府信息公开年报 lists "2023年度": the report, or that year's sub-column, either way followed."""
    column = """<html><head><title>政府信息公开年报_某市人民政府</title></head><body>
    <ul><li><a href="./202401/t20240120_1.html">2023年度</a><span>2024-01-20</span></li>
    <li><a href="./2022/">【2022年】</a></li><li><a href="./202201/t20220120_3.html">2021年度年报</a></li>
    <li><a href="/xxgk/zn/">政府信息公开指南</a></li></ul></body></html>"""
    assert [link.url for link in parse_page(column.encode(), BASE).reports] == [
        "http://portal.test/zwgk/ndbg/202401/t20240120_1.html",
        "http://portal.test/zwgk/ndbg/2022/",
        "http://portal.test/zwgk/ndbg/202201/t20220120_3.html",
    ]
    elsewhere = column.replace("政府信息公开年报", "法治政府建设年度报告")
    assert parse_page(elsewhere.encode(), BASE).reports == []

    report = """<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
    <div class="side"><a href="/ndbg/2023/">2023年</a><a href="/ndbg/2022/">2022年</a></div>
    <p>附件：<a href="/u/2023.pdf">某局2023年政府信息公开工作年度报告.pdf</a></p></body></html>"""
    page = parse_page(report.encode(), "http://portal.test/art/t1.html")  # a report page's years archive: not its links
    assert page.is_report() and [link.url for link in page.reports] == ["http://portal.test/u/2023.pdf"]
