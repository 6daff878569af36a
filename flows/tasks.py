"""The ingest flow's Prefect tasks, and why each is the size it is.

Prefect costs 10-35 ms per task here, so tasks are sized to keep that under a
tenth of the work: one discovery task per host (it walks every listing page
of that host), fetch tasks of ``chunk_size`` report pages (HTML pages are
read inside them, being cheap), one extraction task per PDF or Word
attachment (each costs as much as a chunk of HTML pages). Network tasks
retry once as a whole (the client already retries each request); the
extraction task is pure, so its result is cached by content hash and
extractor version, and a resumed run reads no document twice.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.crawl_listing import Found, discover_host
from flows.crawl_reports import fetch_chunk
from flows.extraction import Read, extraction_cache_key, read_or_none
from quality.run import run_quality

discover = task(
    name="discover", task_run_name="discover {host}", retries=1, retry_delay_seconds=[10], cache_policy=NO_CACHE
)(discover_host)


def _chunk_name(parameters: dict[str, Any]) -> str:
    """Names a fetch task run after its first report link, so a stuck chunk can be found on its portal."""
    found: list[Found] = parameters["found"]
    return f"fetch {len(found)} from {found[0].link.url}"


fetch = task(name="fetch", task_run_name=_chunk_name, retries=1, retry_delay_seconds=[10], cache_policy=NO_CACHE)(
    fetch_chunk
)


@task(
    name="extract",
    task_run_name="extract {url}",
    retries=1,
    retry_delay_seconds=[5],
    cache_key_fn=extraction_cache_key,
    cache_expiration=timedelta(days=30),
    persist_result=True,
)
def extract(path: str, sha256: str, content_type: str | None, url: str, agency: str) -> Read | None:
    return read_or_none(Path(path).read_bytes(), content_type, url, agency)


check_quality = task(name="quality", cache_policy=NO_CACHE)(run_quality)
