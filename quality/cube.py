"""One section's cells of every report as a dense array, and the wide frames the rules read from it.

Rules are arithmetic across the cells of one report, easiest to state on a
wide frame with one column per cell. Polars' ``pivot`` of two million facts
took seconds per call here; a section 三 table is a fixed grid (report x
applicant column x metric row), so the facts are scattered once into numpy
arrays indexed by the report's integer ``doc`` and every wide view is a
reshape of them.

A wide frame cannot tell a blank cell from a missing row, and the rules
must: a blank counts as 0 (and the finding says so), a missing row means the
equation is not checked at all. So every cell column comes with a
``<cell>__blank`` flag: true for a blank, false for a number, null when the
report has no such cell (and then the value column is null too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

BLANK = "__blank"
ABSENT, BLANK_CELL, NUMBER = 0, 1, 2


@dataclass(frozen=True)
class Cube:
    """``value[doc, applicant, metric]`` (0.0 where blank or absent) and ``state`` (ABSENT, BLANK_CELL, NUMBER).

    ``applicants`` may end with None: facts without an applicant column.
    Facts are unique per (document, metric, applicant): the extractor keeps
    the first of a cell printed twice, and the facts suite checks it.
    """

    applicants: list[str | None]
    metrics: list[str]
    value: np.ndarray
    state: np.ndarray

    @classmethod
    def of(cls, facts: pl.DataFrame, docs: int, metrics: list[str], applicants: list[str | None]) -> Cube:
        """Scatter ``facts`` (doc, value, and metric and applicant as enums; metrics among ``metrics``).

        The applicant axis is ``applicants`` (present or not, so every rule
        finds the columns it names), then any other code the facts hold, then
        None for facts without an applicant column.
        """
        applicant, metric, value = (facts.get_column(c) for c in ("applicant", "metric", "value"))
        names = applicant.dtype.categories.to_list()
        code = applicant.to_physical().cast(pl.Int64).fill_null(len(names)).to_numpy()  # null: after the names
        held = [None if c == len(names) else names[c] for c in np.unique(code)]
        axis = [a for a in applicants if a is not None] + [a for a in held if a is not None and a not in applicants]
        axis += [None] if None in applicants or None in held else []
        slot = np.array([axis.index(a) if a in axis else -1 for a in [*names, None]], dtype=np.int64)
        position = {name: i for i, name in enumerate(metrics)}
        row = np.array([position.get(name, -1) for name in metric.dtype.categories.to_list()], dtype=np.int64)
        at = (facts.get_column("doc").to_numpy(), slot[code], row[metric.to_physical().to_numpy()])
        shape = (docs, len(axis), len(metrics))
        cube = cls(axis, metrics, np.zeros(shape), np.zeros(shape, dtype=np.int8))
        cube.value[at] = value.fill_null(0.0).to_numpy()
        cube.state[at] = np.where(value.is_null().to_numpy(), BLANK_CELL, NUMBER)
        return cube

    def wide(self, by: Literal["applicant", "metric"]) -> pl.DataFrame:
        """One row per report and ``by`` label that has a cell; a value and a blank column per other label."""
        value, state = self.value, self.state
        labels, columns = self.applicants, self.metrics
        if by == "metric":
            value, state = value.transpose(0, 2, 1), state.transpose(0, 2, 1)
            labels, columns = self.metrics, [a for a in self.applicants if a is not None]
        docs, width = value.shape[0] * value.shape[1], value.shape[2]
        value, state = value.reshape(docs, width), state.reshape(docs, width)
        rows = np.flatnonzero((state != ABSENT).any(axis=1))
        frame = pl.DataFrame(
            {
                "doc": (rows // len(labels)).astype(np.int32),
                by: pl.Series(labels, dtype=pl.String).gather(rows % len(labels)),
                **{c: value[rows, i] for i, c in enumerate(columns)},
                **{c + BLANK: state[rows, i] for i, c in enumerate(columns)},
            }
        )
        return frame.with_columns(
            *(pl.when(pl.col(c + BLANK) != ABSENT).then(pl.col(c)).alias(c) for c in columns),
            *(
                pl.when(pl.col(c + BLANK) != ABSENT).then(pl.col(c + BLANK) == BLANK_CELL).alias(c + BLANK)
                for c in columns
            ),
        )

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """(state, value) with one row per report and all its cells flattened, to compare whole tables."""
        docs, applicants, metrics = self.state.shape
        return self.state.reshape(docs, applicants * metrics), self.value.reshape(docs, applicants * metrics)
