"""The adversarial farm (two hosts, real-world layouts, decoys, faults) crawled by discovery alone and by the flow.

The discovery test is cheap and says which links a portal yields; the flow
test (two real Prefect runs) checks everything the issue's judges check:
every report read exactly as extracting its bytes directly, no decoy
ingested, robots.txt honoured, one request in flight per host with the
interval kept, every fault survived and recorded in the warehouse, and a
second run that sends only conditional requests and loads nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
from crawl_portal import Hit, Portal
from farm import A, build_farm

from extract import extract_report
from flows.crawl_listing import Source, discover_host
from flows.settings import CrawlSettings
from flows.sources import by_host

INTERVAL = 0.05
CRAWL = {"backoff": 0.01, "attempts": 2, "read_timeout": 1.5, "chunk_size": 3}
OPEN_FAILURES = Path(__file__).resolve().parents[2] / "sql" / "crawl" / "open_failures.sql"


def _paths(urls: list[str]) -> set[str]:
    return {unquote(urlsplit(url).path) for url in urls}


def test_discovery_finds_every_report_link_and_no_decoy(portal: Portal) -> None:
    farm = build_farm(portal)
    settings = CrawlSettings(interval=0, **CRAWL)
    found = set()
    for host, sources in by_host([Source(agency, url) for agency, url in farm.sources]).items():
        discovery = discover_host(host, sources, {}, {}, settings)
        assert discovery.failures == {}
        found |= {unquote(item.link.url) for item in discovery.found}
    listed = {url for children in farm.hubs.values() for url in children}  # found on the hub page when it is read
    candidates = [*farm.reports, *farm.split, *farm.failures, *farm.unreadable, *farm.hubs, *farm.not_reports]
    expected = [url for url in candidates if url not in listed]
    assert found == {unquote(url) for url in expected}
    assert not _paths(farm.decoys) & {unquote(h.path) for h in portal.hits}


def test_listing_walk_is_capped_by_pages_fetched_not_pages_claimed(portal: Portal) -> None:
    """A template that claims 100,000 pages, and pages that link back to the first: the walk still pages on."""
    claim = '<script>createPageHTML(100000, 0, "index", "html");</script>'
    for n in range(5):
        item = f'<li><a href="t{n}.html">{2020 + n}年政府信息公开工作年度报告</a></li>'
        body = f'<html><body><ul>{item}</ul><a href="index.html">首页</a><a href="./">1</a>{claim}</body></html>'
        portal.add("/ndbg/index.html" if n == 0 else f"/ndbg/index_{n}.html", body)
    settings = CrawlSettings(interval=0, max_listing_pages=3, **CRAWL)
    discovery = discover_host(A, [Source("某局", portal.url("/ndbg/index.html"))], {}, {}, settings)
    assert [urlsplit(item.link.url).path for item in discovery.found] == [f"/ndbg/t{n}.html" for n in range(3)]
    assert len([h for h in portal.hits if h.path.startswith("/ndbg/")]) == 3


def test_farm_crawl_then_recrawl(prefect_harness: None, portal: Portal, tmp_path: Path) -> None:
    from flows.runners import with_options

    farm = build_farm(portal)
    sources = farm.sources_csv(tmp_path / "sources.csv")
    db = tmp_path / "w.duckdb"

    def run() -> dict:
        return with_options(None)(
            sources=str(sources),
            db=str(db),
            raw_dir=str(tmp_path / "raw"),
            quality_dir=str(tmp_path / "quality"),
            interval=INTERVAL,
            crawl=CRAWL,
            check=False,
        )

    first = run()
    failures = farm.failures | farm.unreadable
    reports = len(farm.reports) + len(farm.split)
    assert first["found"] == reports + len(failures)  # hubs and decoys behind cut titles are not reports
    assert (first["new"], first["failed"]) == (reports, len(failures))
    with duckdb.connect(str(db), read_only=True) as con:
        by_url = dict(con.execute("select url, document_id from documents").fetchall())
        # A split report is loaded as one document made of its parts: its facts are the whole report's.
        expected = {hashlib.sha256(body).hexdigest(): body for body in farm.reports.values()}
        expected |= {by_url[url]: whole for url, whole in farm.split.items()}
        assert set(by_url.values()) == set(expected) and len(by_url) == reports  # no decoy, no double
        for document_id, body in expected.items():
            loaded = con.execute(
                "select metric, applicant, value from fact_history where document_id = ?", [document_id]
            ).fetchall()
            direct = [(f.metric, f.applicant, f.value) for f in extract_report(body).facts]
            assert sorted(loaded, key=repr) == sorted(direct, key=repr)
        failed = dict(con.execute("select url, reason from crawl_outcomes where outcome = 'failed'").fetchall())
        open_failures = [row[0] for row in con.execute(OPEN_FAILURES.read_text(encoding="utf-8")).fetchall()]
        typed = dict(con.execute("select url, (content_type, kind) from documents").fetchall())
    assert sorted(open_failures) == sorted(failed)
    assert {unquote(url) for url in failed} == {unquote(url) for url in failures}
    for url, pattern in failures.items():
        assert re.search(pattern, failed[url]), (url, failed[url])
    assert {url: typed.get(url) for url in farm.mistyped} == {url: (t, "pdf") for url, t in farm.mistyped.items()}
    hits = portal.hits
    assert not {(h.host, h.path) for h in hits} & set(farm.disallowed)
    assert not _paths(farm.decoys) & {unquote(h.path) for h in hits}
    _assert_polite(hits)

    before = len(hits)
    second = run()
    assert (second["new"], second["changed"], second["facts_loaded"]) == (0, 0, 0)
    assert second["unchanged"] + second["failed"] == second["found"] == first["found"]
    retried = _paths(list(farm.failures)) | {"/loop2"}  # failures are fetched again, unconditionally
    again = [h for h in portal.hits[before:] if unquote(h.path) not in retried]
    assert again and all(h.conditional for h in again)
    assert {h.status for h in again if h.path not in _paths(farm.volatile)} <= {301, 302, 304}
    dated = [h for h in again if h.path in _paths(farm.last_modified_only)]
    assert dated and all("If-Modified-Since" in h.headers and "If-None-Match" not in h.headers for h in dated)
    assert {h.status for h in dated} == {304}
    assert {h.path for h in again if h.status == 200} == _paths(farm.volatile)  # they cannot say 304
    _assert_polite(portal.hits[before:])
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone() == (reports,)
        runs = con.execute("select count(*), count(distinct run_id) from crawl_outcomes").fetchone()
        assert runs == (2 * (first["found"] + len(farm.hubs) + len(farm.not_reports)), 2)
        latest = dict(con.execute("select url, outcome from crawl_outcomes order by recorded_at").fetchall())
        streaks = {row[0]: row[-1] for row in con.execute(OPEN_FAILURES.read_text(encoding="utf-8")).fetchall()}
    assert {url: latest[url] for url in farm.volatile} == dict.fromkeys(farm.volatile, "unchanged")
    # A hub is walked as a listing, pager and all, on both runs; on the second its 304s still yield its reports.
    assert {url: latest[url] for url in farm.hubs} == dict.fromkeys(farm.hubs, "listing")
    assert {url: latest[url] for url in farm.not_reports} == dict.fromkeys(farm.not_reports, "not_a_report")
    assert _paths([url for children in farm.hubs.values() for url in children]) <= {h.path for h in again}
    assert {url: streaks.get(url) for url in farm.failures} == dict.fromkeys(farm.failures, 2)
    # A soft 404 is not downloaded again while it is unchanged, and it is still a failure.
    assert {url: latest[url] for url in farm.unreadable} == dict.fromkeys(farm.unreadable, "failed")
    assert (second["unchanged"], second["failed"]) == (reports, len(failures))
    assert set(streaks) == set(failures) and set(streaks.values()) == {2}


def _assert_polite(hits: list[Hit]) -> None:
    """Per host: each request starts after the previous one ended plus the interval (so one at a time)."""
    for host in {h.host for h in hits}:
        ordered = sorted((h for h in hits if h.host == host), key=lambda h: h.start)
        gaps = [later.start - earlier.end for earlier, later in itertools.pairwise(ordered)]
        assert min(gaps) >= INTERVAL - 0.005, (host, min(gaps))
