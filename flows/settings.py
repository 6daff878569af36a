"""Crawl knobs in one place, so the CLI, the flow and the benchmark agree on defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from gongkai import __version__

CONTACT_URL = os.environ.get("GONGKAI_CONTACT", "https://github.com/gongkai/gongkai")
USER_AGENT = f"gongkai/{__version__} (+{CONTACT_URL})"
ROBOTS_TOKEN = "gongkai"  # the product token robots.txt rules are matched against


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """How politely and how patiently to fetch.

    ``interval`` is the pause between the end of one request and the start of
    the next to the same host; government portals are small servers and often
    ban bursts, so the default errs on the slow side. A robots.txt
    ``Crawl-delay`` larger than the interval wins.

    ``readers`` is how many worker processes read HTML report pages while
    fetching goes on (see ``flows.read_pool``); 0 reads them in the fetch
    task's own thread. Fetch tasks on Dask workers read with 0 (the ingest
    flow sets it on a Dask runner; pass it when calling ``fetch_chunk`` on a
    worker yourself): the cluster already spreads the work, and a daemonic
    worker cannot start a pool.

    ``chunks_per_host`` is how many fetch tasks of one host run at once. Two
    keep the readers busy across a chunk's end; more than one is only polite
    where the tasks share this process's host gates (the thread runner), so
    the flow sets 1 on Dask, whose worker processes each keep their own.
    """

    interval: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 300.0  # a whole response, however slowly its bytes trickle in
    max_retry_after: float = 60.0  # the longest Retry-After we wait for before the next try
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay beyond it keeps us off the host for the run
    attempts: int = 3
    backoff: float = 2.0  # seconds before the first retry, doubled for each further one
    max_bytes: int = 100 * 1024 * 1024
    max_redirects: int = 5
    max_listing_pages: int = 200
    chunk_size: int = 100  # report pages per fetch task: Prefect's cost per task (client and server) stays small
    user_agent: str = USER_AGENT
    readers: int = field(default_factory=lambda: os.cpu_count() or 1)
    chunks_per_host: int = 2
