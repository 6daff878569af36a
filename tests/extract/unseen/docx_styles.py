"""Unseen reports as real Word producers write DOCX, not only as python-docx does.

``render_styled(variant, style) -> (bytes, None)`` renders a ``variants.Variant``
with ``render_docx`` and then rewrites its ``word/document.xml`` the way one
producer would, each ``STYLES`` entry applying some of these edits in order:

* ``legacy_hmerge``: horizontal merges as ``w:hMerge`` restart/continue cells
  (Word 97-2003 and WPS conversions) instead of ``w:gridSpan``, each
  continuation cell repeating the ``w:vMerge`` of the cell it widens;
* ``padded``: no merges at all: a merged cell's text in its first cell, the
  positions it covered and the end of a short row written as blank cells
  (CMS exports, tables pasted from Excel);
* ``grid_before``: a row's leading blank cells dropped and declared by
  ``w:gridBefore`` (rows under a row label, the corner of a header);
* ``split_runs``: cell text cut into several runs and paragraphs, numbers
  split inside, with ``w:proofErr``/``w:bookmarkStart`` between runs and empty
  spacing paragraphs (Word after editing, WPS);
* ``content_controls``: tables, rows and cells wrapped in ``w:sdt`` content
  controls (template-based CMS exports);
* ``layout_table``: the whole body inside the one cell of a layout table,
  the report title inside a text box (``mc:AlternateContent`` with its VML
  fallback, so the text is in the file twice).

Values never change, only how they are written: ``variant.truth`` stays the answer.
"""

from __future__ import annotations

import copy
import io
import random
import zipfile
from collections.abc import Callable

from lxml import etree

from tests.extract.unseen.variants import Variant, render

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
W = f"{{{NS['w']}}}"
DOCUMENT = "word/document.xml"

Edit = Callable[[etree._Element, random.Random], None]


def _w(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(W + tag)
    for key, value in attrs.items():
        el.set(W + key, value)
    return el


def _blank_cell(props: list[etree._Element]) -> etree._Element:
    tc = _w("tc")
    tc_pr = etree.SubElement(tc, W + "tcPr")
    tc_pr.extend(props)
    tc.append(_w("p"))
    return tc


def _tc_pr(tc: etree._Element) -> etree._Element:
    found = tc.find(W + "tcPr")
    if found is None:
        found = _w("tcPr")
        tc.insert(0, found)
    return found


def legacy_hmerge(body: etree._Element, rng: random.Random) -> None:
    for tc in body.iter(W + "tc"):
        pr = _tc_pr(tc)
        span = pr.find(W + "gridSpan")
        if span is None:
            continue
        n = int(span.get(W + "val"))
        pr.remove(span)
        pr.append(_w("hMerge", val="restart"))
        vmerge = pr.find(W + "vMerge")
        for _ in range(n - 1):
            props = [_w("hMerge")] + ([copy.deepcopy(vmerge)] if vmerge is not None else [])
            tc.addnext(_blank_cell(props))


def grid_before(body: etree._Element, rng: random.Random) -> None:
    for tr in body.iter(W + "tr"):
        cells = tr.findall(W + "tc")
        lead = 0
        for tc in cells[:-1]:
            pr = _tc_pr(tc)
            if "".join(tc.itertext()).strip() or pr.find(W + "vMerge") is not None:
                break
            span = pr.find(W + "gridSpan")
            lead += int(span.get(W + "val")) if span is not None else 1
            tr.remove(tc)
        if lead:
            tr_pr = tr.find(W + "trPr")
            if tr_pr is None:
                tr_pr = _w("trPr")
                tr.insert(0 if tr.find(W + "tblPrEx") is None else 1, tr_pr)
            tr_pr.insert(0, _w("gridBefore", val=str(lead)))


def padded(body: etree._Element, rng: random.Random) -> None:
    for pr in list(body.iter(W + "tcPr")):
        for merge in pr.findall(W + "vMerge"):
            pr.remove(merge)  # a continuation cell is already empty: it stays, as a blank cell
        for span in pr.findall(W + "gridSpan"):
            pr.remove(span)
            tc = pr.getparent()
            for _ in range(int(span.get(W + "val")) - 1):
                tc.addnext(_blank_cell([]))
    for after in list(body.iter(W + "gridAfter")):
        tr = after.getparent().getparent()
        tr.extend(_blank_cell([]) for _ in range(int(after.get(W + "val"))))
        after.getparent().remove(after)


def split_runs(body: etree._Element, rng: random.Random) -> None:
    for tc in body.iter(W + "tc"):
        for p in tc.findall(W + "p"):
            for t in list(p.iter(W + "t")):
                text = t.text or ""
                if len(text) < 2:
                    continue
                run = t.getparent()
                cut = rng.randint(1, len(text) - 1)
                t.text = text[:cut]
                tail = copy.deepcopy(run)
                tail.find(W + "t").text = text[cut:]
                for after in list(t.itersiblings()):  # a w:br after the text now ends the tail
                    run.remove(after)
                run.addnext(tail)
                run.addnext(_w("proofErr", type=rng.choice(("spellStart", "gramEnd"))))
                run.addnext(_w("bookmarkStart", id=str(rng.randint(0, 999)), name="_GoBack"))
        tc.append(_w("p"))
        if rng.random() < 0.3:
            tc.insert(1, _w("p"))


def _wrap_sdt(el: etree._Element) -> None:
    sdt = _w("sdt")
    sdt_pr = etree.SubElement(sdt, W + "sdtPr")
    etree.SubElement(sdt_pr, W + "id").set(W + "val", "123456")
    content = etree.SubElement(sdt, W + "sdtContent")
    el.addprevious(sdt)
    content.append(el)


def content_controls(body: etree._Element, rng: random.Random) -> None:
    for tbl in list(body.iter(W + "tbl")):
        for tr in tbl.findall(W + "tr"):
            for tc in tr.findall(W + "tc"):
                if rng.random() < 0.2:
                    _wrap_sdt(tc)
            if rng.random() < 0.3:
                _wrap_sdt(tr)
        _wrap_sdt(tbl)


_TEXT_BOX = f"""<w:r xmlns:w="{NS["w"]}" xmlns:mc="{NS["mc"]}" xmlns:wps="{NS["wps"]}" xmlns:v="{NS["v"]}">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def layout_table(body: etree._Element, rng: random.Random) -> None:
    sect = body.find(W + "sectPr")
    content = [el for el in body if el is not sect]
    title = content[0]  # render_docx writes the title first
    box = etree.fromstring(_TEXT_BOX)
    for holder in box.iter(W + "txbxContent"):
        holder.append(copy.deepcopy(title))
    anchor = _w("p")
    anchor.append(box)
    title.addprevious(anchor)
    body.remove(title)
    tbl = _w("tbl")
    tbl.append(_w("tblPr"))
    grid = etree.SubElement(tbl, W + "tblGrid")
    grid.append(_w("gridCol", w="9000"))
    tc = etree.SubElement(etree.SubElement(tbl, W + "tr"), W + "tc")
    tc.append(_w("tcPr"))
    for el in content[1:]:
        tc.append(el)
    tc.append(_w("p"))  # a cell must end with a paragraph
    anchor.addnext(tbl)


STYLES: dict[str, tuple[Edit, ...]] = {
    "legacy hmerge": (legacy_hmerge,),
    "padded, no merges": (padded,),
    "padded, grid before": (padded, grid_before),
    "split runs": (split_runs,),
    "content controls": (content_controls,),
    "layout table, text box title": (layout_table,),
    "wps export": (legacy_hmerge, split_runs, content_controls),
    "all at once": (padded, grid_before, split_runs, content_controls, layout_table),
}


def render_styled(variant: Variant, style: tuple[Edit, ...]) -> tuple[bytes, None]:
    """The DOCX bytes of ``variant`` with ``style``'s edits applied to its document part."""
    rng = random.Random(f"{variant.name}/{variant.seed}/{variant.format}/{[e.__name__ for e in style]}")
    source = render(variant, "docx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == DOCUMENT:
                root = etree.fromstring(data)
                body = root.find(W + "body")
                for edit in style:
                    edit(body, rng)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    return out.getvalue(), None


if __name__ == "__main__":
    from tests.extract.unseen import scoreboard

    scoreboard.main("docx style", render_styled, STYLES)
