"""Reading HTML report pages in worker processes, so that a crawl reads on every core.

What a worker does with a page is ``flows.page_reading.read_page``: the
report, and the page's links when the report may be elsewhere.

Reading is CPU-bound Python. In the fetch task's thread it held the GIL that
HTTP handling, archiving and the warehouse writer need too, and a host's
chunks run one after another, so a one-portal first run read on one core and
took 2.4x the time of reading alone. Pages go to worker processes as soon as
they are archived, and the fetch task takes the readings back in order.

Workers come from a forkserver with the extractor preloaded: the crawler
runs threads, and a plain fork could copy a lock some other thread holds;
spawn would import the extractor again in every worker. One pool per
process, created on first use (its size fixed by the first caller) and shut
down by the flow at its end, so no reader outlives the run. A worker that
dies (a crash inside a parser) fails only its chunk, which Prefect retries
on a fresh pool, where in-process it would have killed the crawl. As with
any process pool, workers import the main module: a script that runs the
flow keeps its top-level code under ``if __name__ == "__main__":``.

``workers=0`` reads in the caller's thread, when the reading is asked for.
That is what Dask workers do: a Dask worker is a daemonic process, which
may not start children, and its cluster already spreads the work.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from flows.page_reading import PageReading, read_page

Reading = Callable[[], PageReading]  # waits for the page's reading

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def submit(
    data: bytes, content_type: str | None, url: str, agency: str, workers: int, whole: bool = False, title: str = ""
) -> Reading:
    """Start reading ``data`` on the pool (or defer it to the caller when ``workers`` is 0); the other arguments
    are ``read_page``'s."""
    job = partial(read_page, data, content_type, url, agency, whole, title)
    if workers <= 0 or multiprocessing.current_process().daemon:
        return job
    pool = _shared(workers)
    try:
        return pool.submit(job).result
    except BrokenProcessPool:  # a worker died earlier: what it held has failed; this page gets a fresh pool
        _discard(pool)
        return _shared(workers).submit(job).result


def shutdown() -> None:
    """Stop the workers and wait for them (joined, so none is left a zombie); the next read starts a new pool."""
    with _lock:
        pool = _pool
    if pool is not None:
        _discard(pool)


def _shared(workers: int) -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["flows.page_reading"])
            _pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent)
        return _pool


def _exit_with_parent() -> None:
    """In a worker: exit when the crawler does. A killed crawler never shuts its pool down, and a worker
    waits on a queue whose writing end it holds itself, so it would otherwise wait forever."""

    def watch() -> None:
        parent = multiprocessing.parent_process()
        if parent is not None:
            parent.join()
            os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _discard(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down, and forget it unless another thread already replaced it."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=True, cancel_futures=True)
