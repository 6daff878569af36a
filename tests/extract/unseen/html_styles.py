"""Unseen reports as real portals and editors write HTML, not only as our one clean renderer does.

``render_styled(variant, style) -> (bytes, content_type)`` writes a
``variants.Variant`` the way one producer of real pages would, each
``HtmlStyle`` field being one thing they do:

* ``editor``: Word "Save as Web Page" (``MsoNormal`` paragraphs, ``lang=EN-US``
  runs, ``<o:p>``, ``<![if !supportMisc]>`` ghost rows, list numbers in
  ``<![if !supportLists]>``, source lines wrapped between CJK characters,
  ``&nbsp;``/``&#12288;`` padding); WPS (``<font>`` inside spans); a TRS
  ``TRS_Editor`` div with its ``<style>`` in the body and upper-case tags;
  UEditor (``<thead>``/``<th>``, ``<caption>``, ``<colgroup>``, the footer row in
  a ``<tfoot>`` written first); KindEditor (a ``<br />`` closing every cell);
* ``page``: the article alone, or inside page-layout tables with navigation,
  a metadata table, link lists and a footer made of small tables;
* ``spans``: clean, or odd (``rowspan="2.0"``, ``colspan="0"``, rowspans past
  the last row, no ``</td>``/``</tr>``, cells hidden with ``display:none``,
  ``<script>``/``<style>`` inside cells);
* ``numbers``: plain, or wrapped (``<p><span>`` runs split inside the number,
  trailing ``<br>``, thousands separators, full-width digits);
* ``encoding`` / ``declare`` / ``header``: the bytes' charset, how the page
  names it (meta charset, http-equiv, an XML declaration, a BOM, wrongly, not
  at all), and what the HTTP Content-Type header claims.

Values never change: only how they are written, so ``variant.truth`` stays the answer.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from html import escape

from tests.extract.unseen.variants import FIXTURES, Variant, _convert, _s2t

sys.path.insert(0, str(FIXTURES))

from layout import Cell, Grid, Seed, is_heading

RARE = "另有王堃、李喆、朱镕基同志的来信来访已按规定办理。"  # characters outside GB2312, inside GBK


@dataclass(frozen=True)
class HtmlStyle:
    editor: str = "word"  # word | wps | trs | ueditor | kindeditor
    page: str = "article"  # article | nested
    spans: str = "clean"  # clean | odd
    numbers: str = "plain"  # plain | wrapped
    encoding: str = "utf-8"  # the codec of the bytes
    declare: str = "meta"  # meta | http-equiv | both | xml | bom | none
    declared: str | None = None  # charset the page names (default: its encoding)
    header: str | None = None  # charset of the HTTP Content-Type header (None: no header)
    traditional: bool = False
    rare: bool = False  # a paragraph with characters outside GB2312


STYLES: dict[str, HtmlStyle] = {
    "word save-as": HtmlStyle(editor="word", encoding="gb18030", declare="http-equiv", declared="gb2312"),
    "wps": HtmlStyle(editor="wps"),
    "trs editor": HtmlStyle(editor="trs", declare="both"),
    "ueditor thead/th": HtmlStyle(editor="ueditor"),
    "kindeditor": HtmlStyle(editor="kindeditor"),
    "nested layout": HtmlStyle(editor="trs", page="nested"),
    "nested word": HtmlStyle(editor="word", page="nested", encoding="gbk", declare="none"),
    "odd spans": HtmlStyle(editor="kindeditor", spans="odd"),
    "odd spans thead": HtmlStyle(editor="ueditor", spans="odd", page="nested"),
    "odd spans word": HtmlStyle(editor="word", spans="odd"),
    "wrapped numbers": HtmlStyle(editor="trs", numbers="wrapped"),
    "wrapped numbers word": HtmlStyle(editor="word", numbers="wrapped", encoding="gbk"),
    "gb2312 with gbk chars": HtmlStyle(editor="trs", encoding="gb18030", declared="gb2312", rare=True),
    "big5 traditional": HtmlStyle(editor="word", encoding="big5", traditional=True),
    "big5 header says gbk": HtmlStyle(editor="trs", encoding="big5", traditional=True, header="gbk"),
    "utf-8 bom, meta gbk": HtmlStyle(editor="ueditor", declare="bom", declared="gbk"),
    "meta utf-8 then gbk": HtmlStyle(editor="trs", encoding="gbk", declare="both", declared="utf-8"),
    "xhtml xml decl": HtmlStyle(editor="ueditor", encoding="gbk", declare="xml"),
    "header utf-8 page gbk": HtmlStyle(editor="word", encoding="gbk", header="utf-8"),
    "header gbk page utf-8": HtmlStyle(editor="kindeditor", header="gbk", declare="none"),
    "header latin-1": HtmlStyle(editor="wps", encoding="gbk", declare="none", header="iso-8859-1"),
    "all at once": HtmlStyle(
        editor="word", page="nested", spans="odd", numbers="wrapped", encoding="gb18030", declared="gb2312", rare=True
    ),
}


def render_styled(variant: Variant, style: HtmlStyle) -> tuple[bytes, str | None]:
    """The page's bytes and the Content-Type header a server would send with them."""
    rng = random.Random(f"{variant.name}/{variant.seed}/{variant.format}/{style}")
    report = _convert(variant.report, _s2t().convert) if style.traditional else variant.report
    writer = _Writer(style, rng)
    article = writer.article(report)
    title = escape("".join(report.title) or "政府信息公开年报")
    page = _page(style, title, article, variant)
    charset = style.declared or {"gb18030": "gb18030", "gbk": "gbk"}.get(style.encoding, style.encoding)
    page = _declare(style, charset, page)
    data = page.encode(style.encoding, errors="xmlcharrefreplace")
    if style.declare == "bom":
        data = b"\xef\xbb\xbf" + data
    header = f"text/html; charset={style.header}" if style.header else None
    return data, header


def _declare(style: HtmlStyle, charset: str, page: str) -> str:
    meta = {
        "meta": f'<meta charset="{charset}">',
        "bom": f'<meta charset="{charset}">',
        "http-equiv": f'<meta http-equiv=Content-Type content="text/html; charset={charset}">',
        "both": f'<meta charset="{charset}"><meta http-equiv="Content-Type" content="text/html; charset=gbk">',
    }.get(style.declare, "")
    page = page.replace("<!--META-->", meta)
    if style.declare == "xml":
        page = f'<?xml version="1.0" encoding="{charset}"?>\n' + page
    return page


def _page(style: HtmlStyle, title: str, article: str, variant: Variant) -> str:
    doctype = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
        if style.declare == "xml"
        else _WORD_HTML
        if style.editor == "word"
        else "<!DOCTYPE html>\n<html>"
    )
    head = f"<head>\n<!--META-->\n<title>{title}</title>\n"
    if style.editor == "word":
        head += _WORD_HEAD
    head += "<script>var _hmt = _hmt || [];</script></head>\n"
    if style.page == "article":
        return f"{doctype}\n{head}<body lang=ZH-CN>\n{article}\n</body>\n</html>\n"
    links = "".join(f"<td><a href='/c{i}/'>{name}</a></td>" for i, name in enumerate(_NAV))
    side = "".join(f"<tr><td><a href='/s{i}/'>{name}</a></td></tr>" for i, name in enumerate(_SIDE))
    related = "".join(
        f"<tr><td><a href='/r{i}/'>关于印发{name}的通知</a></td><td>2024-0{i + 1}-1{i}</td></tr>"
        for i, name in enumerate(("政务公开工作要点", "信息公开指南", "主动公开目录"))
    )
    meta = (
        "<table class='xxgk-meta' width='100%'><tr><td>索引号：</td><td>11640000MB0000000X/2025-00012</td>"
        "<td>分类：</td><td>政府信息公开年报</td></tr><tr><td>发布机构：</td><td>办公室</td><td>发文日期：</td>"
        f"<td>2025-01-20</td></tr><tr><td>名称：</td><td colspan='3'>{title}</td></tr></table>"
    )
    return (
        f"{doctype}\n{head}<body>\n<table width='1000' align='center' cellpadding='0' cellspacing='0'><tr><td>"
        f"<table class='nav' width='100%'><tr>{links}</tr></table>\n"
        "<table width='100%'><tr><td width='220' valign='top'>"
        f"<table class='side'>{side}</table></td>\n<td valign='top'>"
        "<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a></div>"
        f"{meta}\n<div style='display: none'>{_DECOY}</div>"
        f"<table width='100%'><tr><td class='title'><h1>{title}</h1></td></tr>"
        "<tr><td class='info'>发布时间：2025-01-20 来源：本网 浏览次数：<span id='hits'>1024</span></td></tr>"
        f"<tr><td id='zoom'>\n{article}\n</td></tr></table>"
        f"<table class='related'><tr><td colspan='2'>相关链接</td></tr>{related}</table>"
        "</td></tr></table>\n"
        "<table class='footer' width='100%'><tr><td><a href='/wzdt/'>网站地图</a></td><td><a href='/lxwm/'>联系我们</a>"
        "</td></tr><tr><td>网站标识码：6402000001</td><td>ICP备案号：宁ICP备05001234号-1</td></tr></table>"
        "</td></tr></table>\n<script>document.write('<span id=\"cnzz\"></span>');</script>\n</body>\n</html>\n"
    )


_DECOY = "北京市东城区档案局2018年政府信息公开工作年度报告"  # a hidden template title: not what the page shows
_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地")
_SIDE = ("信息公开指南", "信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开")
_WORD_HTML = (
    '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"\n'
    'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">'
)
_WORD_HEAD = """<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Administrator</o:Author>
  <o:Pages>7</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt;}
-->
</style>
"""


class _Writer:
    """The article: paragraphs and tables written the way ``style.editor`` writes them."""

    def __init__(self, style: HtmlStyle, rng: random.Random) -> None:
        self.style = style
        self.rng = rng
        self.word = style.editor in ("word", "wps")
        self.upper = style.editor == "trs"

    def tag(self, name: str) -> str:
        return name.upper() if self.upper else name

    def article(self, report: Seed) -> str:
        out: list[str] = []
        title = "<br>".join(escape(t) for t in report.title)
        if self.word:
            out.append("<div class=WordSection1 style='layout-grid:15.6pt'>")
            out.append(f"<p class=MsoNormal align=center style='text-align:center'><b>{self.runs(title)}</b></p>")
            out.append(_WORD_EMPTY)
        elif self.style.editor == "trs":
            out.append(
                "<div class=TRS_Editor><style>.TRS_Editor P{margin-top:5px;font-size:12pt;}"
                ".TRS_Editor TD{font-size:10.5pt}</style><div class=Custom_UnionStyle>"
            )
            out.append(f"<P align=center><STRONG>{title}</STRONG></P>")
        else:
            out.append(
                f"<div class='{self.style.editor}-content'><p style='text-align:center;'><strong>{title}</strong></p>"
            )
        for k, block in enumerate(report.blocks):
            if isinstance(block, Grid):
                out.append(self.table(block))
                out.append(_WORD_EMPTY if self.word else "<p><br/></p>")
            else:
                out.append(self.paragraph(block, heading=is_heading(block)))
            if k == 1 and self.style.rare:
                out.append(self.paragraph(RARE, heading=False))
        out.append("</div></div>" if self.style.editor == "trs" else "</div>")
        return "\n".join(out)

    def paragraph(self, text: str, heading: bool) -> str:
        body = escape(text)
        if self.word:
            pad = "" if heading else "&#12288;&#12288;"
            inner = self.runs(body)
            if heading:
                inner = f"<b>{inner}</b>"
            return f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>{pad}{inner}</p>"
        p = self.tag("p")
        if heading:
            body = f"<{self.tag('strong')}>{body}</{self.tag('strong')}>"
        return f"<{p} style='text-indent:2em;'>&nbsp;&nbsp;{body}</{p}>"

    def runs(self, text: str) -> str:
        """Word's runs: ASCII in ``lang=EN-US`` spans, CJK split at random, source lines wrapped between CJK."""
        if not self.word:
            return text
        out = []
        for chunk in re.findall(r"<br>|&[a-z]+;|[\x21-\x7e]+|[^\x21-\x7e<&]+", text):
            if chunk == "<br>" or chunk.startswith("&") or chunk.isascii():
                out.append(f"<span lang=EN-US>{chunk}</span>" if chunk != "<br>" else "<br>")
                continue
            while len(chunk) > 3 and self.rng.random() < 0.6:
                cut = self.rng.randrange(1, len(chunk) - 1)
                out.append(self.cjk(chunk[:cut]))
                chunk = chunk[cut:]
            out.append(self.cjk(chunk))
        font = "<font face=宋体>{}</font>" if self.style.editor == "wps" else "{}"
        return font.format("".join(out)) + "<span lang=EN-US><o:p></o:p></span>"

    def cjk(self, chunk: str) -> str:
        if len(chunk) > 2 and self.rng.random() < 0.3:
            cut = self.rng.randrange(1, len(chunk))
            if chunk[cut - 1] != " " and chunk[cut] != " ":
                chunk = chunk[:cut] + "\r\n" + chunk[cut:]  # Word wraps its source at ~76 columns, anywhere in CJK
        return f"<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{chunk}</span>"

    # ------------------------------------------------------------ tables

    def table(self, grid: Grid) -> str:
        odd = self.style.spans == "odd"
        rows = grid.rows()
        groups = self.style.editor == "ueditor" and grid.head_rows > 0
        tr, td = self.tag("tr"), self.tag("td")
        close_td, close_tr = (f"</{td}>", f"</{tr}>") if not (odd and self.rng.random() < 0.5) else ("", "")
        lines = [self.table_open(grid)]
        body: list[str] = []
        for r, row in enumerate(rows):
            cells = []
            for k, cell in enumerate(row):
                head = groups and r < grid.head_rows
                cells.append(self.cell(cell, grid, head, last=r == len(rows) - 1) + ("" if head else close_td))
                if odd and k == 0 and r % 4 == 1:
                    cells.append(f"<{td} style='display:none'>99{close_td}")
            line = f"<{tr}>" + "".join(cells) + close_tr
            body.append(line)
        if groups:
            foot = body[-1] if len(rows) - grid.head_rows > 2 and not _spans_into(rows, len(rows) - 1) else None
            lines.append("<thead>" + "".join(body[: grid.head_rows]) + "</thead>")
            if foot is not None:
                lines.append("<tfoot>" + foot + "</tfoot>")
            lines.append("<tbody>" + "".join(body[grid.head_rows : len(body) - (foot is not None)]) + "</tbody>")
        else:
            lines.append("<tbody>" if self.style.editor != "trs" else "<TBODY>")
            lines += body
            if self.word:
                ghosts = "".join("<td width=68 style='border:none'></td>" for _ in range(grid.width))
                lines.append(f"<![if !supportMisc]>\n <tr height=0>{ghosts}</tr>\n<![endif]>")
            lines.append("</tbody>" if self.style.editor != "trs" else "</TBODY>")
        lines.append(f"</{self.tag('table')}>" + ("</div>" if self.word else ""))
        return "\n".join(lines)

    def table_open(self, grid: Grid) -> str:
        if self.word:
            return (
                "<div align=center>\n<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=604"
                " style='width:453.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
                "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
            )
        if self.style.editor == "ueditor":
            cols = "".join(f"<col width='{60 + 5 * k}'>" for k in range(grid.width))
            return (
                "<table data-sort='sortDisabled' width='100%' border='1'><caption>表格</caption>"
                f"<colgroup>{cols}</colgroup>"
            )
        if self.style.editor == "kindeditor":
            return "<table style='width:100%;' cellpadding='2' cellspacing='0' border='1' bordercolor='#000000'>"
        return "<TABLE style='BORDER-COLLAPSE: collapse' border=1 cellSpacing=0 cellPadding=0 align=center>"

    def cell(self, cell: Cell, grid: Grid, head: bool, last: bool) -> str:
        attrs = self.spans(cell, grid, last)
        text = escape(cell.text).replace(" ", "<br>")
        wrapped = cell.kind == "value" and cell.text and self.style.numbers == "wrapped"
        noisy = cell.kind == "value" and cell.text and self.style.spans == "odd" and self.rng.random() < 0.2
        noise = "<span style='DISPLAY:NONE'>7</span>" if noisy else ""  # anti-copy noise some portals inject
        if wrapped:
            text = self.number(text)
        name = "th" if head else self.tag("td")
        if self.word:
            attrs += (
                f" width={68 * cell.colspan} valign=top style='width:{51 * cell.colspan}.0pt;"
                "border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;"
                "padding:0cm 5.4pt 0cm 5.4pt'"
            )
            inner = (
                self.word_label(text)
                if cell.kind == "label"
                else text
                if wrapped
                else self.runs(text)
                if text
                else _WORD_BLANK
            ) + noise
            return f"<{name}{attrs}>\n  <p class=MsoNormal align=center style='text-align:center'>{inner}</p>\n  "
        text += noise
        if self.style.editor == "kindeditor":
            return f"<{name}{attrs}>{text or '&nbsp;'}<br />"
        if self.style.editor == "ueditor":
            return f"<{name}{attrs} valign='top' style='word-break: break-all;'>{text}<br/>"
        p, span = self.tag("p"), self.tag("span")
        odd = "<script>var x=1;</script><style>.c{}</style>" if self.style.spans == "odd" else ""
        return f"<{name}{attrs} vAlign=center><{p} align=center><{span} style='FONT-SIZE: 10pt'>{odd}{text or '&nbsp;'}</{span}></{p}>"

    def word_label(self, text: str) -> str:
        """A numbered item as Word writes list numbering: the number in a downlevel-revealed conditional."""
        m = re.match(r"(\d+[.、．])(.+)", text)
        if not m:
            lines = [self.runs(line) for line in text.split("<br>")]
            return "&#12288;" + "</p>\n  <p class=MsoNormal align=center style='text-align:center'>".join(lines)
        return (
            f"<![if !supportLists]><span lang=EN-US>{m.group(1)}<span style='font:7.0pt \"Times New Roman\"'>"
            f"&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>{self.runs(m.group(2))}"
        )

    def spans(self, cell: Cell, grid: Grid, last: bool) -> str:
        odd = self.style.spans == "odd"
        out = ""
        if cell.rowspan > 1 or (odd and last):
            rowspan = cell.rowspan + 3 if odd and last else cell.rowspan
            out += f' rowspan="{rowspan}.0"' if odd else f" rowspan={cell.rowspan}"
        if cell.colspan > 1:
            out += f' colspan="{cell.colspan}.0"' if odd else f" colspan={cell.colspan}"
        elif odd and self.rng.random() < 0.3:
            out += ' colspan="0"'
        return out

    def number(self, text: str) -> str:
        """A value re-printed (thousands separators, full-width digits) and wrapped in runs and paragraphs."""
        m = re.fullmatch(r"(-?)(\d+)(.*)", text)
        if m:
            sign, digits, rest = m.groups()
            if len(digits) > 3 and self.rng.random() < 0.6:
                sep = self.rng.choice([",", "，"])
                digits = f"{int(digits):,}".replace(",", sep)
            elif self.rng.random() < 0.3:
                digits = digits.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
            text = sign + digits + rest
        if len(text) > 1 and self.rng.random() < 0.5:
            cut = self.rng.randrange(1, len(text))
            text = f"<span>{text[:cut]}</span><span lang=EN-US>{text[cut:]}</span>"
        return f"<p><span>{text}</span><br/></p><p><span>&nbsp;</span></p>"


def _spans_into(rows: list[list[Cell]], r: int) -> bool:
    """Whether a cell above row ``r`` spans down into it (then the row cannot move to a <tfoot>)."""
    return any(c.row < r < c.row + c.rowspan for row in rows[:r] for c in row)


_WORD_EMPTY = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
_WORD_BLANK = "<span lang=EN-US><o:p>&nbsp;</o:p></span>"
