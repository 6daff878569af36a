"""Choosing the task runner: threads on this machine, or a Dask cluster when one machine is not enough.

Process-based runners each start their own temporary Prefect server when no
server runs (12-30 s here), so threads are the local default; the warehouse
writer stays in the flow's own thread either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import prefect.settings
from prefect import Flow
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.settings.legacy import Setting

from flows.ingest import ingest_flow


def with_options(dask_address: str | None, max_workers: int = 8) -> Flow:
    """The flow on threads, or on the Dask cluster at ``dask_address``."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner() if dask_address == "local" else DaskTaskRunner(address=dask_address)
        return ingest_flow.with_options(task_runner=runner)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ingest_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=max_workers))


# What a long-lived Prefect server does for its deployments, workers, automations and event feed. A temporary
# server that lives for one run has none of them to serve; it still records the run's flow and task runs.
_SERVER_ONLY_SERVICES = (
    "SCHEDULER",
    "LATE_RUNS",
    "FOREMAN",
    "PAUSE_EXPIRATIONS",
    "CANCELLATION_CLEANUP",
    "REPOSSESSOR",
    "TRIGGERS",
    "EVENT_PERSISTER",
    "EVENT_LOGGER",
    "DB_VACUUM",
)


@contextmanager
def serverless_defaults() -> Iterator[None]:
    """When no Prefect server is configured (the temporary one dies with the run): flow heartbeats off, and
    the temporary server's long-lived services too.

    Heartbeats let a server mark a crashed run; without one nobody reads them,
    and every flow run's end waits up to a second for the heartbeat thread's
    next wake-up, a tenth of a thousand-page first run here. The services
    cost the temporary server 54 ms of CPU per task run here, 33 without
    them, on the two cores the crawl reads on.
    """
    if PREFECT_API_URL.value():
        yield
        return
    services = {_setting(f"PREFECT_SERVER_SERVICES_{name}_ENABLED"): False for name in _SERVER_ONLY_SERVICES}
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None, **services}):
        yield


def _setting(name: str) -> Setting:
    return getattr(prefect.settings, name)
