"""Region and administrative level of an agency, read from its name where the name says them.

Chinese agency names start with the divisions they belong to
("宁夏回族自治区石嘴山市公安局"): the run of division names is the region and
the last division's suffix gives the level. What the name does not say stays
null. A county-level city (县级市) is named like a prefecture-level one:
it is recognised under a prefecture ("恩施州利川市"), but a bare "灵武市" is
classed 市; that is the one ambiguity the name alone cannot resolve.
"""

from __future__ import annotations

import re

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# suffix -> level; longest suffixes first so 自治州 wins over 州
_LEVELS: dict[str, str] = {
    "特别行政区": "省",
    "自治区": "省",
    "省": "省",
    "自治州": "市",
    "地区": "市",
    "市": "市",
    "州": "市",
    "盟": "市",
    "自治县": "县",
    "自治旗": "县",
    "县": "县",
    "区": "县",
    "旗": "县",
    "街道": "乡",
    "乡": "乡",
    "镇": "乡",
}
_BY_LENGTH = sorted(_LEVELS, key=len, reverse=True)
_SUFFIX = "|".join(_BY_LENGTH)
# A division: a few name characters, then a suffix that neither starts a common
# word ("市场监督管理局", "区域") nor is followed by a longer suffix ("广州" of "广州市").
_DIVISION = re.compile(
    rf"[^省市县区旗乡镇盟局委办厅部院室所站队]{{1,10}}?(?:{_SUFFIX})"
    r"(?!(?<=市)[场政])(?!(?<=区)[域划])(?![省县区旗州盟]|市(?![场政]))"
)


def describe_agency(name: str) -> tuple[str | None, str | None]:
    """(region, level) of the agency ``name``; (None, None) when the name starts with no division."""
    position = 0
    level: str | None = None
    while match := _DIVISION.match(name, position):
        unit_level = _LEVELS[next(s for s in _BY_LENGTH if match.group().endswith(s))]
        # a 市 inside a prefecture (恩施州利川市) is a county-level city
        level = "县" if unit_level == "市" and level == "市" else unit_level
        position = match.end()
    region = name[:position] or None
    if region in _MUNICIPALITIES:
        return region, "省"
    return region, level
