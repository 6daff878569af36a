"""Titles at the edge of the decoy filter: cut short by a list template, in Traditional characters, near-decoys."""

from __future__ import annotations

import pytest

from flows.titles import is_annual_report_title, is_truncated


@pytest.mark.parametrize(
    "title",
    [
        "XX市自然资源局2023年政府信息公开工作年度报...",
        "XX市自然资源局2023年政府信息公开工作年度报…",
        "2023年度政府信息公开工作年...",
        "2023年度政府信息公开工作年……",
        "某县2022年政府信息公开年度报告…",
        "某县2022年政府信息公开年报...",
        "XX市2008年政府信息公开工作报...",
        "政府信息公开工作年度报⋯",
        "2023年政府信息公开工作年度报告。。。",
    ],
)
def test_a_title_cut_after_the_reports_own_words_is_kept(title: str) -> None:
    assert is_truncated(title) and is_annual_report_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "2023年政府信息公开指...",  # 指南
        "XX市2023年法治政府建设年度报...",
        "2024年政务公开工作要...",
        "2023年政府信息公开工作...",  # 工作要点, 工作总结, 工作方案... as likely as the report
        "XX市自然资源局2023年政府信息公...",
        "关于2023年政府信息公开工作年度报...",  # 关于…的解读 / 的通知
        "一图读懂2023年政府信息公开工作年度...",
        "2023年政府信息公开工作年度报告解...",
        "2023年政府信息公开目...",
    ],
)
def test_a_cut_title_that_could_still_be_a_decoy_is_left_out(title: str) -> None:
    assert not is_annual_report_title(title)


def test_only_a_trailing_ellipsis_marks_a_cut() -> None:
    assert is_truncated("2023年政府信息公开工作年度报...") and is_truncated("2023年政府信息公开工作年 … ")
    assert not is_truncated("2023年政府信息公开工作年度报告") and not is_truncated("……2023年政府信息公开工作年度报告")


@pytest.mark.parametrize(
    "title",
    [
        "某市2023年政府資訊公開工作年度報告",
        "政府資訊公開工作年度報告",
        "2023年度政府信息公开工作情况报告",
    ],
)
def test_report_titles_in_other_wordings(title: str) -> None:
    assert is_annual_report_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "2023年政府信息公开工作年度报告（英文版）",
        "2023年上半年政府信息公开工作报告",
        "2024年第一季度政务公开工作情况报告",
        "2023年政府信息公开工作年度报告（摘要）",
    ],
)
def test_translations_partial_years_and_summaries_are_not_the_report(title: str) -> None:
    assert not is_annual_report_title(title)
