"""Discovery on listing and report pages: bytes in, links out."""

from __future__ import annotations

import pytest

from flows.discover import parse_page
from flows.pagination import MAX_SCRIPT_PAGES, script_pages
from flows.titles import is_annual_report_title

BASE = "http://portal.test/xxgk/ndbg/index.html"


@pytest.mark.parametrize(
    "title",
    [
        "2023年政府信息公开工作年度报告",
        "XX局2022年度政府信息公开年报",
        "平顶山市公安局2024年政府信息公开工作年度报告",
        "2022年度政府信息公开工作报告",
        "同心縣公安局2023年政府信息公開工作年度報告",
        "政府信息公开年度报告（2019年）",
        "2023年度政务公开工作年度报告",
        "关于2021年 政府信息公开 工作年度报告",
        "２０２３年政府信息公开工作年度报告",
        "二〇二三年度政府信息公开工作年度报告",
        "XX市2008年政府信息公开工作报告",
        "中共XX县委机构编制委员会办公室2023年政府信息公开工作年度报告",
        "【2023年】政府信息公开工作年度报告(更正)",
    ],
)
def test_annual_report_titles_are_kept(title: str) -> None:
    assert is_annual_report_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "政府信息公开指南",
        "2023年法治政府建设年度报告",
        "2023年部门决算",
        "2024年政务公开工作要点",
        "政府信息公开制度",
        "《2023年政府信息公开工作年度报告》解读",
        "一图读懂2023年政府信息公开工作年度报告",
        "关于做好2023年政府信息公开工作年度报告编制工作的通知",
        "2023年国民经济和社会发展统计年报",
        "政府信息公开目录",
        "政府信息公开工作年度报告（模板）",
        "2023年度政府信息公开工作年度报告样本",
        "关于2022年政府信息公开工作年度报告检查情况的通报",
        "2023年政府信息公开工作年度报告编制指引",
        "2023年政府信息公开工作年度报告新闻发布会",
        "市政府办公室负责人就2023年政府信息公开工作年度报告答记者问",
        "2023年度统计年报",
        "2023年政府网站工作年度报表",
        "XX市人大常委会2023年度工作报告",
        "某公司2023年度环境信息公开年度报告",
        "2023年政府信息公开工作年度报告（征求意见稿）",
        "关于2023年政府信息公开工作年度报告的解读",
        "政府信息公开工作年度报告解读",
        "政府信息公开申请表",
        "依申请公开",
        "2023年信访工作年度报告",
        "2024年部门预算",
    ],
)
def test_distractors_are_ignored(title: str) -> None:
    assert not is_annual_report_title(title)


LISTING = """<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<ul class="nav"><li><a href="/xxgk/zn/index.html">政府信息公开指南</a></li>
<li><a href="/fzzf/2023.html">2023年法治政府建设年度报告</a></li></ul>
<ul class="list">
<li><a href="./202401/t20240120_1.html" title="某市公安局2023年政府信息公开工作年度报告">某市公安局2023年政府信息…</a>
    <span>2024-01-20</span></li>
<li><a href="../../files/2022report.pdf">某市公安局2022年度政府信息公开年报</a><span>2023年1月18日</span></li>
<li><a href="./202301/t20230115_9.html">2022年部门决算</a><span>2023-01-15</span></li>
</ul>
<div class="page"><a href="index_1.html">2</a><a href="index_1.html">下一页</a><a href="other.html">尾页</a></div>
</body></html>"""


def test_listing_links_titles_dates_and_pages() -> None:
    page = parse_page(LISTING.encode(), BASE, "text/html")
    assert [(link.url, link.title, link.date) for link in page.reports] == [
        (
            "http://portal.test/xxgk/ndbg/202401/t20240120_1.html",
            "某市公安局2023年政府信息公开工作年度报告",
            "2024-01-20",
        ),
        ("http://portal.test/files/2022report.pdf", "某市公安局2022年度政府信息公开年报", "2023-01-18"),
    ]
    assert page.pages == ["http://portal.test/xxgk/ndbg/index_1.html"]
    assert not page.is_report()


def test_gbk_listing_without_a_declared_charset() -> None:
    html = LISTING.replace('<meta charset="utf-8">', "").encode("gbk")
    page = parse_page(html, BASE, "text/html")
    assert len(page.reports) == 2 and page.reports[0].title.startswith("某市公安局2023年")


def test_script_only_pagination() -> None:
    script = 'var countPage = 3//共多少页\ncreatePageHTML(countPage, 0, "index", "html");'
    assert script_pages(script, BASE) == [
        "http://portal.test/xxgk/ndbg/index.html",
        "http://portal.test/xxgk/ndbg/index_1.html",
        "http://portal.test/xxgk/ndbg/index_2.html",
    ]
    newer = "createPageHTML('page_div', 2, 1, 'index', 'shtml', 31);"
    assert script_pages(newer, BASE)[-1] == "http://portal.test/xxgk/ndbg/index_1.shtml"
    page = parse_page(f"<html><body><script>{script}</script></body></html>".encode(), BASE)
    assert len(page.pages) == 3


def test_report_page_attachments_best_rendition_first() -> None:
    html = """<html><head><title>2023年政府信息公开工作年度报告</title></head><body>
    <p>详见附件：</p>
    <a href="/u/cms/report.doc">附件1.doc</a>
    <a href="/u/cms/report.docx">附件2.docx</a>
    <a href="/down.jsp?id=7&amp;name=报告.pdf">2023年政府信息公开工作年度报告.pdf</a>
    <iframe src="/viewer.html?file=/u/cms/report.pdf"></iframe>
    </body></html>"""
    page = parse_page(html.encode(), "http://portal.test/art/2024/1/20/art_1.html")
    urls = [link.url for link in page.attachments]
    assert urls[0].endswith(("name=报告.pdf", "report.pdf"))
    assert urls[-2:] == ["http://portal.test/u/cms/report.docx", "http://portal.test/u/cms/report.doc"]
    assert page.is_report()


def test_report_page_with_inline_tables_is_a_report() -> None:
    rows = "".join(f"<tr><td>行{i}</td><td>{i}</td></tr>" for i in range(8))
    html = (
        f"<html><head><title>某局2024年政府信息公开工作年度报告</title></head><body><table>{rows}</table></body></html>"
    )
    page = parse_page(html.encode("gb18030"), "http://portal.test/a.html", "text/html; charset=gbk")
    assert page.is_report() and page.has_table and not page.attachments


def test_xhtml_with_an_xml_declaration_in_gbk() -> None:
    html = '<?xml version="1.0" encoding="gb2312"?>\n' + LISTING.replace('<meta charset="utf-8">', "")
    page = parse_page(html.encode("gbk"), BASE, "text/html")
    assert len(page.reports) == 2 and page.title == "政府信息公开年报"


def test_column_names_in_menus_are_not_report_links() -> None:
    """A breadcrumb to the column (no year, no date beside it) leads to a listing, not a report."""
    html = """<html><body><div class="crumb"><a href="./">政府信息公开工作年度报告</a>
    <a href="/xxgk/ndbg/">政府信息公开年报</a></div>
    <ul><li><a href="a.html">政府信息公开工作年度报告</a><span>2024-01-20</span></li></ul></body></html>"""
    page = parse_page(html.encode(), BASE)
    assert [link.url for link in page.reports] == ["http://portal.test/xxgk/ndbg/a.html"]


def test_script_pagination_variants() -> None:
    defined_first = (
        "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) { var x = _nPageCount; }\n"
        'createPageHTML(2, 0, "index", "shtml");'
    )
    assert script_pages(defined_first, BASE)[-1] == "http://portal.test/xxgk/ndbg/index_1.shtml"
    counted = "var countPage = 3//共多少页\nvar currentPage = 1;"
    assert script_pages(counted, "http://portal.test/col/list_1.shtml") == [
        "http://portal.test/col/list.shtml",
        "http://portal.test/col/list_1.shtml",
        "http://portal.test/col/list_2.shtml",
    ]
    assert script_pages(counted, "http://portal.test/col/") == []  # no file name to page
    assert len(script_pages("共3页<script>var PageCount=3;</script>", "http://portal.test/col/list.shtml")) == 3
    assert script_pages("var xcountPage = 3;", "http://portal.test/col/list.shtml") == []
    named = '翻页createPageHTML(n, 0, "index", "shtml"); var n = 1; var pn = 9;\nn = 2;'
    assert script_pages(named, BASE) == ["http://portal.test/xxgk/ndbg/index.shtml"]  # n where first set


def test_attachments_introduced_as_such_without_an_extension() -> None:
    html = """<html><head><title>2023年政府信息公开工作年度报告</title></head><body>
    <p>附件：<a href="/download?id=77">某局2023年政府信息公开工作年度报告</a></p>
    <p><a href="/other.html">附件说明</a><a href="/download?id=78">相关链接</a></p></body></html>"""
    page = parse_page(html.encode(), "http://portal.test/art/1.html")
    assert [link.url for link in page.attachments] == ["http://portal.test/download?id=77"]
    assert page.is_report()


def test_a_table_of_links_is_not_a_report() -> None:
    rows = "".join(f'<tr><td><a href="t{i}.html">通知{i}</a></td><td>2024-01-{i + 10}</td></tr>' for i in range(8))
    html = f"<html><head><title>政府信息公开年报</title></head><body><table>{rows}</table></body></html>"
    page = parse_page(html.encode(), BASE)
    assert not page.has_table and not page.is_report()


def test_hanweb_records_held_in_a_script_datastore() -> None:
    """Hanweb (大汉 Jcms) columns ship their first records as markup inside ``<script type="text/xml">``."""
    record = (
        '<record><![CDATA[<li><a href="/art/{y}/1/20/art_123_{y}.html" title="某县{p}年政府信息公开工作年度报告" '
        'target="_blank">某县{p}年政府信息…</a><span>{y}-01-20</span></li>]]></record>'
    )
    html = (
        '<html><head><title>年度报告</title></head><body><div id="4567"><script type="text/xml"><datastore>'
        '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=123"></a>]]></nextgroup>'
        "<recordset>" + "".join(record.format(y=y, p=y - 1) for y in (2024, 2023)) + "</recordset></datastore>"
        "</script></div></body></html>"
    )
    page = parse_page(html.encode(), "http://portal.test/col/col123/index.html")
    assert [(link.url, link.title, link.date) for link in page.reports] == [
        ("http://portal.test/art/2024/1/20/art_123_2024.html", "某县2023年政府信息公开工作年度报告", "2024-01-20"),
        ("http://portal.test/art/2023/1/20/art_123_2023.html", "某县2022年政府信息公开工作年度报告", "2023-01-20"),
    ]
    assert page.pages == []


def test_links_written_by_scripts_and_opened_by_onclick() -> None:
    html = """<html><body><ul>
    <li><a href="javascript:void(0)" onclick="window.open('/art/2024/t1.html')">2023年政府信息公开工作年度报告</a></li>
    <li><a href="javascript:openUrl(&quot;./t2.html&quot;)" target="_blank">2022年政府信息公开工作年度报告</a></li>
    </ul><script>document.write('<a href=\\"index_1.html\\">下一页</a>');</script></body></html>"""
    page = parse_page(html.encode(), BASE)
    assert [link.url for link in page.reports] == [
        "http://portal.test/art/2024/t1.html",
        "http://portal.test/xxgk/ndbg/t2.html",
    ]
    assert page.pages == ["http://portal.test/xxgk/ndbg/index_1.html"]


def test_hrefs_broken_across_lines_and_years_in_full_width_digits() -> None:
    html = """<html><body><ul><li><a href=" ./202401/
t20240120_1.HTM ">２０２３年政府信息公开工作年度报告</a></li></ul></body></html>"""
    page = parse_page(html.encode(), BASE)
    assert [link.url for link in page.reports] == ["http://portal.test/xxgk/ndbg/202401/t20240120_1.HTM"]


def test_query_pagination_needs_a_pager_and_leaves_sibling_columns_alone() -> None:
    html = """<html><body><div class="menu"><a href="list.jsp?cid=10">政府信息公开指南</a>
    <a href="list.jsp?cid=11">政府信息公开制度</a></div>
    <div class="pager"><a href="list.jsp?cid=9&amp;pageIndex=2">[2]</a><a href="list.jsp?cid=9&amp;pageIndex=3">3</a>
    <a href="list.jsp?cid=9&amp;pageIndex=2">后一页</a><a href="list.jsp?cid=9&amp;pageIndex=7">»</a></div></body></html>"""
    page = parse_page(html.encode(), "http://portal.test/xxgk/list.jsp?cid=9")
    assert page.pages == [f"http://portal.test/xxgk/list.jsp?cid=9&pageIndex={n}" for n in (2, 3, 7)]


def test_script_pagers_by_other_names_and_absurd_page_counts() -> None:
    assert script_pages('createPage(3, 0, "index", "shtml");', BASE)[-1] == "http://portal.test/xxgk/ndbg/index_2.shtml"
    assert script_pages("setPage('pages', 2, 1, 'list', 'htm')", BASE) == [
        "http://portal.test/xxgk/ndbg/list.htm",
        "http://portal.test/xxgk/ndbg/list_1.htm",
    ]
    assert script_pages("var size = 20;", BASE) == []
    huge = script_pages('createPageHTML(2000000000, 0, "index", "html");', BASE)
    assert 0 < len(huge) <= MAX_SCRIPT_PAGES


def test_a_report_page_between_its_neighbours_is_a_report() -> None:
    """上一篇/下一篇 links name other years' reports; the page is still one report, not a listing."""
    html = """<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
    <p>附件：<a href="/u/2023.pdf">某局2023年政府信息公开工作年度报告.pdf</a></p>
    <div>上一篇：<a href="./t2.html">某局2022年政府信息公开工作年度报告</a></div>
    <div><span>下一篇：</span><a href="./t3.html">某局2024年政府信息公开工作年度报告</a></div></body></html>"""
    page = parse_page(html.encode(), "http://portal.test/art/t1.html")
    assert page.is_report()
    assert [link.url for link in page.attachments] == ["http://portal.test/u/2023.pdf"]


def test_a_pdf_shown_in_a_viewer_is_fetched_itself() -> None:
    """pdf.js viewers are static pages that load the file named in their query; the file is the attachment."""
    html = """<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
    <iframe src="/pdfjs/web/viewer.html?file=/u/cms/2023.pdf" width="100%"></iframe>
    <a href="/static/viewer.htm?file=%2Fu%2Fcms%2F2023.docx">查看原文</a>
    <a href="/module/download/downfile.jsp?classid=0&amp;filename=1505181234567.pdf">下载</a></body></html>"""
    page = parse_page(html.encode(), "http://portal.test/art/t1.html")
    assert [link.url for link in page.attachments] == [
        "http://portal.test/u/cms/2023.pdf",
        "http://portal.test/module/download/downfile.jsp?classid=0&filename=1505181234567.pdf",
        "http://portal.test/u/cms/2023.docx",
    ]


def test_pager_links_of_a_column_given_as_a_folder() -> None:
    """A seed ``.../ndbg/`` pages as ``list_1.html`` or ``index2.htm``: the pager's words say so, not the names."""
    html = """<html><body><ul><li><a href="zn.html">政府信息公开指南</a></li><li><a href="1.html">1</a></li></ul>
    <div class="page"><a href="list_1.html">2</a> <a href="index2.htm">下一页 &gt;</a> <a href="/other/list_9.html">尾页</a>
    </div></body></html>"""
    page = parse_page(html.encode(), "http://portal.test/xxgk/ndbg/")
    assert page.pages == [
        "http://portal.test/xxgk/ndbg/1.html",
        "http://portal.test/xxgk/ndbg/list_1.html",
        "http://portal.test/xxgk/ndbg/index2.htm",
    ]


def test_redirecting_stubs_lead_on() -> None:
    """A column whose index only redirects to its list, and a report link that redirects to its PDF."""
    refresh = '<html><head><meta http-equiv="Refresh" content="0; URL=\'./list.html\'"></head><body></body></html>'
    assert parse_page(refresh.encode(), BASE).pages == ["http://portal.test/xxgk/ndbg/list.html"]
    script = '<html><body><script>window.location.href = "/xxgk/ndbg/list.shtml";</script></body></html>'
    assert parse_page(script.encode(), BASE).pages == ["http://portal.test/xxgk/ndbg/list.shtml"]
    menu = (
        '<html><body><a href="a.html">首页</a><script>function go(){location.href="/x/y.html";}</script></body></html>'
    )
    assert parse_page(menu.encode(), BASE).pages == []
    to_pdf = """<html><head><title>某局2023年政府信息公开工作年度报告</title>
    <meta http-equiv="refresh" content="0;url=/u/P020240120.pdf"></head><body></body></html>"""
    page = parse_page(to_pdf.encode(), "http://portal.test/art/t1.html")
    assert [link.url for link in page.attachments] == ["http://portal.test/u/P020240120.pdf"]
    assert page.is_report() and page.pages == []


def test_a_column_framed_in_its_own_folder() -> None:
    """Older portals frame the list (``<iframe src="list.html">``); frames from elsewhere are page furniture."""
    html = """<html><body><iframe src="/include/head.html"></iframe><iframe src="./list.html" frameborder="0"></iframe>
    <iframe src="https://map.example.com/embed.html"></iframe></body></html>"""
    assert parse_page(html.encode(), BASE).pages == ["http://portal.test/xxgk/ndbg/list.html"]
    frames = '<html><frameset rows="80,*"><frame src="/include/top.html"><frame src="list.htm"></frameset></html>'
    assert parse_page(frames.encode(), BASE).pages == ["http://portal.test/xxgk/ndbg/list.htm"]


def test_links_no_url_parser_accepts_are_skipped_and_the_rest_of_the_page_is_read() -> None:
    """CMS templates left unfilled print ``http://[#siteurl#]/...``: one bad link, not a page lost."""
    html = """<html><head><base href="http://[#base#]/"><meta http-equiv="refresh" content="0;url=http://[y/">
    </head><body><ul><li><a href="http://[#siteurl#]/x.html">某县2023年政府信息公开工作年度报告</a></li>
    <li><a href="a.html">某县2022年政府信息公开工作年度报告</a> <a href="http://[::1/b">更多</a></li></ul>
    <iframe src="http://[::1/f.pdf"></iframe></body></html>"""
    page = parse_page(html.encode(), BASE)
    assert [link.url for link in page.reports] == ["http://portal.test/xxgk/ndbg/a.html"]
    assert page.attachments == [] and page.pages == []
