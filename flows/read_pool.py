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
spawn would import the extractor again in every worker. The preload names
the modules an HTML page's reading imports on first use too (the extractor
imports its interpreter lazily): without them each new worker spent 60 ms
compiling them before its first page. One pool per process, created on
first use or by ``start`` (its size fixed by the first caller) and shut
down by the flow at its end, so no reader outlives the run. A worker that
dies (a crash inside a parser) fails only its chunk, which Prefect retries
on a fresh pool, where in-process it would have killed the crawl. As with
any process pool, workers import the main module: a script that runs the
flow keeps its top-level code under ``if __name__ == "__main__":``.

Pages travel to the workers in batches of up to ``BATCH``: each trip
through the pool costs the crawler's interpreter (the executor's manager
and feeder threads) about as much per batch as per page, 0.55 ms a page
sent alone against 0.3 in fives. A batch leaves once ``BATCH`` pages wait,
or as soon as a reading still waiting is asked for, so a polite crawl that
fetches a page a second never holds one back. Each page's failure stays
its own; a worker's death fails the batch it held.

``workers=0`` reads in the caller's thread, when the reading is asked for.
That is what Dask workers do: a Dask worker is a daemonic process, which
may not start children, and its cluster already spreads the work.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from flows.page_reading import PageReading, read_page

Reading = Callable[[], PageReading]  # a page's reading, or the job that makes it

BATCH = 5
_PRELOAD = ["flows.page_reading", "extract.interpret", "extract.sniff", "extract.html_tables"]

_lock = threading.RLock()  # held while sending, which may discard a broken pool (taking it again)
_pool: ProcessPoolExecutor | None = None
_waiting: list[_Slot] = []  # pages not sent yet, in the order they came
_starting: threading.Thread | None = None  # what ``start`` began


class _Slot:
    """One page's place in a batch: its job until the batch leaves, then the batch's future and its index."""

    def __init__(self, job: Reading, workers: int) -> None:
        self.job: Reading | None = job
        self.workers = workers
        self.future: Future[list[PageReading | Exception]] | None = None
        self.index = 0

    def __call__(self) -> PageReading:
        with _lock:
            if self.future is None:
                _send(self.workers)
        assert self.future is not None
        reading = self.future.result()[self.index]
        if isinstance(reading, Exception):
            raise reading
        return reading


def submit(
    data: bytes, content_type: str | None, url: str, agency: str, workers: int, whole: bool = False, title: str = ""
) -> Reading:
    """Queue ``data`` for reading on the pool (or defer it to the caller when ``workers`` is 0); the other
    arguments are ``read_page``'s."""
    job = partial(read_page, data, content_type, url, agency, whole, title)
    if not _pooled(workers):
        return job
    slot = _Slot(job, workers)
    with _lock:
        _waiting.append(slot)
        if len(_waiting) >= BATCH:
            _send(workers)
    return slot


def start(workers: int) -> None:
    """Start the pool's first worker now rather than at the first page: a flow calls this as it starts, so
    that forking hides behind its opening of the warehouse and its discovery (a tenth of a second or more).

    In a thread of its own: in a new process the forkserver first preloads the
    extractor (a second or more on a busy machine), which held up the flow's
    first requests when asked for on its thread. ``shutdown`` waits for it.
    """
    global _starting
    if _pooled(workers):
        _starting = threading.Thread(target=_first_worker, args=(workers,), name="reader-start", daemon=True)
        _starting.start()


def _first_worker(workers: int) -> None:
    with _lock:
        pool = _shared(workers)
    pool.submit(int)  # not holding ``_lock``: pages keep queueing while the worker forks


def _pooled(workers: int) -> bool:
    """Pages go to the pool: there are workers to have, and this process may have children (not a Dask worker)."""
    return workers > 0 and not multiprocessing.current_process().daemon


def _send(workers: int) -> None:
    """Send every waiting page as one batch (the caller holds ``_lock``)."""
    batch = _waiting[:]
    _waiting.clear()
    jobs = [slot.job for slot in batch]
    pool = _shared(workers)
    try:
        future = pool.submit(_read_all, jobs)
    except BrokenProcessPool:  # a worker died earlier: what it held has failed; these pages get a fresh pool
        _discard(pool)
        future = _shared(workers).submit(_read_all, jobs)
    for index, slot in enumerate(batch):
        slot.future, slot.index, slot.job = future, index, None


def _read_all(jobs: list[Reading]) -> list[PageReading | Exception]:
    """In a worker: each page's reading, or what it raised, so one page's failure is not its neighbours'."""
    readings: list[PageReading | Exception] = []
    for job in jobs:
        try:
            readings.append(job())
        except Exception as exc:
            readings.append(exc)
    return readings


def shutdown() -> None:
    """Stop the workers and wait for them (joined, so none is left a zombie); the next read starts a new pool."""
    if _starting is not None:
        _starting.join()
    with _lock:
        pool = _pool
    if pool is not None:
        _discard(pool)


def _shared(workers: int) -> ProcessPoolExecutor:
    """The pool (the caller holds ``_lock``)."""
    global _pool
    if _pool is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
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
