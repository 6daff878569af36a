"""Equations that could not be checked because a cell they need is missing or unreadable.

Semantics decided here: a rule over an incomplete row set never claims the
report does not add up (the extractor refused a row whose columns were not
certain, or a cell could not be read as a number; the true figure may well
balance). Such an equation is recorded as an ``info`` finding of its own
rule id, ``incomplete``, naming the rule and the missing cells, so the
report says what it could not verify without counting it as a violation.
The rows come from ``Rule.equation`` of every rule; this family only gives
them their residual column, severity and wording.
"""

from __future__ import annotations

from quality.rules.base import INCOMPLETE, Rule, empty_checks

RULE = Rule(
    INCOMPLETE,
    "incomplete",
    "info",
    "equations not checked: a cell they need is missing or unreadable",
    "{cell}: {note}",
    lambda inputs: empty_checks(),
)
