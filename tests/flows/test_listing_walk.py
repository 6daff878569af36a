"""The walk over a column's pages when the portal misbehaves: what is a failure of the source, and what is not."""

from __future__ import annotations

from urllib.parse import urlsplit

from crawl_portal import Portal

from flows.crawl_listing import Discovery, Source, discover_host
from flows.settings import CrawlSettings

FAST = CrawlSettings(interval=0, backoff=0.01, attempts=2, read_timeout=0.5, connect_timeout=2)
HOST = "127.0.0.1"


def _column(portal: Portal, pages: list[int], claimed: int, folder: str = "/ndbg") -> None:
    """A TRS column whose script claims ``claimed`` pages; only ``pages`` exist, one report link on each."""
    for n in pages:
        item = f'<li><a href="t{n}.html">{2000 + n}年政府信息公开工作年度报告</a><span>2024-01-0{n % 9 + 1}</span></li>'
        script = f'<script>createPageHTML({claimed}, {n}, "index", "html");</script>'
        name = "index.html" if n == 0 else f"index_{n}.html"
        portal.add(f"{folder}/{name}", f"<html><body><ul>{item}</ul>{script}</body></html>")


def _walk(portal: Portal, *seeds: str, settings: CrawlSettings = FAST) -> Discovery:
    return discover_host(HOST, [Source("某局", portal.url(seed)) for seed in seeds], {}, {}, settings)


def _found(discovery: Discovery) -> list[str]:
    return sorted(urlsplit(item.link.url).path for item in discovery.found)


def test_pages_the_pager_claims_past_the_last_one_are_the_end_not_failures(portal: Portal) -> None:
    _column(portal, [0, 1, 2, 3, 4], claimed=8)
    discovery = _walk(portal, "/ndbg/index.html")
    assert _found(discovery) == [f"/ndbg/t{n}.html" for n in range(5)]
    assert discovery.failures == {}
    assert len(portal.requests_to("/ndbg/index_5.html")) == 1  # asked once, to learn where the column ends


def test_a_missing_page_between_pages_that_exist_is_a_failure(portal: Portal) -> None:
    _column(portal, [0, 1, 3, 4], claimed=6)
    discovery = _walk(portal, "/ndbg/index.html")
    assert _found(discovery) == [f"/ndbg/t{n}.html" for n in (0, 1, 3, 4)]
    assert list(discovery.failures) == [portal.url("/ndbg/index_2.html")]
    assert "HTTP 404" in discovery.failures[portal.url("/ndbg/index_2.html")]


def test_a_missing_column_page_is_a_failure(portal: Portal) -> None:
    discovery = _walk(portal, "/gone/index.html")
    assert discovery.failures == {portal.url("/gone/index.html"): f"HTTP 404: {portal.url('/gone/index.html')}"}


def test_a_page_that_fails_once_is_retried_and_a_slow_one_does_not_stop_the_host(portal: Portal) -> None:
    _column(portal, [0, 1, 2], claimed=3)
    portal.routes[("*", "/ndbg/index_1.html")].fail_first = 1
    _column(portal, [0, 1], claimed=2, folder="/slow")
    portal.routes[("*", "/slow/index_1.html")].delay = 0.5
    impatient = CrawlSettings(interval=0, backoff=0.01, attempts=2, read_timeout=0.15)
    discovery = _walk(portal, "/slow/index.html", "/ndbg/index.html", settings=impatient)
    assert _found(discovery) == ["/ndbg/t0.html", "/ndbg/t1.html", "/ndbg/t2.html", "/slow/t0.html"]
    assert list(discovery.failures) == [portal.url("/slow/index_1.html")]
    assert "timed out" in discovery.failures[portal.url("/slow/index_1.html")]


def test_a_column_that_leads_nowhere_is_recorded(portal: Portal) -> None:
    """A login page behind a redirect, an empty body, a soft 404: the source yielded nothing, and says so."""
    portal.add("/locked/index.html", status=302, headers={"Location": "/login.jsp?from=ndbg"}, validators=False)
    portal.add("/login.jsp?from=ndbg", "<html><body><form><input name='user'></form></body></html>")
    portal.add("/empty/index.html", "")
    portal.add("/soft/index.html", "<html><head><title>404</title></head><body>页面不存在</body></html>")
    seeds = ["/locked/index.html", "/empty/index.html", "/soft/index.html"]
    discovery = _walk(portal, *seeds)
    assert discovery.found == []
    assert sorted(discovery.failures) == sorted(portal.url(seed) for seed in seeds)
    assert all("no annual report" in reason for reason in discovery.failures.values())


def test_pagers_that_lead_back_end_the_walk(portal: Portal) -> None:
    _column(portal, [0, 1], claimed=2)
    pager = '<a href="index_1.html">下一页</a><a href="index.html">首页</a>'
    portal.routes[("*", "/ndbg/index_1.html")].body += pager.encode()
    discovery = _walk(portal, "/ndbg/index.html")
    assert _found(discovery) == ["/ndbg/t0.html", "/ndbg/t1.html"]
    assert discovery.failures == {}
    assert len(portal.requests_to("/ndbg/index.html")) == len(portal.requests_to("/ndbg/index_1.html")) == 1
