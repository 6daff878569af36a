"""Shared fixtures: a real local portal per test, and ONE Prefect test harness per session.

The harness starts a temporary Prefect API (7-20 s here), so flow tests share
it; tests that only exercise the HTTP client or discovery never touch it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from crawl_portal import Portal


@pytest.fixture
def portal() -> Iterator[Portal]:
    with Portal() as running:
        yield running


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
