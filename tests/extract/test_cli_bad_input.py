"""Bad input: one line on stderr, a non-zero exit, no traceback, within seconds."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _gongkai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GONGKAI_DEBUG": ""},
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.html", b""),
        ("random.bin", bytes(range(256)) * 64),
        ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
        ("notes.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("nav.html", "<html><body><a href='/'>首页</a><p>欢迎访问</p></body></html>".encode()),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("truncated.doc", (FIXTURES / "renditions" / "002.doc").read_bytes()[:20000]),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes) -> None:
    result = _gongkai("extract", _write(tmp_path, name, data))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gongkai: ") and "Traceback" not in result.stderr


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.truncate(200 * 2**20)
    result = _gongkai("extract", str(path))
    assert result.returncode != 0 and "too large" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_file_and_unreachable_url(tmp_path: Path) -> None:
    for source in (str(tmp_path / "nope.html"), f"http://127.0.0.1:{_free_port()}/report.html"):
        result = _gongkai("extract", source)
        assert (
            result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        )


def test_seed_contract() -> None:
    result = _gongkai("extract", str(FIXTURES / "seeds" / "002.txt"))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= {"agency", "year", "format", "sections", "facts", "issues"}
    assert all(set(f) >= {"metric", "applicant", "value", "raw"} for f in out["facts"])
