-- Equations of the latest quality run that could not be checked: a cell they need is missing or
-- unreadable in the source (extraction refused the row, or the cell held text such as "见附件").
-- Kept apart from quality_findings because they say nothing about whether the report adds up.
create or replace view quality_unchecked as
select
    agency,
    year,
    metric,
    applicant,
    message,
    document_id,
    run_id
from quality_latest_run
where severity = 'info'
