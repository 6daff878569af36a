"""The nightly schedule, and the local Prefect server it needs.

Prefect's ephemeral mode cannot schedule ("Cannot schedule flows on an
ephemeral server"), so ``gongkai serve`` starts ``prefect server start`` as a
child process (unless PREFECT_API_URL already names a server), registers the
deployment with its cron schedule, and serves it: scheduled runs execute in
this process's runner until it is stopped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from prefect.schedules import Cron

from gongkai.errors import UserError

NIGHTLY = "30 2 * * *"
TIMEZONE = "Asia/Shanghai"
DEPLOYMENT = "nightly"


def nightly_deployment(parameters: dict[str, Any]):  # -> RunnerDeployment
    from flows.ingest import ingest_flow

    return ingest_flow.to_deployment(
        name=DEPLOYMENT,
        schedules=[Cron(NIGHTLY, timezone=TIMEZONE)],
        parameters=parameters,
        description="Nightly crawl of the portals in the sources file into the warehouse, with the quality report.",
    )


@contextmanager
def local_server(port: int, startup_timeout: float = 120.0) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1:``port`` until the block ends; yields its API URL."""
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + startup_timeout
        while not _healthy(api):
            if server.poll() is not None:
                detail = (server.stderr.read() if server.stderr else b"").decode(errors="replace").strip()
                raise UserError(f"prefect server exited: {detail.splitlines()[-1] if detail else server.returncode}")
            if time.monotonic() > deadline:
                raise UserError(f"prefect server did not answer on {api} within {startup_timeout:.0f} s")
            time.sleep(0.5)
        yield api
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
