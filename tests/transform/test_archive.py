from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from gongkai.archive import MANIFEST, archive


def test_archive_stores_by_hash_once_and_logs_every_fetch(tmp_path):
    data = "政府信息公开工作年度报告".encode()
    when = datetime(2025, 1, 31, tzinfo=UTC)
    sha, path = archive(
        data, tmp_path, "html", url="https://a.example/1.html", fetched_at=when, content_type="text/html"
    )
    again, same = archive(data, tmp_path, ".HTML", url="https://a.example/copy.html")
    assert sha == again == hashlib.sha256(data).hexdigest()
    assert path == same == tmp_path / f"{sha}.html" and path.read_bytes() == data
    assert path.stat().st_mode & 0o777 == 0o644
    lines = [json.loads(line) for line in (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert [(e["sha256"], e["url"], e["size"]) for e in lines] == [
        (sha, "https://a.example/1.html", len(data)),
        (sha, "https://a.example/copy.html", len(data)),
    ]
    assert lines[0]["fetched_at"] == when.isoformat() and lines[0]["content_type"] == "text/html"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, MANIFEST])


def test_a_copy_left_short_by_a_crash_is_written_again_when_its_bytes_come_back(tmp_path):
    """Without an fsync per document (``durable=False``, synced later in batches), a crash can leave the
    hash-named file empty or short; the same bytes fetched again replace it rather than trust the name."""
    data = "某县2023年政府信息公开工作年度报告".encode()
    sha, path = archive(data, tmp_path, "html", durable=False)
    path.write_bytes(data[:5])
    assert archive(data, tmp_path, "html", durable=False) == (sha, path)
    assert path.read_bytes() == data
