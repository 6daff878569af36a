"""Build ``data/demo_portal/``: the five seed reports published the way real portals publish them.

A column of three pages (the later ones reachable only through a
``createPageHTML`` script), decoy links beside the reports, and each report
in a different shape, so ``make run`` exercises every reader the crawl
meets on real portals: an HTML article with inline tables, an article that
only links a PDF, DOCX or legacy Word .doc attachment, an article with
tables and a PDF too. The renditions come from ``tests/fixtures/renditions``
(generated from the seeds); agency and year for the link titles come from
the golden files.

Built on first use by ``flows.demo.demo_portal``, and again when the recipe
below changes (a stamp file records the recipe it was built from), so a
checkout that ran the demo before picks up a new shape;
``python -m flows.build_demo_portal`` rebuilds it (the output is not
committed: it would be a second copy of the renditions).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from gongkai.fixtures import GOLDEN, RENDITIONS, ROOT

OUT = ROOT / "data" / "demo_portal"
# How each seed is published: None = HTML article with inline tables; otherwise the attachment kind,
# with "+" meaning the article also carries the tables inline.
# Seed 000 is the .doc: its .doc reads exactly as its other renditions do (004's short rows do not).
SHAPES = {"000": "doc", "001": "docx", "002": "+pdf", "003": "pdf", "004": None}
PER_PAGE = 3
DECOYS = [
    ("zn.html", "政府信息公开指南", "<p>本指南介绍如何申请政府信息公开。</p>"),
    ("fzzf.html", "2023年法治政府建设年度报告", "<p>一、主要举措……</p>"),
    ("jd.html", "《2023年政府信息公开工作年度报告》解读", "<p>解读如下……</p>"),
    ("js.html", "2023年部门决算", "<p>收支决算总表……</p>"),
]
STAMP = ".recipe.json"


def build(out: Path = OUT) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    column = out / "xxgk" / "ndbg"
    column.mkdir(parents=True)
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    items = [_publish(seed, shape, column) for seed, shape in SHAPES.items()]
    items[2:2] = [(f"decoy/{name}", title) for name, title, _ in DECOYS[:2]]
    items += [(f"decoy/{name}", title) for name, title, _ in DECOYS[2:]]
    (column / "decoy").mkdir()
    for name, title, body in DECOYS:
        (column / "decoy" / name).write_text(_page(title, body), encoding="utf-8")
    pages = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
    for number, links in enumerate(pages):
        name = "index.html" if number == 0 else f"index_{number}.html"
        (column / name).write_text(_listing(links, number, len(pages)), encoding="utf-8")
    (out / STAMP).write_text(_recipe(), encoding="utf-8")
    return [str(path.relative_to(out)) for path in sorted(out.rglob("*")) if path.is_file()]


def is_current(out: Path = OUT) -> bool:
    """Whether ``out`` was built from this recipe (an older build lacks a shape the demo should show)."""
    stamp = out / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == _recipe()


def _recipe() -> str:
    return json.dumps({"shapes": SHAPES, "per_page": PER_PAGE, "decoys": DECOYS}, ensure_ascii=False)


def _publish(seed: str, shape: str | None, column: Path) -> tuple[str, str]:
    golden = json.loads((GOLDEN / f"{seed}.json").read_text(encoding="utf-8"))
    title = f"{golden['agency']}{golden['year']}年政府信息公开工作年度报告"
    page = f"t{seed}.html"
    if shape is None:
        shutil.copyfile(RENDITIONS / f"{seed}.html", column / page)
        return page, title
    kind = shape.lstrip("+")
    attachment = f"P0{seed}.{kind}"
    shutil.copyfile(RENDITIONS / f"{seed}.{kind}", column / attachment)
    link = f'<p>附件：<a href="{attachment}">{title}.{kind}</a></p>'
    if shape.startswith("+"):
        html = (RENDITIONS / f"{seed}.html").read_bytes()
        (column / page).write_bytes(html.replace(b"</body>", link.encode("ascii", "xmlcharrefreplace") + b"</body>"))
    else:
        (column / page).write_text(_page(title, f"<p>{title}全文详见附件。</p>{link}"), encoding="utf-8")
    return page, title


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><div class="nav"><a href="../index.html">首页</a></div><h1>{title}</h1>{body}</body></html>'
    )


def _listing(links: list[tuple[str, str]], number: int, total: int) -> str:
    items = "".join(
        f'<li><a href="{href}" title="{title}">{title[:16]}…</a><span>2025-01-{20 + i:02d}</span></li>'
        for i, (href, title) in enumerate(links)
    )
    pager = '<a href="index_1.html">下一页</a>' if number == 0 else ""  # later pages exist only in the script
    script = f'<script>createPageHTML({total}, {number}, "index", "html");</script>'
    return _page("政府信息公开年报", f'<ul class="list">{items}</ul><div class="page">{pager}{script}</div>')


if __name__ == "__main__":
    for name in build():
        print(name)
