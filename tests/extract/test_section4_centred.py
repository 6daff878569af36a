"""Section 四 tables without merges whose proceeding labels are printed centred or right-aligned over their columns.

A PDF without vertical rules, an HTML table without colspan or a Word table
without gridSpan keeps a centred label over the middle one of its five
outcome columns, with blank header cells on both sides. The outcome row splits
the columns into one block per proceeding (a block ends where an outcome comes
again), and each block takes the one proceeding printed over any of its columns.
A block without a proceeding, or with two, is never guessed.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.cells import CellReader
from extract.model import Table
from extract.section4 import read_section4
from gongkai.metrics import S4_GROUPS, S4_OUTCOMES
from tests.extract.unseen.measure import score
from tests.extract.unseen.pdf_styles import STYLES, render_styled
from tests.extract.unseen.variants import build

OUTCOMES = [label for _, label in S4_OUTCOMES]
CODES = [f"s4.{g}.{o}" for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]
VALUES = [str(10 + i) for i in range(len(CODES))]
WIDTH = len(OUTCOMES)


def _placed(labels: list[tuple[int, str]]) -> list[str]:
    """A header row of fifteen cells with each label at its position, blanks elsewhere."""
    row = [""] * (WIDTH * len(S4_GROUPS))
    for p, text in labels:
        row[p] = text
    return row


def _header(offset: int) -> list[list[str]]:
    """行政复议 over its block, 行政诉讼 over the two litigation blocks, each proceeding ``offset`` columns in."""
    review, direct, after = (label for _, label in S4_GROUPS)
    return [
        _placed([(offset, review), (WIDTH + offset, "行政诉讼")]),
        _placed([(WIDTH + offset, direct), (2 * WIDTH + offset, after)]),
        OUTCOMES * len(S4_GROUPS),
    ]


def _read(rows: list[list[str]], exact: bool) -> tuple[dict[str, int | float | None], CellReader]:
    cells = CellReader({0: "四"})
    read_section4(Table(rows, 0, exact_grid=exact), "2021", cells)
    return {f.metric: f.value for f in cells.facts}, cells


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("offset", [0, 1, 2, 3, 4], ids=["left", "second", "centred", "fourth", "right"])
def test_each_block_takes_the_proceeding_printed_over_any_of_its_columns(offset: int, exact: bool) -> None:
    got, cells = _read([*_header(offset), VALUES], exact)
    assert got == {code: int(v) for code, v in zip(CODES, VALUES, strict=True)}
    assert not cells.issues


@pytest.mark.parametrize("exact", [True, False])
def test_centred_labels_with_blank_values_at_both_ends(exact: bool) -> None:
    """Blanks at the ends leave fewer numbers than columns: only the header can place them."""
    row = ["", *VALUES[1:-1], ""]
    got, cells = _read([*_header(2), row], exact)
    assert got == {code: (None if i in (0, 14) else int(VALUES[i])) for i, code in enumerate(CODES)}
    assert not cells.issues


def test_blocks_end_where_an_outcome_comes_again_in_an_order_of_their_own() -> None:
    """总计 printed first in every block: the blocks still follow the repeated outcomes, not a fixed order."""
    order = [4, 0, 1, 2, 3]
    header = _header(2)
    header[2] = [OUTCOMES[o] for o in order] * len(S4_GROUPS)
    row = [VALUES[g * WIDTH + o] for g in range(len(S4_GROUPS)) for o in order]
    got, _ = _read([*header, row], True)
    assert got == {code: int(v) for code, v in zip(CODES, VALUES, strict=True)}


def test_a_block_under_two_proceedings_is_not_read() -> None:
    """复议后起诉 printed over the middle block as well as 未经复议直接起诉: no block is named by a guess."""
    header = _header(2)
    header[1][WIDTH + 4] = S4_GROUPS[2][1]
    got, cells = _read([*header, VALUES], True)
    assert not got
    assert [i.code for i in cells.issues] == ["s4_not_attributable"]


def test_a_block_without_a_proceeding_is_not_read() -> None:
    """No label over the last block: it does not borrow its neighbour's, and nothing is read."""
    header = _header(2)
    header[1][2 * WIDTH + 2] = ""
    got, cells = _read([*header, VALUES], True)
    assert not got
    assert [i.code for i in cells.issues] == ["s4_not_attributable"]


@pytest.mark.parametrize("style", ["no rules", "three-line"])
def test_unruled_pdf_with_centred_proceedings(style: str) -> None:
    """The generator centres the proceedings; a PDF without vertical rules keeps them over the middle column."""
    variant = build("mixed", 2, "2019")
    report = extract_report(render_styled(variant, STYLES[style]))
    assert not [e for e in score(variant, report).errors if "s4." in e]
    assert "s4_not_attributable" not in {i.code for i in report.issues}
