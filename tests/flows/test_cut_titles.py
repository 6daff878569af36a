"""The whole title behind a link title cut short by a list template, as the page prints it."""

from __future__ import annotations

import pytest

from flows.cut_titles import full_title

CUT = "某县2023年政府信息公开工作年度报..."


def _page(head: str, body: str) -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{head}</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("head", "body", "whole"),
    [
        ("关于某县2023年政府信息公开工作年度报告的解读_某县人民政府", "", "某县2023年政府信息公开工作年度报告的解读"),
        ("某县2023年政府信息公开工作年度报告-某县人民政府", "", "某县2023年政府信息公开工作年度报告"),
        # the site's name in <title>: the heading in the body says it, spaces and all
        (
            "某县人民政府门户网站",
            "<div class='tit'>某县 2023 年政府信息公开工作年度报告</div>",
            "某县2023年政府信息公开工作年度报告",
        ),
        (
            "某县人民政府",
            "<p>某县2023年政府信息公开工作年度报告（英文版）</p>",
            "某县2023年政府信息公开工作年度报告(英文版)",
        ),
        (
            "某县人民政府",
            "<p>某县2023年政府信息公开工作年度报告发布时间：2024-01-20</p>",
            "某县2023年政府信息公开工作年度报告发布时间",
        ),
    ],
)
def test_the_page_prints_the_whole_title(head: str, body: str, whole: str) -> None:
    assert full_title(_page(head, body), "text/html", CUT) == whole


def test_a_page_that_does_not_print_it_leaves_the_question_open() -> None:
    page = _page("某县人民政府", "<script>var t='某县2023年政府信息公开工作年度报告的解读';</script><p>正文</p>")
    assert full_title(page, "text/html", CUT) is None
    assert full_title(b"", "text/html", CUT) is None
