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
