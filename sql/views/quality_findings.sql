-- One row per rule violation found by the latest quality run (fixed name: analysts start here).
-- Equations that could not be checked (severity info: a cell they need is missing or unreadable) are not
-- violations of the report: they are listed in quality_unchecked instead.
create or replace view quality_findings as
select
    agency,
    year,
    rule,
    metric,
    applicant,
    expected,
    observed,
    severity,
    message,
    document_id,
    run_id
from quality_latest_run
where severity <> 'info'
