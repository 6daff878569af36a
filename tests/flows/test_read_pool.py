"""Reading pages in worker processes: the same reports as in-thread reading, and no worker left behind."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from flows import read_pool
from flows.extraction import read_or_none
from gongkai.fixtures import RENDITIONS


def _alive(pid: int) -> bool:
    """Running or a zombie (a zombie is a worker nobody waited for)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "X"
    except FileNotFoundError:
        return False


def test_pool_readings_equal_in_thread_readings_and_come_back_in_order() -> None:
    pages = sorted(RENDITIONS.glob("*.html"))
    try:
        readings = [read_pool.submit(p.read_bytes(), "text/html", p.name, "", 2) for p in pages]
        for page, reading in zip(pages, readings, strict=True):
            read, here = reading().read, read_or_none(page.read_bytes(), "text/html", page.name)
            assert read is not None and here is not None and read.facts.height
            assert (read.header, read.fingerprint) == (here.header, here.fingerprint) and read.facts.equals(here.facts)
        assert read_pool.submit(b"\x00\x01 not a report", None, "junk", "", 2)().read is None
    finally:
        read_pool.shutdown()


def test_a_page_that_fails_fails_alone_and_a_short_batch_leaves_when_asked_for() -> None:
    """Pages travel in batches: one page's error is raised for that page only, and fewer pages than a batch
    are not held back waiting for more."""
    page = RENDITIONS / "002.html"
    try:
        readings = [
            read_pool.submit(page.read_bytes(), "text/html", page.name, "", 2),
            read_pool.submit("not bytes", "text/html", "bad.html", "", 2),  # type: ignore[arg-type]
            read_pool.submit(page.read_bytes(), "text/html", page.name, "", 2),
        ]
        assert len(readings) < read_pool.BATCH
        first, bad, last = readings
        assert first().read is not None
        with pytest.raises(TypeError):
            bad()
        assert last().read is not None
    finally:
        read_pool.shutdown()


def test_shutdown_leaves_no_worker_process() -> None:
    page = next(RENDITIONS.glob("*.html"))
    read_pool.submit(page.read_bytes(), "text/html", page.name, "", 2)()
    pids = list(read_pool._pool._processes)  # the workers, to look for after the shutdown
    assert pids and all(_alive(pid) for pid in pids)
    read_pool.shutdown()
    deadline = time.monotonic() + 5  # the forkserver reaps its children as their exit reaches it
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)
    assert read_pool._pool is None


def test_start_forks_a_reader_before_any_page_only_when_there_are_readers() -> None:
    read_pool.start(0)
    assert read_pool._pool is None
    try:
        read_pool.start(2)
        assert read_pool._starting is not None
        read_pool._starting.join()
        assert read_pool._pool is not None and len(read_pool._pool._processes) == 1
        page = next(RENDITIONS.glob("*.html"))
        assert read_pool.submit(page.read_bytes(), "text/html", page.name, "", 2)().read is not None
    finally:
        read_pool.shutdown()


def test_zero_workers_read_in_the_caller_without_a_pool() -> None:
    page = next(RENDITIONS.glob("*.html"))
    reading = read_pool.submit(page.read_bytes(), "text/html", page.name, "", 0)
    assert read_pool._pool is None
    read, here = reading().read, read_or_none(page.read_bytes(), "text/html", page.name)
    assert read is not None and here is not None and read.fingerprint == here.fingerprint


def test_a_page_whose_tables_are_not_the_report_comes_back_with_its_links() -> None:
    """Its attachments (or the reports it lists) are found where it was read, not on the crawler."""
    report = (RENDITIONS / "001.html").read_bytes()
    article = '<html><body><h1>某局2023年政府信息公开工作年度报告</h1><p>附件：<a href="nb.pdf">年报</a></p></body></html>'.encode()
    try:
        full, bare = (read_pool.submit(data, "text/html", "http://x/a/t.html", "", 2)() for data in (report, article))
    finally:
        read_pool.shutdown()
    assert full.read is not None and full.read.section3 and full.links is None
    assert bare.links is not None and [link.url for link in bare.links.attachments] == ["http://x/a/nb.pdf"]
