"""What a fetched report link turns out to be: a report, a page listing reports, or a decoy behind a cut title."""

from __future__ import annotations

import hashlib
from pathlib import Path

from crawl_portal import Portal

from extract import extract_report
from flows.crawl_listing import Found
from flows.crawl_reports import fetch_chunk
from flows.discover import Link
from flows.settings import CrawlSettings
from gongkai.fixtures import RENDITIONS

HUB = """<html><head><meta charset="utf-8"><title>某县2023年政府信息公开工作年度报告</title></head><body>
<h1>某县2023年政府信息公开工作年度报告</h1><ul>
<li><a href="edu.html">某县教育局2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>
<li><a href="health.html">某县卫生健康局2023年政府信息公开工作年度报告</a><span>2024-01-21</span></li>
<li><a href="guide.html">某县政府信息公开指南</a></li></ul></body></html>"""


def test_a_report_link_that_lists_reports_comes_back_as_a_listing(portal: Portal, tmp_path: Path) -> None:
    portal.add("/col/hub.html", HUB)
    portal.add("/col/report.html", (RENDITIONS / "001.html").read_bytes())
    found = [
        Found(Link(portal.url("/col/hub.html"), "某县2023年政府信息公开工作年度报告"), "某县"),
        Found(Link(portal.url("/col/report.html"), "某局2023年政府信息公开工作年度报告"), "某局"),
    ]
    result = fetch_chunk(found, {}, {}, {}, CrawlSettings(interval=0, readers=0), str(tmp_path))
    hub, report = result.outcomes
    assert hub.status == "listing" and hub.read is None and not hub.attachments
    assert report.status == "fetched" and report.read is not None and report.read.section3


def _explained(title: str) -> str:
    """A page about a report, with the report's numbers in its text: nothing but its title says it is a decoy."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_某市人民政府</title></head><body><h1>{title}</h1>"
        + (RENDITIONS / "001.html").read_text(encoding="utf-8")
        + "</body></html>"
    )


def test_a_cut_title_is_settled_by_the_title_the_page_prints(portal: Portal, tmp_path: Path) -> None:
    cut = "某县2023年政府信息公开工作年度报..."
    portal.add("/col/jd.html", _explained("关于某县2023年政府信息公开工作年度报告的解读"))
    portal.add("/col/en.html", _explained("某县2023年政府信息公开工作年度报告（英文版）"))
    portal.add("/col/nb.html", _explained("某县2023年政府信息公开工作年度报告"))
    portal.add("/col/full.html", _explained("关于某县2023年政府信息公开工作年度报告的解读"))
    found = [
        Found(Link(portal.url("/col/jd.html"), cut), "某县"),
        Found(Link(portal.url("/col/en.html"), cut), "某县"),
        Found(Link(portal.url("/col/nb.html"), cut), "某县"),
        # A title shown whole is not second-guessed: discovery already judged it.
        Found(Link(portal.url("/col/full.html"), "某县2023年政府信息公开工作年度报告"), "某县"),
    ]
    result = fetch_chunk(found, {}, {}, {}, CrawlSettings(interval=0, readers=0), str(tmp_path))
    assert [outcome.status for outcome in result.outcomes] == ["not_a_report", "not_a_report", "fetched", "fetched"]
    assert result.outcomes[0].error == "the page is titled 某县2023年政府信息公开工作年度报告的解读"


def _split_article(stem: str) -> tuple[str, str]:
    """A seed report as its CMS pages a long article: sections 一 and 二, then 三 on; a pager between them."""
    raw = (RENDITIONS / "001.html").read_text(encoding="utf-8")
    cut = raw.find('<p style="text-indent:2em"><strong><span style="font-family:黑体">三、')
    pager = f'<div class="page">1 <a href="{stem}_1.html">2</a> <a href="{stem}_1.html">下一页</a></div>'
    return raw[:cut] + pager + "</body></html>", raw[: raw.find("<body")] + "<body>" + raw[cut:]


def test_a_report_split_over_pages_by_its_cms_is_read_whole(portal: Portal, tmp_path: Path) -> None:
    first, second = _split_article("t20240120_123")
    portal.add("/col/t20240120_123.html", first)
    portal.add("/col/t20240120_123_1.html", second.encode("gbk", errors="xmlcharrefreplace"), content_type="text/html")
    found = [Found(Link(portal.url("/col/t20240120_123.html"), "同心县公安局2023年政府信息公开工作年度报告"), "")]
    (outcome,) = fetch_chunk(found, {}, {}, {}, CrawlSettings(interval=0, readers=0), str(tmp_path)).outcomes
    whole = extract_report((RENDITIONS / "001.html").read_bytes())
    assert outcome.status == "fetched" and outcome.read is not None and outcome.page is not None
    read = sorted(outcome.read.facts.select("metric", "applicant", "value").rows(), key=repr)
    assert read == sorted(((f.metric, f.applicant, f.value) for f in whole.facts), key=repr)
    assert outcome.page.url == found[0].link.url and Path(outcome.page.path).is_file()  # the joined document
    archived = {path.name.split(".")[0] for path in tmp_path.iterdir()}
    served = portal.requests_to("/col/t20240120_123_1.html")
    assert len(served) == 1 and hashlib.sha256(second.encode("gbk", "xmlcharrefreplace")).hexdigest() in archived
