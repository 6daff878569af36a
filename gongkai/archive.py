"""Content-addressed archive of every fetched document: ``raw_dir/<sha256>.<ext>`` plus a manifest.

Raw bytes are kept before anything parses them, so the warehouse can be
rebuilt from ``data/raw`` alone after an extractor fix. A file is written to
a temporary name and renamed, so a crash never leaves a truncated document
under its hash; ``manifest.jsonl`` records every fetch (URL, time, type),
including fetches of bytes already archived.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "manifest.jsonl"
_manifest_lock = threading.Lock()


def archive(
    data: bytes,
    raw_dir: Path,
    ext: str,
    *,
    url: str | None = None,
    fetched_at: datetime | None = None,
    content_type: str | None = None,
    durable: bool = True,
) -> tuple[str, Path]:
    """Store ``data`` under its sha256 (no-op when already there) and log the fetch; return (sha256, path).

    ``durable=False`` leaves the flush to disk to a later ``sync()``, one for
    many documents: a crawl's fsync per document cost the machine 2-4 ms of
    kernel time each (a journal commit apiece), more than reading the page.
    A copy that a crash left short is rewritten when its bytes come again.
    """
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    sha256 = hashlib.sha256(data).hexdigest()
    path = raw_dir / f"{sha256}.{ext.lstrip('.').lower() or 'bin'}"
    if not _holds(path, len(data)):
        fd, tmp = tempfile.mkstemp(dir=raw_dir, prefix=f".{sha256}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                if durable:
                    os.fsync(out.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; archived documents are meant to be read
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    entry = {
        "sha256": sha256,
        "url": url,
        "fetched_at": (fetched_at or datetime.now(UTC)).isoformat(),
        "content_type": content_type,
        "size": len(data),
        "path": path.name,
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _manifest_lock, open(raw_dir / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write(line)
    return sha256, path


def sync() -> None:
    """Make what ``archive(durable=False)`` wrote durable, before the warehouse or the crawl state refers to it.

    One ``sync`` flushes a whole batch of documents in a journal commit or two.
    Documents that workers on other machines archived to shared storage were
    flushed by that storage when the worker closed them.
    """
    os.sync()


def _holds(path: Path, size: int) -> bool:
    """The document is archived already: its file is there, whole (the name is the content's hash)."""
    try:
        return path.stat().st_size == size
    except FileNotFoundError:
        return False


def recorded_fetches(raw_dir: Path) -> dict[str, dict]:
    """The latest manifest entry per sha256, so a rebuild from ``raw_dir`` restores each document's URL and time."""
    path = Path(raw_dir) / MANIFEST
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as manifest:
        return {entry["sha256"]: entry for entry in map(json.loads, filter(str.strip, manifest))}
