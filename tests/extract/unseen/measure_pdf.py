"""Cell-level accuracy of ``extract_report`` on unseen reports drawn in each real-world PDF style.

    .venv/bin/python -m tests.extract.unseen.measure_pdf [--seeds 2] [--only "rect borders,three-line"] [--show 5]

Prints, per ``pdf_styles.STYLES`` entry: cells exact / cells expected,
invented cells, and reports whose agency, year or format is wrong (see ``scoreboard``).
"""

from __future__ import annotations

from tests.extract.unseen import scoreboard
from tests.extract.unseen.pdf_styles import STYLES, render_styled


def _render(variant, style) -> tuple[bytes, None]:
    return render_styled(variant, style), None


if __name__ == "__main__":
    scoreboard.main("pdf style", _render, STYLES)
