"""Flow heartbeats are turned off only when there is no Prefect server to read them."""

from __future__ import annotations

from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

from flows.runners import serverless_defaults


def _heartbeat_inside() -> int | None:
    with serverless_defaults():
        return get_current_settings().flows.heartbeat_frequency


def test_heartbeats_off_without_a_server_and_kept_with_one() -> None:
    with temporary_settings(updates={PREFECT_API_URL: None}):
        assert _heartbeat_inside() is None
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert _heartbeat_inside() == get_current_settings().flows.heartbeat_frequency is not None
