"""Cell-level accuracy of ``extract_report`` on unseen reports written the ways real portals write HTML.

    .venv/bin/python -m tests.extract.unseen.measure_html [--seeds 2] [--only "word save-as,odd spans"] [--show 5]

Prints, per ``html_styles.STYLES`` entry: cells exact / cells expected,
invented cells, and reports whose agency, year or format is wrong (see ``scoreboard``).
"""

from __future__ import annotations

from tests.extract.unseen import scoreboard
from tests.extract.unseen.html_styles import STYLES, render_styled

if __name__ == "__main__":
    scoreboard.main("html style", render_styled, STYLES)
