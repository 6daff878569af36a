-- Equations of the latest quality run that could not be checked: a cell they need is missing or
-- unreadable in the source (extraction refused the row, or the cell held text such as "见附件").
-- Kept apart from quality_findings because they say nothing about whether the report adds up.
create or replace view quality_unchecked as
with latest as (
    select run_id
    from quality_runs
    order by finished_at desc, run_id desc
    limit 1
),

final as (
    select
        f.agency,
        f.year,
        f.metric,
        f.applicant,
        f.message,
        f.document_id,
        f.run_id
    from finding_history as f
    inner join latest using (run_id)
    where f.severity = 'info'
)

select * from final
