"""Making GX Data Docs render with no internet.

Data Docs pages load Bootstrap, jQuery, bootstrap-table, Font Awesome and
vega from CDNs; offline they render unstyled, and the index page (whose
tables bootstrap-table fills from inline JSON) renders empty. After GX builds
the site, this copies the vendored copies in ``quality/static/vendor`` next
to it and points every CDN link at them. Links to assets the suites here
never use (vega charts, the dark-mode sheet), the header logo GX's CSS
loads from S3, and links out to GX's website are dropped, so no page refers
to the network at all.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"
# basename of a CDN URL -> path under the vendor folder
LOCAL = {
    "jquery-3.7.1.min.js": "jquery.min.js",
    "bootstrap.min.css": "bootstrap.min.css",
    "bootstrap.min.js": "bootstrap.min.js",
    "popper.min.js": "popper.min.js",
    "bootstrap-table.min.css": "bootstrap-table.min.css",
    "bootstrap-table.min.js": "bootstrap-table.min.js",
    "bootstrap-table-filter-control.min.css": "bootstrap-table-filter-control.min.css",
    "bootstrap-table-filter-control.min.js": "bootstrap-table-filter-control.min.js",
    "all.min.css": "css/fontawesome-all.min.css",
    "bootstrap-datepicker.min.js": "bootstrap-datepicker.min.js",  # the index's run-time filter needs it
    "bootstrap-datepicker.min.css": "bootstrap-datepicker.min.css",
}
_TAG = re.compile(
    r"<script[^>]*\bsrc=\"(?P<src>https?://[^\"]+)\"[^>]*>\s*</script>"
    r"|<link[^>]*\bhref=\"(?P<href>https?://[^\"]+)\"[^>]*>"
    r"|(?P<img>https://great-expectations-web-assets[^\"]+/(?P<image>[\w.-]+)\?[^\"]*)"
    r"|url\(['\"]?(?P<css>https?://[^'\")]+)['\"]?\)"
    r"|(?P<anchor><a\b[^>]*?)\s+href=\"(?P<link>https?://[^\"]+)\""
)

_SRI = re.compile(r'\s+(integrity|crossorigin)="[^"]*"')


def make_offline(docs_dir: Path) -> list[str]:
    """Copy the vendored assets into ``docs_dir`` and rewrite every page; returns the URLs dropped."""
    target = docs_dir / "static" / "vendor"
    shutil.copytree(VENDOR, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    dropped: set[str] = set()
    for page in docs_dir.rglob("*.html"):
        page.write_text(_rewrite(page.read_text(encoding="utf-8"), page.parent, docs_dir, dropped), encoding="utf-8")
    return sorted(dropped)


def _rewrite(html: str, here: Path, docs_dir: Path, dropped: set[str]) -> str:
    def local(path: Path) -> str:
        return os.path.relpath(path, here).replace(os.sep, "/")

    def replace(match: re.Match) -> str:
        if match["img"]:
            return local(docs_dir / "static" / "images" / match["image"])
        if match["css"]:  # the header's logo as a CSS background: plain header offline
            dropped.add(match["css"])
            return "none"
        if match["anchor"]:  # links to GX's website (newsletter, home): dead offline, kept as text
            dropped.add(match["link"])
            return match["anchor"]
        url = match["src"] or match["href"]
        name = LOCAL.get(url.rsplit("/", 1)[-1])
        if name is None:
            dropped.add(url)
            return ""
        tag = match[0].replace(url, local(docs_dir / "static" / "vendor" / name))
        return _SRI.sub("", tag)  # file:// pages cannot satisfy CORS, so SRI would block the local copy

    return _TAG.sub(replace, html)
