"""Flow heartbeats and a server's long-lived services are turned off only when no Prefect server is configured."""

from __future__ import annotations

from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

from flows.runners import serverless_defaults


def _heartbeat_inside() -> int | None:
    with serverless_defaults():
        return get_current_settings().flows.heartbeat_frequency


def _server_env_inside() -> dict[str, str]:
    """What a temporary server started inside would be given (Prefect passes the settings set, as variables)."""
    with serverless_defaults():
        return get_current_settings().to_environment_variables(exclude_unset=True)


def test_heartbeats_off_without_a_server_and_kept_with_one() -> None:
    with temporary_settings(updates={PREFECT_API_URL: None}):
        assert _heartbeat_inside() is None
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert _heartbeat_inside() == get_current_settings().flows.heartbeat_frequency is not None


def test_a_temporary_server_runs_without_long_lived_services_and_a_real_server_is_left_alone() -> None:
    with temporary_settings(updates={PREFECT_API_URL: None}):
        env = _server_env_inside()
    assert (
        env["PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED"] == env["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "False"
    )
    assert "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED" not in env  # the run's task runs are still recorded
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED" not in _server_env_inside()
