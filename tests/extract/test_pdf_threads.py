"""PDFs read on several threads at once, as the crawl's extraction tasks do (PDFium itself is not thread-safe)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from extract.pdf_text import scan_pdf
from gongkai.fixtures import RENDITIONS


def test_concurrent_scans_agree_with_one_at_a_time() -> None:
    pdfs = [path.read_bytes() for path in sorted(RENDITIONS.glob("*.pdf"))]
    alone = [scan_pdf(data) for data in pdfs]
    with ThreadPoolExecutor(4) as pool:  # before the lock, this crashed the process within a few rounds
        for _ in range(8):
            assert list(pool.map(scan_pdf, pdfs * 3)) == alone * 3
