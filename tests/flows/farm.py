"""An adversarial portal farm: two hosts laid out like real Chinese government portals, with decoys and faults.

Host A (127.0.0.1) has a ``<ul><li>`` column whose link texts are truncated
(the ``title`` attribute is full), a second page in a table of links, a
third page paged by a script that defines ``createPageHTML`` before calling
it, and every kind of href (``./``, ``../``, absolute, protocol-relative to
host B, ``javascript:``, ``#``). Host B (localhost) has a column paged only
by ``var countPage`` and a second column paged by a newer
``createPageHTML('page_div', ...)`` call, robots rules for our own token,
and reports reached through no-extension download links. Host B also has
a Hanweb (大汉) column whose records exist only as markup inside a
``<script type="text/xml">`` datastore, a report shown through a pdf.js
viewer, and a source that is a single report page between its 上一篇 and
下一篇 neighbours. A third column on host B holds what only a second run
tells apart: a "soft 404" (status 200, an error page), a page whose
validators change on every request and one whose view counter ticks (their
reports never change), a page validated by Last-Modified alone, and a PDF
attachment served as text/html. A county column on host A links a hub
(a page listing its departments' reports over two pages), titles cut short
with no ``title`` attribute (a report and its 解读), and a report page its
CMS split in two by a script pager, the second part in GBK.

``Farm.reports`` maps every report link to the bytes that should be loaded
for it; ``Farm.decoys`` and ``Farm.failures`` list what must never be loaded
and what must be recorded as failed. Nothing here knows how the crawler
works: the expectations are what a person reading the portal would say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from crawl_portal import Portal, with_counter

from gongkai.fixtures import RENDITIONS

A, B = "127.0.0.1", "localhost"
DECOY_TITLES = [
    "政府信息公开指南",
    "政府信息公开制度",
    "2023年法治政府建设年度报告",
    "2023年部门决算",
    "2024年政务公开工作要点",
    "2023年国民经济和社会发展统计年报",
    "《2023年政府信息公开工作年度报告》解读",
]


@dataclass
class Farm:
    portal: Portal
    reports: dict[str, bytes] = field(default_factory=dict)  # report link -> the bytes that hold its report
    decoys: list[str] = field(default_factory=list)  # URLs of pages that are not reports
    failures: dict[str, str] = field(default_factory=dict)  # report link -> what the failure says
    unreadable: dict[str, str] = field(default_factory=dict)  # link whose page holds no report -> the failure
    volatile: list[str] = field(default_factory=list)  # report links whose server never answers 304
    last_modified_only: list[str] = field(default_factory=list)  # report links validated by Last-Modified alone
    mistyped: dict[str, str] = field(default_factory=dict)  # attachment url -> the wrong Content-Type it is served
    hubs: dict[str, list[str]] = field(default_factory=dict)  # link titled as a report -> the reports its page lists
    not_reports: dict[str, bytes] = field(default_factory=dict)  # fetched as a report (its title cut short), a decoy
    split: dict[str, bytes] = field(default_factory=dict)  # report page its CMS split -> the report as one page
    disallowed: list[tuple[str, str]] = field(default_factory=list)  # (host, path) robots.txt forbids
    sources: list[tuple[str, str]] = field(default_factory=list)  # (agency, column url)

    def url(self, path: str, host: str = A) -> str:
        return self.portal.url(path, host)

    def sources_csv(self, path: Path) -> Path:
        path.write_text("agency,url\n" + "".join(f"{a},{u}\n" for a, u in self.sources), encoding="utf-8")
        return path


def rendition(name: str) -> bytes:
    return (RENDITIONS / name).read_bytes()


def as_gbk(name: str, meta: bool) -> bytes:
    """An HTML rendition re-encoded in GBK, its charset declared in a meta tag or nowhere in the page."""
    text = rendition(name).decode("utf-8" if b'charset="utf-8"' in rendition(name)[:400] else "gb18030")
    text = re.sub(r'<meta charset="[^"]+" />', '<meta charset="gbk" />' if meta else "", text, count=1)
    return text.encode("gbk")


def article(title: str, body: str) -> bytes:
    """A report page whose report is elsewhere (an attachment); XHTML with an XML declaration, as many portals."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><head><meta charset="utf-8" />'
        f"<title>{title}_某市人民政府</title></head><body>"
        '<div class="crumb"><a href="/">首页</a> &gt; <a href="./">政府信息公开年报</a></div>'
        f"<h1>{title}</h1><p>发布日期：2024-01-20</p>{body}"
        '<p>上一篇：<a href="./prev.html">2022年政府信息公开工作年度报告</a></p></body></html>'
    ).encode()


def _li(href: str, title: str, date: str = "2024-01-20") -> str:
    short = title[:12] + "…" if len(title) > 12 else title
    return f'<li><a href="{href}" title="{title}" target="_blank">{short}</a><span>{date}</span></li>'


def _tr(href: str, title: str, date: str = "2021-01-10") -> str:
    return f'<tr><td class="t"><a href="{href}" title="{title}">{title}</a></td><td class="d">{date}</td></tr>'


def _script(current: int) -> str:
    """TRS-style pagination: the function defined inline, then called; no pager links at all."""
    return (
        "<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){"
        'for (var i = 0; i < _nPageCount; i++) { document.write(_sPageName + "_" + i + "." + _sPageExt); }}'
        f'createPageHTML(3, {current}, "index", "html");</script>'
    )


def _page(title: str, items: str, extra: str = "") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        '<div class="nav"><a href="/">首页</a> &gt; <a href="./">政府信息公开工作年度报告</a>'
        '<a href="javascript:void(0)">政府信息公开年报</a>'
        f'<a href="#top">2023年政府信息公开工作年度报告</a></div>{items}{extra}</body></html>'
    ).encode()


def build_farm(portal: Portal) -> Farm:
    farm = Farm(portal)
    _host_a(farm)
    _host_b(farm)
    _hanweb(farm)
    _second_visit(farm)
    _county_hub(farm)
    return farm


def _report(farm: Farm, path: str, body: bytes, host: str = A, **route: object) -> None:
    """A report link whose own bytes hold the report."""
    farm.portal.add(path, body, host=host, **route)
    farm.reports[farm.url(path, host)] = body


def _listing(farm: Farm, path: str, href: str, title: str, extra: str = "") -> None:
    """A column page on host B holding one report link."""
    farm.portal.add(path, _page("年度报告", "<ul>" + _li(href, title) + "</ul>", extra), host=B)


def _host_a(farm: Farm) -> None:
    p, title = farm.portal, "某市公安局{}年政府信息公开工作年度报告"
    p.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", host=A, content_type="text/plain")
    farm.sources.append(("某市公安局", farm.url("/xxgk/ndbg/index.html")))
    farm.disallowed.append((A, "/private/2021.html"))
    b_report = farm.url("/gkml/2022/t1.html", B)
    decoys = "".join(_li(f"./d{i}.html", t) for i, t in enumerate(DECOY_TITLES))
    first = (
        _li("./202401/t20240120_1.html", "平罗县公安局2024年政府信息公开工作年度报告")
        + _li("../ndbg/202301/t20230118_2.html", "同心县公安局2023年政府信息公开工作年度报告")
        + _li(b_report.removeprefix("http:"), "平顶山市公安局2024年政府信息公开工作年度报告")
        + _li("/private/2021.html", title.format(2021))
        + decoys
    )
    p.add("/xxgk/ndbg/index.html", _page("政府信息公开年报", f"<ul class='list'>{first}</ul>", _script(0)), host=A)
    for i, t in enumerate(DECOY_TITLES):
        rows = "".join(f"<tr><td>项目{k}</td><td>{k * 7}</td><td>{k}</td></tr>" for k in range(8))
        p.add(f"/xxgk/ndbg/d{i}.html", _page(t, f"<h1>{t}</h1><table>{rows}</table>"), host=A)
        farm.decoys.append(farm.url(f"/xxgk/ndbg/d{i}.html"))
    p.add("/private/2021.html", rendition("000.doc"), host=A)
    farm.failures[farm.url("/private/2021.html")] = "robots.txt"

    _report(
        farm,
        "/xxgk/ndbg/202401/t20240120_1.html",
        rendition("000.html"),
    )
    pdf = rendition("001.pdf")
    p.add(
        "/xxgk/ndbg/202301/t20230118_2.html",
        article(
            title.format(2023),
            '<p>附件：<a href="./P020230118.pdf">同心县公安局2023年政府信息公开工作年度报告.pdf</a></p>',
        ),
        host=A,
    )
    p.add("/xxgk/ndbg/202301/P020230118.pdf", pdf, host=A, content_type="application/octet-stream")
    farm.mistyped[farm.url("/xxgk/ndbg/202301/P020230118.pdf")] = "application/octet-stream"
    farm.reports[farm.url("/xxgk/ndbg/202301/t20230118_2.html")] = pdf

    second = (
        _tr(farm.url("/xxgk/ndbg/202101/t2021.html"), title.format(2020))
        + _tr("./202001/t2020.html", title.format(2019))
        + _tr("./202402/old.html", title.format(2018))
        + "".join(_tr(f"./{name}.html", title.format(2010 + i)) for i, name in enumerate(_FAULTS))
    )
    pager = '<p><a href="index.html">上一页</a> <a href="index_2.html">下一页</a></p>'
    p.add("/xxgk/ndbg/index_1.html", _page("政府信息公开年报", f"<table>{second}</table>", pager), host=A)
    docx = rendition("002.docx")
    name = quote("平顶山市公安局2024年年报.docx")
    p.add(
        "/xxgk/ndbg/202101/t2021.html",
        article(title.format(2020), f'<p>附件：<a href="/files/{name}">平顶山市公安局2024年年报.docx</a></p>'),
        host=A,
    )
    p.add(f"/files/{name}", docx, host=A, content_type="application/octet-stream")
    farm.reports[farm.url("/xxgk/ndbg/202101/t2021.html")] = docx
    _report(
        farm,
        "/xxgk/ndbg/202001/t2020.html",
        as_gbk("003.html", meta=True),
        content_type="text/html",
        fail_first=1,
        failure="500",
    )
    moved = rendition("003.pdf")
    p.add("/xxgk/ndbg/202402/old.html", status=301, headers={"Location": "/r/1"}, host=A, validators=False)
    p.add(
        "/r/1", status=302, headers={"Location": f"{farm.url('/xxgk/ndbg/202402/new.pdf')}"}, host=A, validators=False
    )
    p.add("/xxgk/ndbg/202402/new.pdf", moved, host=A, content_type="text/html")
    farm.mistyped[farm.url("/xxgk/ndbg/202402/new.pdf")] = "text/html"
    farm.reports[farm.url("/xxgk/ndbg/202402/old.html")] = moved
    for fault, reason in _FAULTS.items():
        if fault == "loop":
            p.add("/xxgk/ndbg/loop.html", status=302, headers={"Location": "/loop2"}, host=A, validators=False)
            p.add("/loop2", status=302, headers={"Location": "/xxgk/ndbg/loop.html"}, host=A, validators=False)
        elif fault != "gone":
            p.add(
                f"/xxgk/ndbg/{fault}.html",
                rendition("004.html"),
                host=A,
                fault=_ROUTE_FAULT[fault],
                delay=2.0 if fault == "slow" else 0.0,
            )
        farm.failures[farm.url(f"/xxgk/ndbg/{fault}.html")] = reason

    pdf_name = "/u/cms/www/202305/石嘴山2020年报.pdf"
    third = f'<div class="item"><a href="{pdf_name}">石嘴山市公安局2020年政府信息公开工作年度报告</a><em>2021-01-28</em></div>'
    p.add("/xxgk/ndbg/index_2.html", _page("政府信息公开年报", third, _script(2)), host=A)
    _report(farm, quote(pdf_name), rendition("004.pdf"), content_type="application/pdf")


_FAULTS = {
    "gone": "HTTP 404",
    "slow": "timed out",
    "reset": "network error|connection closed",
    "cut": "truncated body",
    "loop": "too many redirects",
}
_ROUTE_FAULT = {"slow": "slow", "reset": "reset", "cut": "truncate"}


def _host_b(farm: Farm) -> None:
    p = farm.portal
    robots = "User-agent: gongkai\nDisallow: /gkml/internal/\n\nUser-agent: *\nDisallow:\n"
    p.add("/robots.txt", robots, host=B, content_type="text/plain")
    farm.sources.append(("平顶山市公安局", farm.url("/gkml/ndbg/index.shtml", B)))
    farm.sources.append(("同心县公安局", farm.url("/zwgk/nb/list.shtml", B)))
    farm.disallowed.append((B, "/gkml/internal/x.html"))

    counted = "<script>var countPage = 3//共多少页\nvar currentPage = 0;//当前页\n</script>"
    decoy = "平顶山市公安局2023年政府信息公开工作年度报告解读"
    first = (
        _li("/gkml/2022/t1.html", "平顶山市公安局2024年政府信息公开工作年度报告")
        + _li("./jd.html", decoy)
        + _li("/gkml/internal/x.html", "平顶山市公安局2021年政府信息公开工作年度报告")
    )
    p.add("/gkml/ndbg/index.shtml", _page("年报", f"<ul>{first}</ul>", counted), host=B)
    p.add("/gkml/ndbg/jd.html", rendition("002.html"), host=B)
    farm.decoys.append(farm.url("/gkml/ndbg/jd.html", B))
    p.add("/gkml/internal/x.html", rendition("002.html"), host=B)
    farm.failures[farm.url("/gkml/internal/x.html", B)] = "robots.txt"
    _report(
        farm,
        "/gkml/2022/t1.html",
        as_gbk("002.html", meta=False),
        host=B,
        content_type="text/html; charset=GBK",
    )

    docx = rendition("000.docx")
    _listing(farm, "/gkml/ndbg/index_1.shtml", "./t2024.html", "平罗县公安局2024年政府信息公开工作年度报告")
    p.add(
        "/gkml/ndbg/t2024.html",
        article(
            "平罗县公安局2024年政府信息公开工作年度报告",
            '<p>附件：<a href="/gkml/download?id=77">平罗县公安局2024年政府信息公开工作年度报告</a></p>',
        ),
        host=B,
    )
    p.add(
        "/gkml/download?id=77",
        docx,
        host=B,
        content_type="application/octet-stream",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''" + quote("年报.docx")},
    )
    farm.reports[farm.url("/gkml/ndbg/t2024.html", B)] = docx
    _listing(farm, "/gkml/ndbg/index_2.shtml", "./t2023.html", "同心县公安局2023年政府信息公开工作年度报告")
    _report(
        farm,
        "/gkml/ndbg/t2023.html",
        as_gbk("001.html", meta=False),
        host=B,
        content_type="text/html",
    )

    newer = "<script>createPageHTML('page_div', 2, 0, 'list', 'shtml', 12);</script>"
    raw_name = "/zwgk/nb/附件/同心县2023年报.docx"
    _listing(farm, "/zwgk/nb/list.shtml", raw_name, "同心县公安局2023年度政府信息公开年报", newer)
    _report(
        farm,
        quote(raw_name),
        rendition("001.docx"),
        host=B,
        content_type="application/msword",
    )
    _listing(farm, "/zwgk/nb/list_1.shtml", "P020210110.docx", "石嘴山市公安局2020年政府信息公开工作年度报告")
    _report(
        farm,
        "/zwgk/nb/P020210110.docx",
        rendition("004.docx"),
        host=B,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _hanweb(farm: Farm) -> None:
    """A Hanweb column: records in a script datastore, a pdf.js viewer, a 通报 about the reports as a decoy."""
    p, agency = farm.portal, "某县财政局"
    record = (
        '<record><![CDATA[<li><a href="{}" title="{}" target="_blank">{}</a><span>2024-01-20</span></li>]]></record>'
    )
    report, decoy = "/art/2024/1/20/art_4567_1.html", "/art/2024/3/1/art_4567_9.html"
    title, decoy_title = (
        f"{agency}2023年政府信息公开工作年度报告",
        f"关于{agency}2022年政府信息公开工作年度报告检查情况的通报",
    )
    datastore = (
        '<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1'
        '&columnid=4567"></a>]]></nextgroup><recordset>'
        + record.format(report, title, title[:12] + "...")
        + record.format(decoy, decoy_title, decoy_title[:12] + "...")
        + "</recordset></datastore></script>"
    )
    # a sidebar repeats a report another column lists: found once
    hot = '<div class="hot"><h3>热点</h3><a href="/gkml/2022/t1.html">平顶山市公安局2024年政府信息公开工作年度报告</a></div>'
    farm.sources.append((agency, farm.url("/col/col4567/index.html", B)))
    p.add("/col/col4567/index.html", _page("年度报告", f'<div id="4567">{datastore}</div>', hot), host=B)
    viewer = "/pdfjs/web/viewer.html"
    neighbours = '<p>下一篇：<a href="./art_4567_2.html">某县财政局2024年政府信息公开工作年度报告</a></p>'
    page = article(title, f'<iframe src="{viewer}?file=/picture/0/2401201.pdf"></iframe>{neighbours}')
    p.add(report, page, host=B)
    p.add(viewer, "<html><body>pdf.js</body></html>", host=B)
    p.add("/picture/0/2401201.pdf", rendition("002.pdf"), host=B, content_type="application/pdf")
    farm.reports[farm.url(report, B)] = rendition("002.pdf")
    rows = "".join(f"<tr><td>项目{k}</td><td>{k * 3}</td><td>{k}</td></tr>" for k in range(8))
    p.add(decoy, _page(decoy_title, f"<h1>{decoy_title}</h1><table>{rows}</table>"), host=B)
    farm.decoys += [farm.url(decoy, B), farm.url(viewer, B)]

    single = "/art/2023/1/18/art_4567_0.html"
    farm.sources.append((agency, farm.url(single, B)))
    attachment = f'<p>附件：<a href="/picture/0/2301.docx">{agency}2022年政府信息公开工作年度报告.docx</a></p>'
    p.add(single, article(f"{agency}2022年政府信息公开工作年度报告", attachment + neighbours), host=B)
    p.add("/picture/0/2301.docx", rendition("003.docx"), host=B, content_type="application/octet-stream")
    farm.reports[farm.url(single, B)] = rendition("003.docx")


SOFT_404 = (
    "<html><head><meta charset='utf-8'><title>404 页面不存在</title></head><body><div class='err'>"
    "<img src='/images/404.png' alt='404' /><h2>抱歉，您访问的页面不存在或已被删除！</h2>"
    "<p><span id='time'>5</span>秒后自动返回<a href='/'>网站首页</a></p></div></body></html>"
)


def _second_visit(farm: Farm) -> None:
    """A column whose pages look the same on every visit to a reader, though not always to a cache."""
    p, agency, base = farm.portal, "某县审计局", "/zfxxgk/ndbg"
    title = agency + "{}年政府信息公开工作年度报告"
    farm.sources.append((agency, farm.url(f"{base}/index.html", B)))
    links = {year: f"{base}/{year + 1}01/t{year + 1}0115_{year}.html" for year in range(2019, 2024)}
    rows = "".join(_tr(path, title.format(year)) for year, path in links.items())
    p.add(f"{base}/index.html", _page("年度报告", f"<table>{rows}</table>"), host=B)

    p.add(links[2019], SOFT_404, host=B)  # a CMS that answers 200 for a deleted article
    farm.unreadable[farm.url(links[2019], B)] = "no annual report"
    _report(farm, links[2020], rendition("001.html"), host=B, volatile=True)
    counted = rendition("003.html")
    p.add(links[2021], counted, host=B, counter=True)
    farm.reports[farm.url(links[2021], B)] = with_counter(counted, 1)  # as the first run sees it
    farm.volatile += [farm.url(links[2020], B), farm.url(links[2021], B)]
    _report(farm, links[2022], rendition("004.html"), host=B, content_type="text/html", etag=False)
    farm.last_modified_only.append(farm.url(links[2022], B))

    attachment = f"{base}/202401/P020240115.pdf"
    p.add(links[2023], article(title.format(2023), f'<p>附件：<a href="{attachment}">年报.pdf</a></p>'), host=B)
    p.add(attachment, rendition("000.pdf"), host=B, content_type="text/html; charset=utf-8")
    farm.reports[farm.url(links[2023], B)] = rendition("000.pdf")
    farm.mistyped[farm.url(attachment, B)] = "text/html; charset=utf-8"


def _county_hub(farm: Farm) -> None:
    """A county column whose one "report" is a page listing its departments' reports over two pages, and
    links whose titles the list template cut short with no ``title`` attribute: a report, and its 解读."""
    p, base = farm.portal, "/xxgk/xnb"
    farm.sources.append(("某县人民政府", farm.url(f"{base}/index.html")))
    hub, hub_2 = f"{base}/202402/t20240201_9.html", f"{base}/202402/t20240201_9_1.html"
    cut_report, cut_decoy = f"{base}/202402/t20240205_3.html", f"{base}/202402/t20240206_4.html"
    cut = "".join(
        f'<li><a href="{path}">某县2023年政府信息公开工作年度报...</a><span>2024-02-0{n}</span></li>'
        for n, path in ((5, cut_report), (6, cut_decoy))
    )
    links = _li(hub, "某县2023年政府信息公开工作年度报告") + cut
    p.add(f"{base}/index.html", _page("年度报告", f"<ul>{links}</ul>"))
    departments = {
        f"{base}/202402/t20240125_{n}.html": f"某县{name}2023年政府信息公开工作年度报告"
        for n, name in ((1, "教育局"), (2, "民政局"))
    }
    (first, first_title), (second, second_title) = departments.items()
    pager = f'<a href="{hub_2}">下一页</a>'
    p.add(hub, article("某县2023年政府信息公开工作年度报告", f"<ul>{_li(first, first_title)}</ul>{pager}"))
    p.add(hub_2, article("某县2023年政府信息公开工作年度报告", f"<ul>{_li(second, second_title)}</ul>"))
    farm.hubs[farm.url(hub)] = [farm.url(path) for path in departments]
    for n, path in enumerate(departments):
        _report(farm, path, rendition(f"00{n + 1}.html") + f"<!-- {path} -->".encode())
    _report(farm, cut_report, rendition("003.html") + f"<!-- {cut_report} -->".encode())
    explained = article("关于某县2023年政府信息公开工作年度报告的解读", "<p>一、总体情况……</p>")
    p.add(cut_decoy, explained)
    farm.not_reports[farm.url(cut_decoy)] = explained
    _split_report(farm, base)


def _split_report(farm: Farm, base: str) -> None:
    """A report page its CMS split in two at section 三, paged by a script; the second part in GBK."""
    p, path = farm.portal, f"{base}/202402/t20240207_5.html"
    whole = rendition("003.html").decode("utf-8") + "<!-- split -->"
    cut = whole.index("三、")
    cut = whole.rindex("<p", 0, cut)
    pager = '<script>createPageHTML(2, 0, "t20240207_5", "html");</script>'
    p.add(path, whole[:cut] + pager + "</body></html>")
    second = whole[: whole.index("<body")].replace("utf-8", "gbk") + "<body>" + whole[cut:]
    p.add(path.replace(".html", "_1.html"), second.encode("gbk", "xmlcharrefreplace"), content_type="text/html")
    farm.split[farm.url(path)] = whole.encode()
    items = _li(path, "某县财政局2023年政府信息公开工作年度报告", "2024-02-07")
    index = p.routes[("*", f"{base}/index.html")]
    index.body = index.body.replace(b"</ul>", items.encode() + b"</ul>", 1)
