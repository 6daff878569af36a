"""The list numbers Word draws in front of paragraphs ("一、", "(三)", "1.").

In DOCX these numbers are not in the text: a paragraph names a numbering
definition (directly or through its style) and Word counts. Report headings
("三、收到和处理政府信息公开申请情况") and row labels ("1.属于国家秘密") are
often numbered this way, and the interpreter needs the number as printed, so
the reader renders it. Counters follow document order and are shared by all
numbering instances of one abstract definition, as in Word.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
PPR, PSTYLE, NUMPR = W + "pPr", W + "pStyle", W + "numPr"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip

Level = tuple[int, str, str]  # (start, numFmt, lvlText)
StyleNumbering = tuple[str | None, int | None, str | None]  # (numId, ilvl, basedOn)


def _chinese(n: int) -> str:
    """一 … 九十九 as counted in Chinese headings; larger numbers digit by digit."""
    if n <= 0 or n >= 100:
        return "".join(_DIGITS[int(d)] for d in str(n))
    tens, ones = divmod(n, 10)
    return ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "") + (_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    """a … z, then aa, bb … as Word continues."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class Numbering:
    """Renders the number of each numbered paragraph, to be called in document order."""

    def __init__(
        self, numbering_xml: bytes | None, styles_xml: Callable[[], bytes | None], parser: etree.XMLParser
    ) -> None:
        """``styles_xml`` reads the styles part; it is called only once a paragraph's number comes from a style."""
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._styles_xml = styles_xml
        self._parser = parser
        self._styles: _Styles | None = None
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[str] = set()
        if numbering_xml:
            self._read_numbering(etree.fromstring(numbering_xml, parser))

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iterchildren(W + "abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.iterchildren(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"), 0)] = (
                    _int(_val(lvl, "start"), 1),
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
            self._abstract[abstract.get(W + "abstractNumId", "")] = levels
        for num in root.iterchildren(W + "num"):
            overrides = {
                _int(o.get(W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                for o in num.iterchildren(W + "lvlOverride")
                if _val(o, "startOverride") is not None
            }
            self._nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, p: etree._Element) -> str:
        """The number drawn before paragraph ``p`` ("" if none), advancing the counters."""
        if not self._nums:
            return ""
        num_id, ilvl, style = self._paragraph_numbering(p)
        for _ in range(10):  # a style chain longer than this is a loop
            if num_id is not None or style is None:
                break
            style_num, style_lvl, style = self._style_table().get(style)
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id not in self._nums:
            return ""  # also numId 0: "numbering removed"
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = ilvl or 0
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._restarted:
            self._restarted.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        start = levels.get(level, (1, "decimal", ""))[0]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return self._render(levels, counters, level)

    def _style_table(self) -> _Styles:
        if self._styles is None:
            try:
                self._styles = _Styles(self._styles_xml() or b"", self._parser)
            except etree.XMLSyntaxError:
                self._styles = _Styles(b"", self._parser)  # Word repairs such files; direct numbering still counts
        return self._styles

    def _paragraph_numbering(self, p: etree._Element) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, style) of the paragraph's first w:pPr: its last w:pStyle and its first w:numPr."""
        ppr = first_child(p, PPR)
        if ppr is None:
            return None, None, None
        style = num_pr = None
        for el in ppr:
            tag = el.tag
            if tag == PSTYLE:
                style = el.get(VAL)
            elif tag == NUMPR and num_pr is None:
                num_pr = el
        if num_pr is None:
            return None, None, style
        ilvl = _val(num_pr, "ilvl")
        return _val(num_pr, "numId"), None if ilvl is None else _int(ilvl, 0), style

    @staticmethod
    def _render(levels: dict[int, Level], counters: dict[int, int], level: int) -> str:
        _, fmt, text = levels.get(level, (1, "decimal", ""))
        if fmt in ("bullet", "none"):
            return ""
        for k in range(9):  # %1 … %9 stand for the counters of levels 0 … 8
            if f"%{k + 1}" in text:
                lvl_start, lvl_fmt, _ = levels.get(k, (1, "decimal", ""))
                n = counters.get(k, lvl_start)
                text = text.replace(f"%{k + 1}", _FORMATS.get(lvl_fmt, str)(n))
        return text


class _Styles:
    """Paragraph styles' numbering, read one style at a time when a paragraph asks.

    styles.xml runs to hundreds of KB (python-docx's template: 350 KB of
    latent and table styles) while a report uses a handful of styles; parsing
    just the <w:style> element asked for keeps that cost off every document.
    A styles part not written with the usual ``w:`` prefix is parsed whole.
    """

    def __init__(self, xml: bytes, parser: etree.XMLParser) -> None:
        self._xml = xml
        self._parser = parser
        self._cache: dict[str, StyleNumbering] = {}
        start = xml.find(b"<w:styles")
        self._root_tag = xml[start : xml.find(b">", start) + 1] if start >= 0 else b""
        if xml and not self._root_tag and b"numPr" in xml:
            for style in etree.fromstring(xml, parser).iterchildren(W + "style"):
                self._cache[style.get(W + "styleId", "")] = _style_numbering(style)

    def get(self, style_id: str) -> StyleNumbering:
        if style_id not in self._cache:
            self._cache[style_id] = self._read(style_id)
        return self._cache[style_id]

    def _read(self, style_id: str) -> StyleNumbering:
        none: StyleNumbering = (None, None, None)
        if not self._root_tag or self._root_tag.endswith(b"/>"):
            return none
        key = style_id.encode("utf-8")
        at = next((i for q in (b'"', b"'") if (i := self._xml.find(b"w:styleId=" + q + key + q)) >= 0), -1)
        start = self._xml.rfind(b"<w:style ", 0, at) if at >= 0 else -1
        end = self._xml.find(b"</w:style>", at)
        if start < 0 or end < 0:
            return none
        chunk = self._root_tag + self._xml[start : end + len(b"</w:style>")] + b"</w:styles>"
        try:
            return _style_numbering(etree.fromstring(chunk, self._parser)[0])
        except (etree.XMLSyntaxError, IndexError):
            return none


def _style_numbering(style: etree._Element) -> StyleNumbering:
    num_id = ilvl = None
    for ppr in style.iterchildren(W + "pPr"):
        for num_pr in ppr.iterchildren(W + "numPr"):
            num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
    return num_id, None if ilvl is None else _int(ilvl, 0), _val(style, "basedOn")


def first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child of ``el`` with ``tag``. Word writes property elements (w:pPr, w:tcPr, w:trPr) first,
    so looking at the first child before searching saves building an iterator for nearly every element."""
    if len(el) and (first := el[0]).tag == tag:
        return first
    return next(el.iterchildren(tag), None)


def _val(el: etree._Element, child: str) -> str | None:
    for c in el.iterchildren(W + child):
        return c.get(VAL)
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
