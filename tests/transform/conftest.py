"""Fixtures shared by the warehouse tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest


@pytest.fixture
def at() -> Callable[[int], datetime]:
    """Fetch times: at(n) is n days after a fixed instant."""
    return lambda days: datetime(2025, 2, 1, 8, 0, tzinfo=UTC).replace(day=1 + days)
