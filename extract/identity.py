"""Who published the report and which year it covers.

The title names both ("平顶山市公安局2024年政府信息公开工作年度报告"), but it is
often split over two lines, buried under portal navigation, or missing the
agency; the year must be the year covered, not the year of publication (a
report for 2024 is dated 2025). Sources are tried from most to least direct.
"""

from __future__ import annotations

import re

from extract.normalize import clean_text

_REPORT = r"(?:政府信息公开|政务公开|信息公开)[^。；]{0,12}?(?:年度报告|年报|工作报告)"
_TITLE = re.compile(
    rf"^(?P<agency>.*?)[《\"]?\s*(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:度)?\s*(?:的)?\s*(?:本(?:机关|单位))?{_REPORT}"
)
_AGENCY_ONLY = re.compile(rf"^(?P<agency>.{{2,40}}?)(?:关于)?(?:年度)?{_REPORT}")
_YEAR_REPORT = re.compile(rf"(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:度)?\s*{_REPORT}")
_YEAR_SPAN = re.compile(r"(?:自|从|为|期限)\s*(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR_DU = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")
_AGENCY_SUFFIX = re.compile(
    r"(人民政府|办公室|办公厅|委员会|管理局|管委会|街道办事处|办事处|局|委|办|厅|院|部|署|中心|政府|镇|乡|街道|队|所|站|会)$"
)
_STRIP = re.compile(r"^[\s《\"“「【\[（(]+|[\s》\"”」】\]）)]+$")
_NOISE = re.compile(r"^(?:关于|印发|公布|发布|现发布|现将|根据)")


_GENERIC = frozenset({"政府", "人民政府", "本机关", "本单位", "我局", "我委", "我办", "本局"})


def _agency(text: str) -> str | None:
    """A plausible agency name: ends like one, is not a generic word, carries no sentence punctuation."""
    name = _STRIP.sub("", text.replace(" ", ""))
    name = _NOISE.sub("", name).removesuffix("关于").removesuffix("的")
    if (
        name not in _GENERIC
        and 3 <= len(name) <= 40
        and _AGENCY_SUFFIX.search(name)
        and not re.search(r"[，。；:：>›»|_]", name)
    ):
        return name
    return None


def _title_candidates(head: list[str]) -> list[str]:
    return [p for p in head if len(p) <= 80 and re.search(_REPORT, p)]


def _from_titles(candidates: list[str]) -> tuple[str | None, int | None]:
    agency: str | None = None
    year: int | None = None
    for cand in candidates:
        m = _TITLE.search(cand)
        if m:
            year = year or int(m.group("year"))
            agency = agency or _agency(m.group("agency"))
        elif agency is None and (m2 := _AGENCY_ONLY.search(cand)):
            agency = _agency(m2.group("agency"))
        if agency and year:
            break
    return agency, year


def find_identity(paragraphs: list[str], title: str | None) -> tuple[str | None, int | None]:
    """(agency, year covered) from the document's paragraphs and its HTML title, either may be None."""
    head = [clean_text(p[:400]) for p in paragraphs[:60] if p.strip()]
    agency, year = _from_titles(_title_candidates(head))
    text = " ".join(head)
    if agency is None:
        m = re.search(r"(?:现|特)(?:将|发布|公布)[^《]{0,12}《(?P<a>[^《》]{2,40}?)(?:19|20)\d{2}\s*年", text)
        if m:
            agency = _agency(m.group("a"))
    if agency is None:
        # The agency alone on the line above a title that starts with the year.
        for i, p in enumerate(head):
            if i > 0 and _YEAR_REPORT.match(p) and (agency := _agency(head[i - 1])):
                break
    if title and (agency is None or year is None):
        page_agency, page_year = _from_titles([clean_text(re.split(r"[_|]|\s[-–—]\s", title)[0])])
        agency, year = agency or page_agency, year or page_year
    if year is None:
        for rx in (_YEAR_REPORT, _YEAR_SPAN, _YEAR_DU):
            m = rx.search(text)
            if m:
                year = int(m.group("year"))
                break
    if agency is None:
        tail = [clean_text(p) for p in paragraphs[-8:] if p.strip()]
        for p in reversed(tail):
            if len(p) <= 40 and (a := _agency(re.sub(r"(?:19|20)\d{2}\s*年.*$", "", p))):
                agency = a
                break
    return agency, year
