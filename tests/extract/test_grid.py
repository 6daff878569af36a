"""Grid expansion: the property every table reader leans on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.grid import MAX_CELL_TEXT, MAX_COLSPAN, expand, grid_table, holds_data


@st.composite
def tilings(draw):
    """A rectangular grid cut into rectangles, and the HTML rows that describe it.

    Each rectangle is a cell written in the row of its top edge, in column
    order: exactly what a well-formed <table> with rowspan/colspan says.
    """
    height = draw(st.integers(1, 7))
    width = draw(st.integers(1, 7))
    owner: list[list[int | None]] = [[None] * width for _ in range(height)]
    rects: list[tuple[int, int, int, int]] = []
    for r in range(height):
        for c in range(width):
            if owner[r][c] is not None:
                continue
            max_w = 1
            while c + max_w < width and owner[r][c + max_w] is None:
                max_w += 1
            w = draw(st.integers(1, max_w))
            h = draw(st.integers(1, height - r))
            for dr in range(h):
                for dc in range(w):
                    owner[r + dr][c + dc] = len(rects)
            rects.append((r, c, h, w))
    rows = [[(f"cell{i}", h, w) for i, (top, _, h, w) in enumerate(rects) if top == r] for r in range(height)]
    return rows, rects, owner


@given(tilings())
def test_a_well_formed_table_expands_to_its_tiling(case):
    rows, rects, owner = case
    grid = expand(rows)
    assert grid.texts == [[f"cell{i}" for i in line] for line in owner]
    for i, (top, left, h, w) in enumerate(rects):
        covered = [(r, c) for r, line in enumerate(grid.texts) for c, t in enumerate(line) if t == f"cell{i}"]
        assert len(covered) == h * w
        assert grid.spans[top][left] is False
        assert sum(grid.spans[r][c] for r, c in covered) == h * w - 1


# Mostly small spans, zero and negative ones included, and now and then one past the limits.
messy_cell = st.tuples(
    st.just(""),
    st.sampled_from([*range(-2, 6)] * 3 + [10**6]),
    st.sampled_from([*range(-2, 6)] * 3 + [MAX_COLSPAN + 5]),
)


@settings(deadline=None)  # a colspan of 1000 on a loaded machine can take longer than the default 200 ms
@given(st.lists(st.lists(messy_cell, max_size=5), max_size=6))
def test_any_spans_place_every_cell_without_padding(raw):
    rows = [[(f"r{r}c{c}", rs, cs) for c, (_, rs, cs) in enumerate(line)] for r, line in enumerate(raw)]
    grid = expand(rows)
    assert len(grid.texts) == len(rows) == len(grid.spans)
    assert all(len(t) == len(f) for t, f in zip(grid.texts, grid.spans, strict=True))
    for r, line in enumerate(rows):
        tops = []
        for text, _, _ in line:
            origin = [c for c, t in enumerate(grid.texts[r]) if t == text and not grid.spans[r][c]]
            assert len(origin) == 1, text
            tops.append(origin[0])
        assert tops == sorted(tops)
    for line, flags in zip(grid.texts, grid.spans, strict=True):
        for text, copied in zip(line, flags, strict=True):
            assert text or not copied


@given(st.lists(st.lists(st.text(max_size=3), min_size=1, max_size=5), max_size=6))
def test_a_table_without_spans_is_its_own_grid(texts):
    grid = expand([[(t, 1, 1) for t in line] for line in texts])
    assert grid.texts == texts  # ragged rows stay ragged: no blank cell is invented
    assert not any(any(line) for line in grid.spans)


def test_rowspan_zero_reaches_the_last_row_and_long_spans_are_cut():
    grid = expand([[("a", 0, 1), ("b", 9, 1)], [("c", 1, 1)], [("d", 1, 1)]])
    assert grid.texts == [["a", "b"], ["a", "b", "c"], ["a", "b", "d"]]


def test_a_colspan_past_the_limit_is_clamped():
    grid = expand([[("a", 1, MAX_COLSPAN + 5), ("b", 1, 1)]])
    assert len(grid.texts[0]) == MAX_COLSPAN + 1 and grid.texts[0][-2:] == ["a", "b"]


def test_an_overlap_keeps_the_earlier_cell():
    grid = expand([[("a", 1, 1), ("b", 2, 1)], [("c", 1, 3)]])
    assert grid.texts == [["a", "b"], ["c", "b", "c"]]
    assert grid.spans == [[False, False], [False, True, True]]


def test_grid_table_is_exact():
    table = grid_table([[("x", 1, 2)], [("1", 1, 1), ("2", 1, 1)]], index=3)
    assert (table.rows, table.spans, table.index, table.exact_grid) == (
        [["x", "x"], ["1", "2"]],
        [[False, True], [False, False]],
        3,
        True,
    )


def test_only_tables_pairing_short_labels_with_values_hold_data():
    assert holds_data([["规章", "3"], ["x"]])
    assert not holds_data([["一、总体情况"], ["正文"], []])
    assert not holds_data([["栏目", "正文" * (MAX_CELL_TEXT // 2 + 1)]])
    assert not holds_data([])
    assert not holds_data([["\xa0", " "], ["\u3000", ""]])


def test_rowspans_stop_at_the_end_of_their_row_group():
    rows = [[("h", 9, 1), ("x", 1, 1)], [("a", 0, 1), ("1", 1, 1)], [("2", 1, 1)], [("f", 5, 1), ("3", 1, 1)]]
    grid = expand(rows, groups=[1, 2, 1])
    assert grid.texts == [["h", "x"], ["a", "1"], ["a", "2"], ["f", "3"]]
    assert expand(rows).texts[1] == ["h", "a", "1"]  # one group: the header's rowspan covers every row


@given(tilings(), st.integers(0, 7))
def test_group_boundaries_never_change_a_table_whose_spans_respect_them(case, cut):
    rows, rects, _ = case
    cut = min(cut, len(rows))
    if any(top < cut < top + h for top, _, h, _ in rects):
        return
    assert expand(rows, groups=[cut, len(rows) - cut]) == expand(rows)
