"""The ingest flow end to end: a real portal, real Prefect runs, a real DuckDB file.

Flow runs are expensive here (about a second each plus the shared harness),
so one portal is crawled twice and every fault rides along in the same runs.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from crawl_portal import Portal

from gongkai.fixtures import RENDITIONS

FAST = {"backoff": 0.01, "attempts": 2, "read_timeout": 2.0, "chunk_size": 2}
TITLE = "某市公安局{}年政府信息公开工作年度报告"


def _article(title: str, body: str, charset: str = "utf-8") -> bytes:
    html = (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>'
    )
    return html.encode(charset)


def _listing(links: list[tuple[str, str]], extra: str = "") -> str:
    items = "".join(f'<li><a href="{href}">{title}</a><span>2025-01-20</span></li>' for href, title in links)
    return f"<html><head><meta charset='utf-8'><title>年报</title></head><body><ul>{items}</ul>{extra}</body></html>"


def build_portal(portal: Portal) -> None:
    """Two listing pages (the second only in a script), seven report links, two decoys, assorted faults."""
    portal.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    first = [
        ("a.html", TITLE.format(2020)),  # GBK article with inline tables
        ("b.html", TITLE.format(2021)),  # article linking a DOCX
        ("c.pdf", TITLE.format(2022)),  # listing links the PDF directly
        ("zn.html", "政府信息公开指南"),
        ("../private/d.html", TITLE.format(2023)),  # robots.txt says no
    ]
    second = [
        ("e.html", TITLE.format(2024)),  # 500 once, then fine
        ("gone.html", TITLE.format(2019)),  # 404
        ("fz.html", "2024年法治政府建设年度报告"),
        ("f.html", TITLE.format(2018)),  # article with inline tables and a PDF: the tables win
    ]
    portal.add("/col/index.html", _listing(first, '<script>createPageHTML(2, 0, "index", "html");</script>'))
    portal.add("/col/index_1.html", _listing(second))
    gbk = (RENDITIONS / "002.html").read_bytes()
    portal.add("/col/a.html", gbk, content_type="text/html")
    portal.add("/col/b.html", _article(TITLE.format(2021), '<a href="/files/b.docx">附件.docx</a>'))
    portal.add("/files/b.docx", (RENDITIONS / "001.docx").read_bytes(), content_type="application/octet-stream")
    portal.add("/col/c.pdf", (RENDITIONS / "003.pdf").read_bytes(), content_type="application/pdf")
    portal.add("/col/zn.html", _article("政府信息公开指南", "<p>指南</p>"))
    portal.add("/private/d.html", (RENDITIONS / "000.html").read_bytes())
    portal.add("/col/e.html", (RENDITIONS / "004.html").read_bytes(), fail_first=1, failure="500")
    portal.add("/col/fz.html", _article("法治", "<p>法治</p>"))
    with_pdf = (RENDITIONS / "001.html").read_bytes().replace(b"</body>", b'<a href="/files/f.pdf">f.pdf</a></body>')
    portal.add("/col/f.html", with_pdf)
    portal.add("/files/f.pdf", (RENDITIONS / "001.pdf").read_bytes(), content_type="application/pdf")


def _write_sources(tmp_path: Path, portal: Portal) -> Path:
    sources = tmp_path / "sources.csv"
    sources.write_text(f"agency,url\n某市公安局,{portal.url('/col/index.html')}\n", encoding="utf-8")
    return sources


def _run(tmp_path: Path, sources: Path, **options: object) -> dict:
    from flows.runners import with_options

    return with_options(options.pop("dask", None))(
        sources=str(sources),
        db=str(tmp_path / "w.duckdb"),
        raw_dir=str(tmp_path / "raw"),
        quality_dir=str(tmp_path / "quality"),
        interval=0.0,
        crawl=options.pop("crawl", FAST),
        **options,
    )


def test_crawl_then_recrawl(prefect_harness: None, portal: Portal, tmp_path: Path) -> None:
    build_portal(portal)
    sources = _write_sources(tmp_path, portal)
    first = _run(tmp_path, sources)
    assert first["found"] == 7  # decoys never counted
    assert (first["new"], first["failed"]) == (5, 2)  # robots.txt and 404
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        urls = sorted(url.rsplit("/", 1)[1] for (url,) in con.execute("select url from documents").fetchall())
        assert urls == ["a.html", "b.docx", "c.pdf", "e.html", "f.html"]
        runs = con.execute("select found, new, failed, status from ingestion_runs").fetchall()
        assert runs == [(7, 5, 2, "succeeded")]
        failed = dict(con.execute("select url, reason from crawl_outcomes where outcome = 'failed'").fetchall())
    assert "robots.txt" in failed[portal.url("/private/d.html")]
    assert "HTTP 404" in failed[portal.url("/col/gone.html")]
    assert portal.requests_to("/private/d.html") == [] and portal.requests_to("/files/f.pdf") == []
    assert not list((tmp_path / "raw").glob(".*.tmp"))
    with duckdb.connect(str(tmp_path / "published" / "w.duckdb"), read_only=True) as con:  # where load puts it too
        assert con.execute("select count(*) from documents").fetchone() == (5,)

    before = len(portal.hits)
    second = _run(tmp_path, sources, check=False)
    assert (second["new"], second["changed"], second["unchanged"], second["facts_loaded"]) == (0, 0, 5, 0)
    again = [h for h in portal.hits[before:] if h.path not in ("/col/gone.html", "/private/d.html")]
    assert again and all("If-None-Match" in h.headers for h in again)
    assert {h.status for h in again} == {304}
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone() == (5,)


def test_killed_run_resumes_with_nothing_lost(prefect_harness: None, portal: Portal, tmp_path: Path) -> None:
    """SIGKILL a run in another process after its first load; the next run finishes the job, loading each once."""
    from prefect.settings import PREFECT_API_URL

    html = (RENDITIONS / "003.html").read_bytes()
    links = [(f"r{i}.html", TITLE.format(2010 + i)) for i in range(6)]
    for name, _ in links:
        portal.add(f"/col/{name}", html + f"<!-- {name} -->".encode(), delay=0.3)  # six distinct documents
    portal.add("/col/index.html", _listing(links))
    sources = _write_sources(tmp_path, portal)
    code = (
        "from flows.runners import with_options\n"
        f"with_options(None)(sources={str(sources)!r}, db={str(tmp_path / 'w.duckdb')!r}, "
        f"raw_dir={str(tmp_path / 'raw')!r}, quality_dir={str(tmp_path / 'q')!r}, interval=0.0, crawl={FAST!r}, "
        "check=False)\n"
    )
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    child = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=Path(__file__).resolve().parents[2])
    state_file = tmp_path / "w.crawl.json"
    deadline = time.monotonic() + 90
    while not (state_file.exists() and json.loads(state_file.read_text())["documents"]):
        assert child.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    loaded_before = len(json.loads(state_file.read_text())["documents"])
    assert 0 < loaded_before < 6

    result = _run(tmp_path, sources, check=False)
    assert result["new"] + result["unchanged"] == 6 and result["failed"] == 0
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*), count(distinct url) from documents").fetchone() == (6, 6)


@pytest.mark.skipif(os.environ.get("GONGKAI_SKIP_DASK") == "1", reason="GONGKAI_SKIP_DASK=1")
def test_runs_on_a_local_dask_cluster(prefect_harness: None, portal: Portal, tmp_path: Path, monkeypatch) -> None:
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))  # the workers are other processes
    links = [("hub.html", TITLE.format(2023)), ("c.pdf", TITLE.format(2022)), ("a.html", TITLE.format(2020))]
    portal.add("/col/index.html", _listing(links))
    portal.add("/col/hub.html", _listing([("d.html", "某市公安局交警支队2023年政府信息公开工作年度报告")]))
    slow = {"delay": 0.5}  # long enough for a walk started beside the chunk to overlap it
    portal.add("/col/c.pdf", (RENDITIONS / "003.pdf").read_bytes(), content_type="application/pdf", **slow)
    portal.add("/col/a.html", (RENDITIONS / "002.html").read_bytes(), content_type="text/html", **slow)
    portal.add("/col/d.html", (RENDITIONS / "001.html").read_bytes(), content_type="text/html")
    sources = _write_sources(tmp_path, portal)
    result = _run(tmp_path, sources, dask="local", check=False, crawl={**FAST, "chunk_size": 1})
    assert (result["found"], result["new"], result["failed"]) == (3, 3, 0)  # the hub is walked, not counted
    assert result["facts_loaded"] > 0
    # Workers keep their own host gates: the hub's walk waited for the host's chunk, never ran beside it. (The
    # server notes a request's end after its last byte left, so the next may start a hair before: not an overlap.)
    ordered = sorted(portal.hits, key=lambda hit: hit.start)
    assert all(later.start > earlier.end - 0.1 for earlier, later in itertools.pairwise(ordered))
