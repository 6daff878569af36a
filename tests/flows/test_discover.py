"""Discovery on listing and report pages: bytes in, links out."""

from __future__ import annotations

import pytest

from flows.discover import is_annual_report_title, parse_page, script_pages

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
