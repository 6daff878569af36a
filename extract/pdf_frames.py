"""The outer border of a ruled table that was printed without one.

Many exports draw only a table's inner rules (Word's "no outer border", WPS
tables with the frame switched off). pdfplumber builds a cell only where four
edges enclose it, so every cell along the missing frame would be lost: the
label column, the header row, the last row. The frame is still implied: the
inner horizontal rules run out to the table's left and right edges and the
inner vertical rules to its top and bottom. So each group of touching rules
(a table) gets the sides of its bounding box on which no rule is drawn at all
as explicit lines. Lone rules (a page header's underline, a three-line table
with no vertical rule) form no group with both directions and get no frame.

A row that spans every column ("三、本年度办理结果" as a row of its own) has
no vertical rule once the frame is gone, so it touches neither the rules
above nor below it, and the table falls into two groups with the row
between them. Two groups are one table when the upper one ends in a rule of
the full width (no vertical rule hangs below it), the lower one starts with
one, both spans agree, and the gap is a row's height at most. Two tables
apart without an outer border never meet this: the last row's vertical
rules reach below the upper table's last horizontal rule.
"""

from __future__ import annotations

from pdfplumber.table import merge_edges

TOLERANCE = 3.0  # pdfplumber's default snap and join tolerances, in points
MIN_LENGTH = 3.0
ROW_GAP = 40.0  # points: a full-width row of up to three lines of small text


def frame_lines(edges: list[dict]) -> list[dict]:
    """Explicit line objects (for pdfplumber's ``explicit_*_lines``) framing each group of crossing rules."""
    kept = [
        e for e in edges if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= MIN_LENGTH
    ]
    if not kept:
        return []
    merged = merge_edges(kept, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    parent = list(range(len(merged)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, e in enumerate(merged) if e["orientation"] == "h"]
    vertical = [i for i, e in enumerate(merged) if e["orientation"] == "v"]
    for i in horizontal:
        h = merged[i]
        for j in vertical:
            v = merged[j]
            if (
                h["x0"] - TOLERANCE <= v["x0"] <= h["x1"] + TOLERANCE
                and v["top"] - TOLERANCE <= h["top"] <= v["bottom"] + TOLERANCE
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[dict]] = {}
    for i, e in enumerate(merged):
        groups.setdefault(root(i), []).append(e)
    out = []
    for group in _stacked(list(groups.values())):
        kinds = {e["orientation"] for e in group}
        if kinds != {"h", "v"} or len(group) < 3:
            continue
        x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
        top, bottom = min(e["top"] for e in group), max(e["bottom"] for e in group)
        sides = [
            _line(x0, top, x1, top),
            _line(x0, bottom, x1, bottom),
            _line(x0, top, x0, bottom),
            _line(x1, top, x1, bottom),
        ]
        out += [side for side in sides if not any(_along(e, side) for e in group)]
    return out


def _stacked(groups: list[list[dict]]) -> list[list[dict]]:
    """Joins groups split by a full-width row that has no vertical rule (see the module docstring)."""
    out: list[list[dict]] = []
    for group in sorted(groups, key=lambda g: min(e["top"] for e in g)):
        if out and _meet(_full_rule(out[-1], last=True), _full_rule(group, last=False)):
            out[-1] = out[-1] + group
        else:
            out.append(group)
    return out


def _meet(above: tuple[float, float, float] | None, below: tuple[float, float, float] | None) -> bool:
    if above is None or below is None:
        return False
    same_span = abs(above[0] - below[0]) <= TOLERANCE and abs(above[1] - below[1]) <= TOLERANCE
    return same_span and 0 < below[2] - above[2] <= ROW_GAP


def _full_rule(group: list[dict], *, last: bool) -> tuple[float, float, float] | None:
    """The group's bottom (``last``) or top rule as (x0, x1, y) when it is horizontal and spans the whole group."""
    x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
    y = max(e["bottom"] for e in group) if last else min(e["top"] for e in group)
    spans = any(
        e["orientation"] == "h"
        and abs(e["top"] - y) <= TOLERANCE
        and e["x0"] - x0 <= TOLERANCE
        and x1 - e["x1"] <= TOLERANCE
        for e in group
    )
    return (x0, x1, y) if spans else None


def _along(edge: dict, side: dict) -> bool:
    """Whether a drawn rule lies on a side: that border is printed, wholly or in part, and is not added.

    A partly drawn border is the table's own: a row drawn short leaves a hole
    in it, and closing that hole would invent a cell the table does not have.
    """
    if (side["top"] == side["bottom"]) != (edge["orientation"] == "h"):
        return False
    if edge["orientation"] == "h":
        return (
            abs(edge["top"] - side["top"]) <= TOLERANCE
            and min(edge["x1"], side["x1"]) - max(edge["x0"], side["x0"]) > TOLERANCE
        )
    return (
        abs(edge["x0"] - side["x0"]) <= TOLERANCE
        and min(edge["bottom"], side["bottom"]) - max(edge["top"], side["top"]) > TOLERANCE
    )


def _line(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }
