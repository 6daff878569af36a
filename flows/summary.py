"""The run summary: counters in ``ingestion_runs`` and a Prefect markdown artifact a person reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.writer import Writer

MAX_LISTED_FAILURES = 50


@dataclass(slots=True)
class RunSummary:
    run_id: str
    found: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    facts_loaded: int = 0
    findings: int | None = None
    quality: str = "not run"
    failures: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_writer(cls, writer: Writer, run_id: str, found: int) -> RunSummary:
        c = writer.counts
        return cls(
            run_id,
            found,
            c["new"],
            c["changed"],
            c["unchanged"],
            c["failed"],
            c["facts_loaded"],
            failures=dict(writer.failed),
        )

    def counters(self) -> dict[str, int]:
        return {
            "found": self.found,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "facts_loaded": self.facts_loaded,
            "findings": self.findings or 0,
        }

    def markdown(self) -> str:
        rows = "\n".join(f"| {name} | {value:,} |" for name, value in self.counters().items())
        lines = [f"# Ingest run {self.run_id}", "", "| | count |", "|---|---:|", rows, "", f"Quality: {self.quality}"]
        if self.failures:
            lines += ["", "## Failures (retried next run)", "", "| URL | reason |", "|---|---|"]
            listed = sorted(self.failures.items())[:MAX_LISTED_FAILURES]
            lines += [f"| {url} | {reason.replace('|', '/')} |" for url, reason in listed]
            if len(self.failures) > MAX_LISTED_FAILURES:
                lines.append(f"| … | {len(self.failures) - MAX_LISTED_FAILURES} more |")
        return "\n".join(lines) + "\n"

    def line(self) -> str:
        return ", ".join(f"{name} {value}" for name, value in self.counters().items())
