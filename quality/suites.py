"""The Great Expectations suites, defined in code and versioned.

Two suites, one per batch: ``facts`` holds the column expectations (types,
ranges, required keys, known codes) and R5, which are about single cells;
``rules`` holds one residual expectation per rule family over the check rows
of quality.rules. Bump SUITE_VERSION whenever an expectation changes meaning,
so findings of different runs stay comparable (it is stored per run).

Every expectation's ``meta`` names the rule and severity its failures become.
"""

from __future__ import annotations

from datetime import date

from gongkai.metrics import APPLICANT_CODES, BY_CODE, FORMATS
from quality.rules import RULES
from quality.rules.r5_non_negative import RULE as R5

SUITE_VERSION = 1
FACTS_SUITE = f"gongkai_facts_v{SUITE_VERSION}"
RULES_SUITE = f"gongkai_rules_v{SUITE_VERSION}"
FACT_ID = "fact_id"
CHECK_ID = "check_id"
COLUMNS_RULE = "columns"  # the rule id findings of column expectations carry
FIRST_YEAR = 2008  # the disclosure regulation took effect on 1 May 2008


def _meta(rule: str, severity: str) -> dict:
    return {"rule": rule, "severity": severity, "suite_version": SUITE_VERSION}


def facts_suite():
    """Expectations on the facts batch (one row per current fact)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    col = _meta(COLUMNS_RULE, "error")
    expectations = [
        *(gxe.ExpectColumnValuesToNotBeNull(column=c, meta=col) for c in ("document_id", "agency", "year", "metric")),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=FIRST_YEAR, max_value=date.today().year, meta=col),
        gxe.ExpectColumnValuesToBeInSet(column="format", value_set=list(FORMATS), meta=col),
        gxe.ExpectColumnValuesToBeInSet(column="metric", value_set=sorted(BY_CODE), meta=col),
        gxe.ExpectColumnValuesToBeInSet(column="applicant", value_set=list(APPLICANT_CODES), meta=col),
        # section 三 facts need an applicant column, others must not have one
        gxe.ExpectColumnValuesToBeInSet(column="applicant_ok", value_set=[True], meta=col),
        gxe.ExpectColumnValuesToBeOfType(column="value", type_="float64", meta=col),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "metric", "applicant"], meta=col),
        gxe.ExpectColumnValuesToBeBetween(column=R5.column, min_value=0, max_value=0, meta=_meta(R5.id, R5.severity)),
    ]
    suite = gx.ExpectationSuite(name=FACTS_SUITE, meta={"version": SUITE_VERSION})
    for expectation in expectations:
        suite.add_expectation(expectation)
    return suite


def rules_suite():
    """Expectations on the checks batch: every rule's residual column must be 0 where defined."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    suite = gx.ExpectationSuite(name=RULES_SUITE, meta={"version": SUITE_VERSION})
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="rule", value_set=[r.id for r in RULES], meta=_meta(COLUMNS_RULE, "error")
        )
    )
    for rule in RULES:
        if rule.checks is not None:
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeBetween(
                    column=rule.column, min_value=0, max_value=0, meta=_meta(rule.id, rule.severity)
                )
            )
    return suite
