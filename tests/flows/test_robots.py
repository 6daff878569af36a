"""robots.txt as RFC 9309 reads it, served by a real local server: what the rules say, and what their absence says."""

from __future__ import annotations

import codecs
import itertools

import pytest
from crawl_portal import Portal

from flows.http_client import PoliteClient
from flows.responses import FetchError
from flows.robots import RobotsRecord
from flows.settings import CrawlSettings

FAST = CrawlSettings(interval=0, backoff=0.01, attempts=2, read_timeout=2, connect_timeout=2)
TEXT = "text/plain"


def _fetches(client: PoliteClient, url: str) -> bool:
    try:
        client.get(url)
    except FetchError as exc:
        assert "robots.txt" in exc.reason, exc.reason
        return False
    return True


@pytest.mark.parametrize("status", ["500", "503", "429", "reset"])
def test_unreachable_robots_keeps_us_off_the_host_and_is_asked_once(portal: Portal, status: str) -> None:
    """5xx, 429 and network failures mean "complete disallow" for the run; each URL says why, retryably."""
    portal.add("/robots.txt", "User-agent: *\nDisallow:\n", content_type=TEXT, fault=status)
    portal.add("/a.html", "a")
    portal.add("/b.html", "b")
    reasons = []
    with PoliteClient(FAST) as client:
        for path in ("/a.html", "/b.html"):
            with pytest.raises(FetchError, match=r"robots\.txt unavailable") as info:
                client.get(portal.url(path))
            assert info.value.retryable
            reasons.append(info.value.reason)
    assert portal.requests_to("/a.html") == portal.requests_to("/b.html") == []
    assert len(portal.requests_to("/robots.txt")) == FAST.attempts  # not once more per URL
    assert reasons[0] == reasons[1]


@pytest.mark.parametrize("status", [404, 410, 401, 403])
def test_a_missing_or_forbidden_robots_allows_everything(portal: Portal, status: int) -> None:
    portal.add("/robots.txt", "nope", status=status, validators=False)
    portal.add("/a.html", "a")
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/a.html")).body == b"a"
    assert len(portal.requests_to("/robots.txt")) == 1


def test_a_redirected_robots_is_followed_across_hosts(portal: Portal) -> None:
    """RFC 9309 2.3.1.2: follow at least five redirects, even to another authority."""
    moved = portal.url("/static/robots.txt", host="localhost")
    portal.add("/robots.txt", status=301, headers={"Location": moved}, validators=False)
    portal.add("/static/robots.txt", "User-agent: *\nDisallow: /private/\n", host="localhost", content_type=TEXT)
    portal.add("/private/x.html", "secret")
    portal.add("/public.html", "ok")
    with PoliteClient(FAST) as client:
        assert not _fetches(client, portal.url("/private/x.html"))
        assert _fetches(client, portal.url("/public.html"))
    assert portal.requests_to("/private/x.html") == []


def test_a_robots_in_a_byte_order_mark_or_gbk_still_counts(portal: Portal) -> None:
    """Files saved on Windows start with a BOM, which must not hide the first group's User-agent line."""
    rules = "User-agent: *\nDisallow: /private/\nDisallow: /公开/内部/\n"
    portal.add("/robots.txt", codecs.BOM_UTF8 + rules.encode(), content_type=TEXT)
    portal.add("/robots.txt", rules.encode("gbk"), content_type="text/plain; charset=gbk", host="localhost")
    with PoliteClient(FAST) as client:
        for host in ("127.0.0.1", "localhost"):
            assert not _fetches(client, portal.url("/private/x.html", host=host))
            assert not _fetches(client, portal.url("/%E5%85%AC%E5%BC%80/%E5%86%85%E9%83%A8/x.html", host=host))
    assert [h for h in portal.hits if h.path != "/robots.txt"] == []


def test_an_html_page_served_as_robots_has_no_rules(portal: Portal) -> None:
    """A portal's "page not found" page with status 200 is not a rule set."""
    portal.add("/robots.txt", "<html><body><h1>页面不存在</h1><p>Disallow: 您访问的页面不存在</p></body></html>")
    portal.add("/a.html", "a")
    with PoliteClient(FAST) as client:
        assert _fetches(client, portal.url("/a.html"))


def test_our_group_wins_over_star_and_allow_overrides_disallow(portal: Portal) -> None:
    rules = "User-agent: *\nDisallow: /\n\nUser-agent: gongkai\nDisallow: /gk/\nAllow: /gk/ndbg/\nCrawl-delay: 0.3\n"
    portal.add("/robots.txt", rules, content_type=TEXT)
    for path in ("/index.html", "/gk/ndbg/a.html", "/gk/ndbg/b.html"):
        portal.add(path, "x")
    with PoliteClient(FAST) as client:
        assert _fetches(client, portal.url("/index.html"))
        assert not _fetches(client, portal.url("/gk/other.html"))
        assert _fetches(client, portal.url("/gk/ndbg/a.html"))
        assert _fetches(client, portal.url("/gk/ndbg/b.html"))
    hits = sorted(portal.hits, key=lambda h: h.start)
    assert all(later.start - earlier.end >= 0.29 for earlier, later in itertools.pairwise(hits))


def test_a_crawl_delay_longer_than_we_wait_keeps_us_off_the_host_for_the_run(portal: Portal) -> None:
    """An hour between pages would keep a nightly run going for days: each URL fails retryably instead, and
    the host is asked for nothing but its rules."""
    portal.add("/robots.txt", "User-agent: *\nCrawl-delay: 3600\n", content_type=TEXT)
    portal.add("/a.html", "a")
    with PoliteClient(FAST) as client:
        for _ in range(2):
            with pytest.raises(FetchError, match=r"robots\.txt asks for 3600 s between requests, over 60 s") as info:
                client.get(portal.url("/a.html"))
            assert info.value.retryable
    assert [hit.path for hit in portal.hits] == ["/robots.txt"]


def test_a_changed_robots_is_rechecked_conditionally_and_applied(portal: Portal) -> None:
    route = portal.add("/robots.txt", "User-agent: *\nDisallow:\n", content_type=TEXT)
    portal.add("/a.html", "a")
    kept: dict[str, RobotsRecord] = {}
    for _ in range(2):
        with PoliteClient(FAST, _next_night(kept)) as client:
            assert _fetches(client, portal.url("/a.html"))
            kept = client.robots
    route.body = b"User-agent: *\nDisallow: /a.html\n"
    with PoliteClient(FAST, _next_night(kept)) as client:
        assert not _fetches(client, portal.url("/a.html"))
    first, second, third = portal.requests_to("/robots.txt")
    assert not first.conditional and second.conditional and third.conditional
    assert [h.status for h in (first, second, third)] == [200, 304, 200]


def _next_night(records: dict[str, RobotsRecord]) -> dict[str, RobotsRecord]:
    """The records as the crawl state loads them: kept, but not yet checked this run."""
    return {host: RobotsRecord(r.text, r.etag, r.last_modified) for host, r in records.items()}
