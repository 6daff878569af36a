"""Which pages continue a report page that its CMS split, and the one document they make."""

from __future__ import annotations

from flows.article_pages import MAX_PARTS, continuations, joined

URL = "http://x.gov.cn/col/202401/t20240120_123.html"


def test_pager_links_and_script_pagers_name_the_article_pages_in_order() -> None:
    links = b'<a href="t20240120_123_2.html">3</a><a href="./t20240120_123_1.html">2</a>'
    assert continuations(links, "text/html", URL) == [URL.replace(".html", "_1.html"), URL.replace(".html", "_2.html")]
    script = b'<script>createPageHTML(3, 0, "t20240120_123", "html");</script>'
    assert continuations(script, "text/html", URL) == [URL.replace(".html", "_1.html"), URL.replace(".html", "_2.html")]
    counted = b'<link rel="canonical" href="art123.html"><script>var CountPage = 2;</script>'
    assert continuations(counted, "text/html", "http://x.gov.cn/art123.html") == ["http://x.gov.cn/art123_1.html"]


def test_neighbours_strays_and_runaway_pagers_are_not_pages_of_it() -> None:
    neighbours = b'<a href="t20240120_124.html">next article</a><a href="t20240120_12.html">x</a>'
    assert continuations(neighbours, "text/html", URL) == []
    assert continuations(b'<a href="t20240120_123_3.html">4</a>', "text/html", URL) == []  # no page 2: not a run
    assert continuations(b'<a href="xt20240120_123_1.html">', "text/html", URL) == []
    assert continuations(b"<script>var countPage = 2;</script>", "text/html", "http://x.gov.cn/art123.html") == []
    runaway = b'<script>createPageHTML(100000, 0, "t20240120_123", "html");</script>'
    assert len(continuations(runaway, "text/html", URL)) == MAX_PARTS - 1


def test_joined_pages_keep_each_parts_text_whatever_its_charset() -> None:
    first = "<html><head><meta charset='utf-8'></head><body><p>某县2023年政府信息公开工作年度报告</p></body></html>"
    second = "<html><head><meta charset='gbk'></head><body><p>四、因政府信息公开工作被申请行政复议</p></body></html>"
    data = joined([(first.encode(), "text/html; charset=utf-8"), (second.encode("gbk"), "text/html; charset=gbk")])
    text = data.decode("utf-8")
    assert text.index("年度报告") < text.index("四、因政府信息公开")
