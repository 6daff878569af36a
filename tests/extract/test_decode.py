"""Charset handling: declarations are hints, strict decoding decides."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.decode import charset_from_content_type, decode_text

REPORT = "平顶山市公安局2024年政府信息公开工作年度报告：收到申请23件，本机关不掌握相关政府信息10件。"
BEYOND_GB2312 = "朱镕基、王堃、𠮷"  # in GBK or only in GB18030: a page declaring gb2312 still uses them
TRADITIONAL = "同心縣公安局政府信息公開工作年度報告：本機關的申請人是一個自然人，在本年度中予以公開。"


def page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ""],
    ids=["meta-charset", "http-equiv", "undeclared"],
)
def test_gbk_pages_decode_with_or_without_a_declaration(meta):
    html = page(REPORT + BEYOND_GB2312, meta)
    assert decode_text(html.encode("gb18030")) == html


def test_a_page_declaring_utf8_that_is_gbk_reads_as_gbk():
    html = page(REPORT, '<meta charset="utf-8">')
    assert decode_text(html.encode("gbk")) == html


def test_a_header_saying_latin1_does_not_turn_gbk_into_mojibake():
    html = page(REPORT)
    assert decode_text(html.encode("gbk"), declared="iso-8859-1") == html


@pytest.mark.parametrize(
    ("meta", "header"),
    [('<meta charset="big5">', "gbk"), ('<meta charset="gbk">', None), ("", "gb2312"), ("", None)],
    ids=["big5-served-as-gbk", "big5-declared-gbk", "header-gb2312", "undeclared"],
)
def test_big5_is_told_from_gbk_by_its_text_not_by_what_is_declared(meta, header):
    """Almost every Big5 byte pair is a GBK pair too: a wrong declaration would decode cleanly into nonsense."""
    html = page(TRADITIONAL * 3, meta)
    assert decode_text(html.encode("big5"), declared=header) == html


def test_a_gbk_page_served_as_big5_still_reads_as_gbk():
    html = page(REPORT * 3, '<meta charset="big5">')
    assert decode_text(html.encode("gbk"), declared="big5") == html


@pytest.mark.parametrize("encoding", ["gb2312", "GBK", "big5"])
def test_the_xml_declaration_of_an_xhtml_page_names_its_encoding(encoding):
    html = f'<?xml version="1.0" encoding="{encoding}"?>\n' + page(TRADITIONAL if encoding == "big5" else REPORT)
    assert decode_text(html.encode(encoding)) == html


def test_a_real_latin1_page_is_read_as_declared():
    html = page("Rapport annuel : café, naïve façade, 100 µg")
    assert decode_text(html.encode("latin-1"), declared="iso-8859-1") == html


def test_the_header_charset_alone_decides_what_statistics_cannot():
    html = page("機關申請資訊處理")  # too short and too rare for the frequency check: read as GB18030 it is mojibake
    data = html.encode("big5")
    assert decode_text(data) != html
    assert decode_text(data, declared=charset_from_content_type("text/html; charset=big5")) == html


def test_undeclared_big5_is_told_from_gb18030():
    html = page(TRADITIONAL * 3)
    assert decode_text(html.encode("big5")) == html


def test_utf8_wins_over_a_wrong_declaration():
    html = page(REPORT, '<meta charset="gbk">')
    assert decode_text(html.encode("utf-8"), declared="gb2312") == html


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_a_bom_decides(encoding):
    html = page(REPORT, '<meta charset="gbk">')
    data = html.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_text(data, declared="gbk") == html


def test_a_multibyte_character_across_the_sniffing_window_does_not_matter():
    head = "<html><head><title>x</title></head><body>" + "a" * 4095
    html = head[:4095] + REPORT * 50
    data = html.encode("utf-8")
    assert data[4095] >= 0x80 and data[4096] >= 0x80  # the 4 KB cut splits a character
    assert decode_text(data) == html


def test_a_declaration_past_the_sniffing_window_is_not_trusted_but_the_page_still_reads():
    html = "<html><body>" + " " * 5000 + '<meta charset="big5">' + REPORT + "</body></html>"
    assert decode_text(html.encode("gbk")) == html


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_body_cut_inside_its_last_character_keeps_its_charset(encoding):
    html = page(REPORT * 20)
    data = html[: html.rindex("。") + 1].encode(encoding)[:-1]
    assert decode_text(data) == html[: html.rindex("。")] + "\ufffd"


def test_undecodable_bytes_still_give_text():
    text = decode_text(b"abc \x80 def \xff\xff ghi")
    assert "abc" in text and "ghi" in text


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
    st.sampled_from([None, "gbk", "big5", "iso-8859-1", "bogus"]),
)
def test_utf8_always_round_trips(text, declared):
    if text.startswith("\ufeff"):
        text = text[1:]
    assert decode_text(text.encode("utf-8"), declared) == text


@pytest.mark.parametrize(
    ("ct", "expected"),
    [
        ("text/html; charset=GBK", "gbk"),
        ('text/html; charset="utf-8"', "utf-8"),
        ("text/html;charset=gb2312;q=1", "gb2312"),
        ("text/html", None),
        (None, None),
        ("", None),
    ],
)
def test_charset_from_content_type(ct, expected):
    assert charset_from_content_type(ct) == expected
