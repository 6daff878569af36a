"""Progress on the terminal for long runs: reports settled out of reports found, with running counts."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as _Bar

from flows.crawl_reports import Outcome


class Progress:
    def __init__(self) -> None:
        console = Console(stderr=True)
        self._bar = _Bar(
            TextColumn("[bold]reports"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        self._task = self._bar.add_task("", total=0)
        self._counts: Counter[str] = Counter()

    def __enter__(self) -> Progress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def found(self, n: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + n)

    def advance(self, outcome: Outcome) -> None:
        self._counts[outcome.status] += 1
        text = "  ".join(f"{status} {n}" for status, n in sorted(self._counts.items()))
        self._bar.update(self._task, advance=1, description=text)
