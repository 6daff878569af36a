"""Faults beyond the basic ones: a server that asks us to wait, refuses us, or frames its bytes oddly."""

from __future__ import annotations

import gzip
import itertools
import math
import threading
import time
import zlib
from email.utils import formatdate

import pytest
from crawl_portal import Portal

from flows.http_client import PoliteClient
from flows.responses import FetchError
from flows.settings import CrawlSettings

FAST = CrawlSettings(interval=0, backoff=0.01, attempts=3, read_timeout=2, connect_timeout=2)


def test_retry_after_as_an_http_date_is_honoured(portal: Portal) -> None:
    when = formatdate(math.ceil(time.time() + 0.3), usegmt=True)  # whole seconds: 0.3 to 1.3 s from now
    portal.add("/busy.html", "ok", fail_first=1, failure="429", headers={"Retry-After": when})
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/busy.html")).body == b"ok"
    first, second = sorted(portal.requests_to("/busy.html"), key=lambda h: h.start)
    assert second.start - first.end >= 0.25


def test_a_retry_after_longer_than_we_wait_gives_up_and_rests_the_host(portal: Portal) -> None:
    """ "Come back in an hour": the URL fails now (retryably, next run), and the host is left alone this run."""
    portal.add("/a.html", "a", fault="503", headers={"Retry-After": "3600"})
    portal.add("/b.html", "b")
    settings = CrawlSettings(interval=0, backoff=0.01, attempts=3, max_retry_after=1)
    started = time.monotonic()
    with PoliteClient(settings) as client:
        with pytest.raises(FetchError, match=r"HTTP 503.*Retry-After") as info:
            client.get(portal.url("/a.html"))
        with pytest.raises(FetchError, match=r"Retry-After") as rested:
            client.get(portal.url("/b.html"))
        assert client.get(portal.url("/b.html", host="localhost")).body == b"b"  # other hosts carry on
    assert time.monotonic() - started < 1
    assert info.value.retryable and rested.value.retryable
    assert len(portal.requests_to("/a.html")) == 1
    assert portal.requests_to("/b.html", host="127.0.0.1") == []


@pytest.mark.parametrize("status", [401, 403, 451])
def test_refusals_are_not_retried(portal: Portal, status: int) -> None:
    portal.add("/closed.html", "no", status=status, validators=False)
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match=f"HTTP {status}") as info:
        client.get(portal.url("/closed.html"))
    assert not info.value.retryable
    assert len(portal.requests_to("/closed.html")) == 1


def test_compressed_bodies_are_decoded_and_capped_as_decoded(portal: Portal) -> None:
    text = "<p>年度报告</p>".encode() * 100
    portal.add("/z.html", gzip.compress(text), headers={"Content-Encoding": "gzip"})
    portal.add("/d.html", zlib.compress(text), headers={"Content-Encoding": "deflate"})
    portal.add("/bomb.html", gzip.compress(b"0" * 300_000), headers={"Content-Encoding": "gzip"})
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/z.html")).body == text
        assert client.get(portal.url("/d.html")).body == text
    capped = CrawlSettings(interval=0, max_bytes=100_000)
    with PoliteClient(capped) as client, pytest.raises(FetchError, match="exceeds the 100,000-byte cap") as info:
        client.get(portal.url("/bomb.html"))
    assert not info.value.retryable


def test_a_body_that_is_not_what_its_encoding_says_is_a_failure_not_a_crash(portal: Portal) -> None:
    portal.add("/lie.html", "plain text, not gzip", headers={"Content-Encoding": "gzip"})
    with PoliteClient(FAST) as client, pytest.raises(FetchError, match="Content-Encoding") as info:
        client.get(portal.url("/lie.html"))
    assert not info.value.retryable


def test_a_chunked_body_is_read_whole(portal: Portal) -> None:
    body = "<p>二〇二三年</p>".encode("gbk") * 500
    portal.add("/c.html", body, fault="chunked", content_type="text/html")
    with PoliteClient(FAST) as client:
        assert client.get(portal.url("/c.html")).body == body


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/report.pdf", "http:///x.pdf", "http://127.0.0.1:99999/x.pdf"])
def test_a_link_we_cannot_request_is_a_failure_not_a_crash(url: str) -> None:
    with PoliteClient(FAST) as client, pytest.raises(FetchError) as info:
        client.get(url)
    assert not info.value.retryable


def test_one_host_however_its_name_is_spelt(portal: Portal) -> None:
    """``LOCALHOST`` and ``localhost:port`` are one server: one request in flight, the interval between."""
    for i in range(4):
        portal.add(f"/s{i}.html", "x", delay=0.05)
    spellings = ["localhost", "LOCALHOST", "LocalHost", "localhost"]
    urls = [portal.url(f"/s{i}.html", host=name) for i, name in enumerate(spellings)]
    with PoliteClient(CrawlSettings(interval=0.15)) as client:
        threads = [threading.Thread(target=client.get, args=(url,)) for url in urls]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    hits = sorted((h for h in portal.hits if h.path.startswith("/s")), key=lambda h: h.start)
    assert len(hits) == 4
    assert all(later.start - earlier.end >= 0.14 for earlier, later in itertools.pairwise(hits))
    assert len(portal.requests_to("/robots.txt")) == 1
