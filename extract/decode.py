"""Bytes to text for HTML and plain-text reports, whatever the page claims.

Government portals declare charsets wrongly about as often as rightly (GBK
pages saying utf-8, servers saying iso-8859-1 for everything), so a declared
charset is only a candidate: it is accepted when the whole document decodes
strictly with it. Strict decoding is a strong test for multi-byte encodings
(a clean UTF-8 or GB18030 decode of Chinese text is almost never an accident)
but no test at all for single-byte ones, which decode any byte sequence; those
are therefore tried only after the Chinese multi-byte encodings have failed.
GBK and Big5 are not told apart by strictness either (see ``_chinese_multibyte``).

Detection always runs on the whole document: a prefix cut at an arbitrary
byte can split a multi-byte character and make a correct encoding look wrong.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# GBK and GB2312 are subsets of GB18030: decoding with the superset reads the
# same bytes identically and also the characters the declared subset lacks,
# which real pages use anyway. Same for Big5 and Big5-HKSCS.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}
_CHINESE = ("gb18030", "big5hkscs")  # the codecs the supersets above map every Chinese charset name to
_ALIASES = {"x-gbk": "gbk", "x-gb2312": "gb2312", "x-big5": "big5", "unicode": "utf-16"}

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096  # where browsers look for <meta charset> too; the regex is ASCII, so a cut is harmless

# Among the most frequent characters of Chinese text in both scripts: a right
# decoding is full of them, a wrong one (Big5 read as GB18030 or the reverse)
# has almost none.
_COMMON = "的一是在不了有和人中大上年为為以国國公开開政府信息"


def charset_from_content_type(ct: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type value, lower-cased, if any."""
    if not ct:
        return None
    m = _CT_CHARSET.search(ct)
    return m.group(1).lower() if m else None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a whole HTML or text document; ``declared`` is the HTTP header's charset, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    named = (_codec(declared), _codec(_meta_charset(data)), _codec(_xml_encoding(data)))
    candidates = [c for c in dict.fromkeys(named) if c and c != "utf-8"]
    deferred = [c for c in candidates if _single_byte(c)]
    for encoding in candidates:
        if encoding not in deferred and encoding not in _CHINESE and (text := _strict(data, encoding)) is not None:
            return text
    text = _chinese_multibyte(data, [c for c in candidates if c in _CHINESE])
    if text is not None:
        return text
    for encoding in deferred:
        if (text := _strict(data, encoding)) is not None:
            return text
    return _detected(data)


def _chinese_multibyte(data: bytes, declared: list[str]) -> str | None:
    """GB18030 or Big5, when exactly one decodes strictly, or the one that reads as Chinese when both do.

    Nearly every Big5 byte pair is also a valid GBK pair, so a page's naming
    of one of them proves little (a Big5 page served as "gbk" decodes without
    an error into nonsense): the text decides, and the declaration (header
    first) only breaks a tie, when the text is too short to tell.
    """
    order = dict.fromkeys([*declared, *_CHINESE])
    decoded = [t for t in (_strict(data, enc) for enc in order) if t is not None]
    if not decoded:
        return None
    return max(decoded, key=lambda t: sum(t.count(ch) for ch in _COMMON))


def _detected(data: bytes) -> str:
    """Statistical detection as a last resort; imported here because the import alone costs ~50 ms."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def _xml_encoding(data: bytes) -> str | None:
    """The encoding an XHTML page names in its XML declaration (which lxml's HTML parser does not read)."""
    m = _XML_ENCODING.match(data, 0, 512)
    return m.group(1).decode("ascii").lower() if m else None


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data, 0, _SNIFF_BYTES)
    return m.group(1).decode("ascii").lower() if m else None


@lru_cache(maxsize=64)
def _codec(name: str | None) -> str | None:
    """Python's codec for a declared charset name (with its superset applied), or None if unknown."""
    if not name:
        return None
    name = name.strip().lower()
    try:
        canonical = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None
    if canonical.startswith(("utf-16", "utf-32")):
        return None  # only meaningful with a BOM, handled first; browsers read such declarations as UTF-8 too
    return _SUPERSETS.get(canonical, canonical)


@lru_cache(maxsize=64)
def _single_byte(encoding: str) -> bool:
    """True for codecs that turn every byte into one character, so that a strict decode proves nothing."""
    return len(bytes(range(256)).decode(encoding, errors="replace")) == 256


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded without a single error, except a character cut off at the very end.

    Bodies truncated in transfer (or by a size cap) end inside a multi-byte
    character; failing the whole document for that would pick a wrong charset.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        cut = e.end == len(data) and len(data) - e.start < 4 and ("end of data" in e.reason or "incomplete" in e.reason)
        head = _strict(data[: e.start], encoding) if cut and e.start else None
        return None if head is None else head + "\ufffd"
    except LookupError:
        return None
