"""The sources file: what it must hold, and a clear line about the first row that does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.sources import read_sources
from gongkai.errors import UserError


def _sources(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text(body, encoding="utf-8")
    return path


def test_sources_are_read_with_comments_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = _sources(tmp_path, "agency,url\n# a comment\n\n某县人民政府,http://www.x.gov.cn/col/ndbg/\n")
    [source] = read_sources(path)
    assert (source.agency, source.url) == ("某县人民政府", "http://www.x.gov.cn/col/ndbg/")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name,link\nx,http://a.gov.cn/\n", "expected a header row with columns agency,url"),
        ("agency,url\nx,ftp://a.gov.cn/ndbg/\n", ":2: not an http(s) URL"),
        ("agency,url\nx,http://[::1/ndbg/\n", ":2: not an http(s) URL"),  # urlsplit raises on it
        ("agency,url\nx,http:///ndbg/\n", ":2: not an http(s) URL"),  # no host
        ("agency,url\n", "no sources listed"),
    ],
)
def test_a_bad_sources_file_is_one_clear_error(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        read_sources(_sources(tmp_path, body))
