"""Unseen reports written the ways real portals and editors write HTML (``html_styles.py``), read cell by cell.

Every style writes a mixed-perturbation report and the baseline one, in
alternating formats; each must give back every cell the generator printed,
invent none, and name its agency, year and format.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.html_tables import read_html
from extract.model import Paragraph
from tests.extract.unseen.html_styles import _DECOY, STYLES, render_styled
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import build


@pytest.mark.parametrize("report", ["mixed", "baseline"])
@pytest.mark.parametrize("style", list(STYLES))
def test_every_cell_of_a_report_written_in_style(style: str, report: str) -> None:
    fmt = "2021" if (len(style) + len(report)) % 2 else "2019"
    variant = build(report, 1, fmt)
    data, content_type = render_styled(variant, STYLES[style])
    result = score(variant, extract_report(data, content_type=content_type))
    assert not result.errors, result.errors[:8]


def test_the_styles_really_write_what_they_claim() -> None:
    """Guards the generator: each hazard is in the bytes, so a pass above means it was read through."""
    variant = build("baseline", 0, "2021")
    word, _ = render_styled(variant, STYLES["all at once"])
    for mark in (b"<![if !supportMisc]>", b"<o:p></o:p>", b"display:none", b'rowspan="', b'colspan="0"', b"&#12288;"):
        assert mark in word, mark
    assert b"\r\n" in word and b"gb2312" in word
    big5, header = render_styled(variant, STYLES["big5 header says gbk"])
    assert header == "text/html; charset=gbk" and b'charset="big5"' in big5
    thead, _ = render_styled(variant, STYLES["odd spans thead"])
    assert all(tag in thead for tag in (b"<thead>", b"<tfoot>", b"<th", b"<caption>", b"<colgroup>"))


def test_a_hidden_template_title_does_not_name_the_report() -> None:
    variant = build("baseline", 0, "2021")
    data, content_type = render_styled(variant, STYLES["nested layout"])
    assert _DECOY.encode() in data
    texts = [b.text for b in read_html(data, content_type).blocks if isinstance(b, Paragraph)]
    assert not any(_DECOY in t for t in texts)
    assert extract_report(data).agency == variant.agency
