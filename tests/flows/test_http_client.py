"""The polite client against a real local server that misbehaves on purpose."""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Callable

import pytest
from crawl_portal import Portal

from flows.http_client import PoliteClient, fetch_once
from flows.responses import FetchError
from flows.settings import CrawlSettings

FAST = CrawlSettings(interval=0, backoff=0.01, attempts=3, read_timeout=5, connect_timeout=5)


def test_identifies_itself_and_returns_the_body(portal: Portal) -> None:
    portal.add("/a.html", "<p>hello</p>")
    body, content_type = fetch_once(portal.url("/a.html"), FAST)
    assert body == b"<p>hello</p>"
    assert content_type == "text/html; charset=utf-8"
    agent = portal.requests_to("/a.html")[0].headers["User-Agent"]
    assert agent.startswith("gongkai/") and "(+http" in agent


def test_robots_disallow_is_honoured_without_touching_the_page(portal: Portal) -> None:
    portal.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    portal.add("/private/report.html", "secret")
    portal.add("/public.html", "ok")
    with PoliteClient(FAST) as client:
        with pytest.raises(FetchError, match=r"robots\.txt") as info:
            client.get(portal.url("/private/report.html"))
        assert client.get(portal.url("/public.html")).body == b"ok"
    assert not info.value.retryable
    assert portal.requests_to("/private/report.html") == []
    assert len(portal.requests_to("/robots.txt")) == 1  # cached per host


def test_500_then_200_is_retried(portal: Portal) -> None:
    portal.add("/flaky.html", "fine", fail_first=2, failure="500")
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/flaky.html")).body == b"fine"
    assert [h.status for h in portal.requests_to("/flaky.html")] == [500, 500, 200]


def test_reset_then_200_is_retried(portal: Portal) -> None:
    portal.add("/reset.html", "fine", fail_first=1, failure="reset")
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/reset.html")).body == b"fine"


@pytest.mark.parametrize(
    ("fault", "reason"),
    [("slow", "timed out"), ("reset", "network error|connection closed"), ("truncate", "truncated body")],
)
def test_persistent_faults_fail_retryably(portal: Portal, fault: str, reason: str) -> None:
    route = portal.add("/bad.html", "x" * 100, fault=fault, delay=1.5 if fault == "slow" else 0.0)
    settings = CrawlSettings(interval=0, backoff=0.01, attempts=2, read_timeout=0.3)
    with PoliteClient(settings) as client, pytest.raises(FetchError, match=reason) as info:
        client.get(portal.url("/bad.html"))
    assert info.value.retryable
    assert route.served == 2


def test_a_refused_connection_is_a_network_error_not_a_timeout() -> None:
    """Nothing listens: the failure says so, and the host is not held off as if a request were in its hands."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}/a.html"
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="network error") as info:
        client.get(url)
    assert info.value.retryable and "timed out" not in str(info.value)


def test_404_is_not_retried(portal: Portal) -> None:
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="HTTP 404") as info:
        client.get(portal.url("/missing.html"))
    assert not info.value.retryable
    assert len(portal.requests_to("/missing.html")) == 1


def test_oversized_bodies_are_refused(portal: Portal) -> None:
    portal.add("/huge.pdf", fault="huge")
    portal.add("/big.pdf", b"%" * 300_000, validators=False)
    settings = CrawlSettings(interval=0, max_bytes=100_000)
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="209,715,200 bytes exceeds"):
        client.get(portal.url("/huge.pdf"))
    with PoliteClient(settings) as client, pytest.raises(FetchError, match="exceeds the 100,000-byte cap"):
        client.get(portal.url("/big.pdf"))


def test_conditional_get_and_redirects(portal: Portal) -> None:
    portal.add("/old.html", status=301, headers={"Location": "/new.html"}, validators=False)
    portal.add("/new.html", "current")
    with PoliteClient(FAST) as client:
        first = client.get(portal.url("/old.html"))
        again = client.get(first.url, etag=first.etag, last_modified=first.last_modified)
    assert first.url == portal.url("/new.html") and first.body == b"current"
    assert again.not_modified and again.body is None
    assert portal.requests_to("/new.html")[1].headers["If-None-Match"] == first.etag


def test_one_request_in_flight_per_host_and_the_interval_is_kept(portal: Portal) -> None:
    for i in range(4):
        portal.add(f"/p{i}.html", "x", delay=0.05)
    with PoliteClient(CrawlSettings(interval=0.2)) as client:
        _concurrently([(client.get, portal.url(f"/p{i}.html")) for i in range(4)])
    hits = sorted((h for h in portal.hits if h.path.startswith("/p")), key=lambda h: h.start)
    assert len(hits) == 4
    assert all(later.start - earlier.end >= 0.19 for earlier, later in itertools.pairwise(hits))


def test_different_hosts_proceed_in_parallel(portal: Portal) -> None:
    portal.add("/slow.html", "x", delay=0.4)
    with PoliteClient(CrawlSettings(interval=0)) as client:
        _concurrently([(client.get, portal.url("/slow.html", host=host)) for host in ("127.0.0.1", "localhost")])
    first, second = sorted(portal.requests_to("/slow.html"), key=lambda h: h.start)
    assert second.start < first.end  # overlapping: the gate is per host, not global


def test_redirect_chain_across_hosts_and_a_redirect_loop(portal: Portal) -> None:
    portal.add("/a", status=301, headers={"Location": portal.url("/b", host="localhost")}, validators=False)
    portal.add("/b", status=302, headers={"Location": "/c.pdf"}, validators=False, host="localhost")
    portal.add("/c.pdf", b"%PDF-1.4 moved", content_type="text/html", host="localhost")
    portal.add("/loop1", status=302, headers={"Location": "/loop2"}, validators=False)
    portal.add("/loop2", status=302, headers={"Location": "/loop1"}, validators=False)
    with PoliteClient(FAST) as client:
        got = client.get(portal.url("/a"))
        with pytest.raises(FetchError, match="too many redirects") as info:
            client.get(portal.url("/loop1"))
    assert got.url == portal.url("/c.pdf", host="localhost") and got.body == b"%PDF-1.4 moved"
    assert len(portal.requests_to("/robots.txt", host="localhost")) == 1  # every hop passes its host's robots.txt
    assert not info.value.retryable
    assert len(portal.requests_to("/loop1")) == FAST.max_redirects // 2 + 1


def test_a_timed_out_request_is_not_overlapped_by_the_retry(portal: Portal) -> None:
    """The server is still busy with the request we gave up on; the retry waits as long again."""
    route = portal.add("/slow.html", "late", fault="slow", delay=0.5)
    settings = CrawlSettings(interval=0, backoff=0.01, attempts=2, read_timeout=0.3)
    with PoliteClient(settings) as client, pytest.raises(FetchError, match="timed out"):
        client.get(portal.url("/slow.html"))
    first, second = sorted(portal.requests_to("/slow.html"), key=lambda h: h.start)
    assert route.served == 2 and second.start >= first.end


def test_a_trickling_body_times_out_as_a_whole(portal: Portal) -> None:
    portal.add("/trickle.html", "x" * 40, fault="trickle")
    settings = CrawlSettings(interval=0, backoff=0.01, attempts=1, read_timeout=1.0, total_timeout=0.5)
    with PoliteClient(settings) as client, pytest.raises(FetchError, match="timed out") as info:
        client.get(portal.url("/trickle.html"))
    assert info.value.retryable


def test_retry_after_is_honoured(portal: Portal) -> None:
    portal.add("/busy.html", "ok", fail_first=1, failure="500", headers={"Retry-After": "1"})
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/busy.html")).body == b"ok"
    first, second = sorted(portal.requests_to("/busy.html"), key=lambda h: h.start)
    assert second.start - first.end >= 0.95


def test_without_validators_the_response_date_makes_the_next_request_conditional(portal: Portal) -> None:
    portal.add("/plain.html", "x", validators=False)
    with PoliteClient(FAST) as client:
        first = client.get(portal.url("/plain.html"))
        client.get(first.url, etag=first.etag, last_modified=first.last_modified)
    assert first.etag is None and first.last_modified
    assert portal.requests_to("/plain.html")[1].headers["If-Modified-Since"] == first.last_modified


def test_the_host_gate_is_shared_by_every_client_in_the_process(portal: Portal) -> None:
    """Two tasks may reach the same host (a report on another host, an attachment, a redirect)."""
    for i in range(4):
        portal.add(f"/q{i}.html", "x", delay=0.05)
    settings = CrawlSettings(interval=0.1)
    clients = [PoliteClient(settings), PoliteClient(settings)]
    _concurrently([(clients[i % 2].get, portal.url(f"/q{i}.html", host="localhost")) for i in range(4)])
    for client in clients:
        client.__exit__()
    hits = sorted((h for h in portal.hits if h.path.startswith("/q")), key=lambda h: h.start)
    assert len(hits) == 4
    assert all(later.start - earlier.end >= 0.09 for earlier, later in itertools.pairwise(hits))


def _concurrently(calls: list[tuple[Callable[[str], object], str]]) -> None:
    threads = [threading.Thread(target=call, args=(url,)) for call, url in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
