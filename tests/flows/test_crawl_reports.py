"""A page linked as a report that only lists reports is handed back as a listing, with its report links."""

from __future__ import annotations

from pathlib import Path

from crawl_portal import Portal

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
    assert [item.link.url for item in hub.listed] == [portal.url("/col/edu.html"), portal.url("/col/health.html")]
    assert {item.agency for item in hub.listed} == {"某县"}
    assert report.status == "fetched" and report.read is not None and report.read.section3 and not report.listed
