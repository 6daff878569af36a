"""Where the checkout's sample reports live, for the shipped code built on them.

The demo portal and the benchmarks read the five seeds, their renditions
(made by ``tests/fixtures/generate.py``) and golden answers from
``tests/fixtures``; naming those folders once keeps every reader on the same
files if they move.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
RENDITIONS = FIXTURES / "renditions"
GOLDEN = FIXTURES / "golden"
