"""Section headings by their words, whatever numbering style a report uses."""

from __future__ import annotations

import pytest

from extract.sections import heading_section


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("一、总体情况", "一"),
        ("第一部分 总体情况", "一"),
        ("第二部分：主动公开政府信息情况", "二"),
        ("第三章 收到和处理政府信息公开申请情况", "三"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "五"),
        ("其他需要报告的事项", "六"),  # printed bold, without a numeral
        ("总体情况", "一"),
    ],
)
def test_headings_in_every_numbering_style(text: str, section: str) -> None:
    assert heading_section(text) == section


@pytest.mark.parametrize(
    "text",
    [
        "（一）总体情况",
        "总体情况良好，本机关认真贯彻落实条例",
        "全年主动公开政府信息情况如下表所示，共计公开信息1200条",
    ],
)
def test_sentences_and_sub_headings_are_not_sections(text: str) -> None:
    assert heading_section(text) is None
