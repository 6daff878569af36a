"""Reading ``sources.csv`` (columns ``agency,url``): one row per portal column page or report page.

A url may contain ``{demo}``, which ``gongkai ingest`` replaces with the
address of the bundled demo portal it starts on 127.0.0.1 (the port is only
known once the server is listening).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from flows.crawl_listing import Source
from flows.host_gate import host_of
from flows.http_client import check_requestable
from flows.responses import FetchError
from gongkai.errors import UserError

DEMO_PLACEHOLDER = "{demo}"


def read_sources(path: Path, demo_url: str | None = None) -> list[Source]:
    if not path.is_file():
        raise UserError(f"no sources file at {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(line for line in handle if line.strip() and not line.startswith("#"))
        if not reader.fieldnames or not {"agency", "url"} <= set(reader.fieldnames):
            raise UserError(f"{path}: expected a header row with columns agency,url")
        sources = []
        for number, row in enumerate(reader, start=2):
            url = (row["url"] or "").strip()
            if DEMO_PLACEHOLDER in url:
                if demo_url is None:
                    raise UserError(
                        f"{path}:{number}: {DEMO_PLACEHOLDER} needs the demo portal (run without --no-demo)"
                    )
                url = url.replace(DEMO_PLACEHOLDER, demo_url.rstrip("/"))
            try:
                check_requestable(url)  # the client's own test, so a source passes exactly when it can be fetched
            except FetchError:
                raise UserError(f"{path}:{number}: not an http(s) URL: {url!r}") from None
            sources.append(Source((row["agency"] or "").strip(), url))
    if not sources:
        raise UserError(f"{path}: no sources listed")
    return sources


def uses_demo(path: Path) -> bool:
    return path.is_file() and DEMO_PLACEHOLDER in path.read_text(encoding="utf-8-sig")


def by_host(sources: list[Source]) -> dict[str, list[Source]]:
    hosts: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        hosts[host_of(source.url)].append(source)
    return dict(hosts)
