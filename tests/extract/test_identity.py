"""Agency and year covered, from the many ways a report announces them."""

from __future__ import annotations

import pytest

from extract.identity import find_identity


@pytest.mark.parametrize(
    ("paragraphs", "title", "expected"),
    [
        (["平顶山市公安局 2024 年政府信息公开工作年度报告"], None, ("平顶山市公安局", 2024)),
        (["石嘴山市公安局", "2020 年政府信息公开工作年度报告"], None, ("石嘴山市公安局", 2020)),
        (["同心縣公安局2023年政府信息公開工作年度報告"], None, ("同心县公安局", 2023)),
        (
            ["首页 > 政务公开 > 年报", "XX县自然资源局2022年度政府信息公开工作年度报告", "发布日期：2023-01-20"],
            None,
            ("XX县自然资源局", 2022),
        ),
        (
            ["2021年政府信息公开工作年度报告", "本报告由某某市教育局编制。"],
            "某某市教育局2021年政府信息公开年报_某某市人民政府",
            ("某某市教育局", 2021),
        ),
        (["某某镇人民政府2019年度政府信息公开年报"], None, ("某某镇人民政府", 2019)),
    ],
)
def test_identity(paragraphs: list[str], title: str | None, expected: tuple[str, int]) -> None:
    assert find_identity(paragraphs, title) == expected


def test_year_covered_not_publication_year() -> None:
    paras = [
        "某某区司法局政府信息公开工作年度报告",
        "本年度报告中所列数据统计期限自2024年1月1日至12月31日止。",
        "2025年1月15日",
    ]
    assert find_identity(paras, None) == ("某某区司法局", 2024)
