"""Which fetched document is loaded: real extracted reports, chosen by what they hold."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from extract import extract_report
from flows.extraction import reading
from flows.rendition import Rendition, choose
from tests.extract.unseen.variants import build, render

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROSE = "<html><body><h1>某市某局2023年政府信息公开工作年度报告解读</h1><p>一、总体情况</p><p>全年收到申请较多。</p></body></html>"


def _rendition(name: str) -> Rendition:
    return Rendition(
        f"http://portal/{name}", "0" * 64, name, None, datetime.now(UTC), None, None, name.rsplit(".", 1)[-1]
    )


def test_section_three_values_win_over_more_cells_elsewhere() -> None:
    seed_000 = extract_report((FIXTURES / "seeds" / "000.txt").read_bytes())  # section 二 only
    seed_002 = extract_report((FIXTURES / "renditions" / "002.pdf").read_bytes())
    chosen = choose([(_rendition("page.html"), reading(seed_000)), (_rendition("report.pdf"), reading(seed_002))])
    assert chosen is not None and chosen[0].url.endswith("report.pdf")


def test_prose_without_tables_is_not_loaded_but_a_pre2019_report_is() -> None:
    prose = extract_report(PROSE.encode())
    assert not prose.facts and choose([(_rendition("jiedu.html"), reading(prose))]) is None
    old = extract_report(render(build("pre2019", 0, "pre2019"), "html"))
    assert old.format == "pre2019" and not old.facts
    assert choose([(_rendition("2017.html"), reading(old))]) is not None
