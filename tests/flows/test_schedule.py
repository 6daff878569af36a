"""The nightly schedule really fires: a real Prefect server creates scheduled runs for the deployment."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.deploy import DEPLOYMENT, NIGHTLY, TIMEZONE, local_server, nightly_deployment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_deployment_gets_scheduled_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "1")
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with local_server(_free_port()) as api, temporary_settings({PREFECT_API_URL: api}):
        deployment_id = nightly_deployment({"sources": str(tmp_path / "sources.csv")}).apply()
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment(deployment_id)
            assert deployment.name == DEPLOYMENT
            assert [(s.schedule.cron, s.schedule.timezone) for s in deployment.schedules] == [(NIGHTLY, TIMEZONE)]
            deadline, runs = time.monotonic() + 60, []
            while not runs and time.monotonic() < deadline:
                time.sleep(1)
                runs = client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
                )
    assert runs and all(run.state.is_scheduled() for run in runs)
    first = min(run.expected_start_time for run in runs).astimezone(ZoneInfo(TIMEZONE))
    assert (first.hour, first.minute) == (2, 30)
