"""What a link title cut short by a list template stands for, as the report page itself prints it.

Discovery keeps a cut title ("…工作年度报...") when its visible part rules
out every decoy family, but a decoy that appends its kind to the report's
full name (…年度报告的解读, …年度报告解读) looks the same until the cut. The
fetched page settles it at no extra request: its title, headings or first
lines print the whole name. The page's own ``<title>`` is not enough alone:
many portals put only the site's name there.
"""

from __future__ import annotations

import re

from extract.normalize import normalize_label
from flows.discover import html_tree, page_text
from flows.titles import visible_part

# Where a printed title ends once spaces are gone: the separators of <title> ("…报告_某市人民政府"),
# sentence punctuation. Brackets do not end it: "…年度报告（英文版）" is a decoy by what they hold. A byline
# run on ("…报告发布时间：…") stays a report's title.
_TITLE_END = re.compile(r"[_|\-—–－,，。;；:：、]")
_LONGEST_TAIL = 24  # characters a title may run past the cut: "告的解读", "告（2023年度）"


def full_title(data: bytes, content_type: str | None, cut: str) -> str | None:
    """The first text on the page that starts like ``cut``: in its title and headings, then in its body.

    None when the page does not print it; its content decides then, as for any page.
    """
    visible = visible_part(cut)
    tree = html_tree(page_text(data, content_type)) if visible else None
    if tree is None:
        return None
    headings = [element.text_content() for element in tree.xpath("//title|//h1|//h2|//h3")]
    body = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    for text in [*headings, *map(str, body)]:
        printed = normalize_label(text)
        at = printed.find(visible)
        if at >= 0:
            tail = _TITLE_END.split(printed[at + len(visible) :], maxsplit=1)[0]
            return visible + tail[:_LONGEST_TAIL]
    return None
