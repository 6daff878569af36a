"""Crawl benchmark: a first run and an unchanged nightly re-run over a local portal of N report pages.

The portal is real HTTP (``http.server`` on 127.0.0.1, keep-alive) serving N
distinct HTML reports made from the seed renditions, 20 links per listing
page. It runs in a process of its own, as a real portal would: in ours its
request handling would hold the crawler's GIL. The politeness interval is 0,
so the figures measure our own costs. Printed:
first-run seconds per report against extraction alone of the same bytes
(target: within 1.2x), and the same beyond a run's fixed cost (a one-report
run's time: flow start, discovery, the last load, publishing), which is what
the ratio tends to as portals grow; the unchanged re-run's seconds (target:
< 60 s for 1,000 pages); and the orchestration overhead: the task runs the
first run made, priced at what an empty flow run and a no-op task cost
Prefect here, against the first run's time (target: < 10%). N defaults to 1,000
(GONGKAI_BENCH_PAGES overrides); GONGKAI_BENCH_READERS sets the crawl's
reader processes (0: read in the fetch task's thread, for comparison). The
machine's load average is printed too: reading in worker processes only pays
when cores are free, so a figure means little without it. And its speed
drifts (shared vCPUs: the same extraction took 8 s and 11 s minutes apart),
so extraction alone is timed just before the first run and just after it,
and the ratio is taken against their mean.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gongkai.fixtures import RENDITIONS, ROOT

PER_LISTING = 20


def build_portal(root: Path, pages: int) -> list[bytes]:
    """Write the portal; returns the report bodies (for timing extraction alone)."""
    column = root / "col"
    column.mkdir(parents=True)
    seeds = sorted(RENDITIONS.glob("*.html"))
    bodies, links = [], []
    for i in range(pages):
        body = seeds[i % len(seeds)].read_bytes() + f"<!-- copy {i} -->".encode()
        (column / f"t{i}.html").write_bytes(body)
        bodies.append(body)
        links.append(f'<li><a href="t{i}.html">第{i}号单位{2000 + i % 25}年政府信息公开工作年度报告</a></li>')
    listings = [links[i : i + PER_LISTING] for i in range(0, pages, PER_LISTING)]
    for n, chunk in enumerate(listings):
        name = "index.html" if n == 0 else f"index_{n}.html"
        script = f'<script>createPageHTML({len(listings)}, {n}, "index", "html");</script>'
        html = f"<html><head><meta charset='utf-8'><title>年报</title></head><body><ul>{''.join(chunk)}</ul>{script}"
        (column / name).write_text(html + "</body></html>", encoding="utf-8")
    return bodies


@contextmanager
def portal_process(root: Path) -> Iterator[str]:
    """Serve ``root`` from another process (``python -m flows.demo``); yields its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.demo", str(root), "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        url = server.stdout.readline().strip() if server.stdout else ""
        if not url.startswith("http://"):
            raise RuntimeError(f"the benchmark portal did not start (exit code {server.poll()})")
        yield url
    finally:
        server.terminate()
        server.wait()


def prefect_costs(tasks: int = 40) -> tuple[float, float]:
    """Seconds Prefect takes here for a flow run's own start and finish, and per no-op task submitted one
    after another (as a host's fetch chunks are)."""
    from prefect import flow, task
    from prefect.task_runners import ThreadPoolTaskRunner

    @task
    def noop(i: int) -> int:
        return i

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=8))
    def chain(n: int) -> float:
        started = time.perf_counter()
        for i in range(n):
            noop.submit(i).result()
        return time.perf_counter() - started

    started = time.perf_counter()
    inside = chain(tasks)
    return time.perf_counter() - started - inside, inside / tasks


def task_runs(flow_run_id: object) -> int:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return len(runs)


def bench_crawl() -> None:
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from extract import extract_report
    from flows.runners import serverless_defaults, with_options

    pages = int(os.environ.get("GONGKAI_BENCH_PAGES", "1000"))
    readers = os.environ.get("GONGKAI_BENCH_READERS")
    crawl = {"readers": int(readers)} if readers else None
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        work = Path(tmp)
        bodies = build_portal(work / "portal", pages)

        def extraction_alone() -> float:
            started = time.perf_counter()
            for body in bodies:
                extract_report(body, content_type="text/html")
            return time.perf_counter() - started

        flow = with_options(None)
        with serverless_defaults(), portal_process(work / "portal") as base:
            sources = work / "sources.csv"
            sources.write_text(f"agency,url\nbench,{base}/col/index.html\n", encoding="utf-8")

            warmup, single = work / "warmup.csv", work / "single.csv"
            warmup.write_text(f"agency,url\nbench,{base}/col/t0.html\n", encoding="utf-8")
            single.write_text(f"agency,url\nbench,{base}/col/t1.html\n", encoding="utf-8")

            def run(listing: Path, db: str) -> tuple[float, dict, int]:
                started = time.perf_counter()
                state = flow(
                    sources=str(listing),
                    db=str(work / db),
                    raw_dir=str(work / f"raw-{db}"),
                    quality_dir=str(work / "quality"),
                    interval=0.0,
                    crawl=crawl,
                    check=False,
                    return_state=True,
                )
                took = time.perf_counter() - started
                return took, state.result(), task_runs(state.state_details.flow_run_id)

            # One report; starts Prefect's temporary server (7-20 s here), which is not crawl work.
            run(warmup, "warmup.duckdb")
            fixed, _, _ = run(single, "single.duckdb")  # a run's own cost, whatever its size
            flow_cost, task_cost = prefect_costs()
            before = extraction_alone()
            first, counted, tasks = run(sources, "warehouse.duckdb")
            after = extraction_alone()
            second, recounted, _ = run(sources, "warehouse.duckdb")
    orchestration = flow_cost + tasks * task_cost
    alone = (before + after) / 2
    print(
        f"pages: {pages}; first run: new {counted['new']}, failed {counted['failed']}; "
        f"re-run: unchanged {recounted['unchanged']}, new {recounted['new']}"
    )
    load = ", ".join(f"{a:.2f}" for a in load_before + os.getloadavg())
    print(
        f"load average (1, 5, 15 min) before, after: {load} on {os.cpu_count()} cores; readers: {readers or 'default'}"
    )
    print(
        f"extraction alone: {alone:.1f} s ({1000 * alone / pages:.1f} ms/report; "
        f"{before:.1f} s before the first run, {after:.1f} s after)"
    )
    print(
        f"first run:        {first:.1f} s ({1000 * first / pages:.1f} ms/report), "
        f"ratio {first / alone:.2f}x (target <= 1.2x)"
    )
    marginal = (first - fixed) / max(pages - 1, 1)
    print(
        f"  of which fixed: {fixed:.1f} s (a one-report run); per report beyond it: {1000 * marginal:.1f} ms, "
        f"ratio {marginal * pages / alone:.2f}x (what the first-run ratio tends to on larger portals)"
    )
    print(f"unchanged re-run: {second:.1f} s (target < 60 s for 1,000 pages)")
    print(
        f"orchestration:    {orchestration:.1f} s = 1 flow run ({flow_cost:.2f} s) + {tasks} task runs "
        f"({1000 * task_cost:.1f} ms each), {100 * orchestration / first:.1f}% of the first run (target < 10%)"
    )
