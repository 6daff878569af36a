"""The run summary: counters in ``ingestion_runs`` and a Prefect markdown artifact a person reads.

The counters are ``transform.runs.RunCounts``, the same record the warehouse
stores, so the artifact and the table cannot disagree on what was counted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from flows.writer import Writer
from transform.runs import RunCounts

MAX_LISTED_FAILURES = 50
_FROM_WRITER = [f.name for f in dataclasses.fields(RunCounts) if f.name not in ("found", "findings")]


@dataclass(slots=True)
class RunSummary:
    run_id: str
    counts: RunCounts
    quality: str = "not run"
    failures: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_writer(cls, writer: Writer, found: int) -> RunSummary:
        counts = RunCounts(found=found, **{name: writer.counts[name] for name in _FROM_WRITER})
        return cls(writer.run_id, counts, failures=dict(writer.failed))

    def with_findings(self, findings: int, quality: str) -> None:
        self.counts = dataclasses.replace(self.counts, findings=findings)
        self.quality = quality

    def counters(self) -> dict[str, int]:
        return dataclasses.asdict(self.counts)

    def markdown(self) -> str:
        rows = "\n".join(f"| {name} | {value:,} |" for name, value in self.counters().items())
        lines = [f"# Ingest run {self.run_id}", "", "| | count |", "|---|---:|", rows, "", f"Quality: {self.quality}"]
        if self.failures:
            lines += ["", "## Failures (retried next run; history in crawl_outcomes)", "", "| URL | reason |"]
            lines.append("|---|---|")
            listed = sorted(self.failures.items())[:MAX_LISTED_FAILURES]
            lines += [f"| {url} | {reason.replace('|', '/')} |" for url, reason in listed]
            if len(self.failures) > MAX_LISTED_FAILURES:
                lines.append(f"| … | {len(self.failures) - MAX_LISTED_FAILURES} more |")
        return "\n".join(lines) + "\n"

    def line(self) -> str:
        return ", ".join(f"{name} {value}" for name, value in self.counters().items())
