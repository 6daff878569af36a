"""Number parsing: exact values, units converted, blanks not zero, the unreadable never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import parse_cell


@given(st.integers(min_value=-(10**9), max_value=10**12))
def test_integers_round_trip(n: int) -> None:
    assert parse_cell(str(n)) == parse_cell(f" {n} ") and parse_cell(str(n)).value == n


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators(n: int) -> None:
    assert parse_cell(f"{n:,}").value == n


@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_digits_and_count_units(n: int) -> None:
    full = str(n).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert parse_cell(full + "件").value == n


@given(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False))
def test_money_in_wan_yuan(d: Decimal) -> None:
    assert parse_cell(f"{d}万元", money=True).value == float(d) or parse_cell(f"{d}万元", money=True).value == int(d)
    assert parse_cell(f"{d}", money=True) == parse_cell(f"{d} 万元", money=True)


@given(st.integers(min_value=0, max_value=10**9))
def test_yuan_converted_to_wan_yuan(n: int) -> None:
    assert Decimal(str(parse_cell(f"{n}元", money=True).value)) == Decimal(n) / 10000


def test_spec_examples() -> None:
    assert parse_cell("38200元", money=True).value == 3.82
    assert parse_cell("855.034 万元", money=True).value == 855.034
    assert parse_cell("3490.9558", money=True).value == 3490.9558
    assert parse_cell("-3").value == -3


@given(st.sampled_from(["", " ", "\u00a0", "-", "—", "/", "无", "——", "\u3000"]))
def test_blanks_are_not_zero(raw: str) -> None:
    assert parse_cell(raw).status == "blank" and parse_cell(raw).value is None


@given(st.sampled_from(["90余", "约30", "见附件", "3-5", "1.2.3", "三"]))
def test_unreadable_is_never_guessed(raw: str) -> None:
    assert parse_cell(raw).status == "unreadable" and parse_cell(raw).value is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("10 20", None), ("3 1", None), ("12 345", 12345), ("2154\n85", 215485), ("3 259件", 3259)],
)
def test_digits_split_by_a_space_are_two_numbers_not_one(raw: str, value: int | None) -> None:
    """A space between digits joins two cells' numbers; only thousands grouping or a line wrap is one number."""
    cell = parse_cell(raw)
    assert cell.value == value and cell.status == ("unreadable" if value is None else "number")
