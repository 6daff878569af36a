-- One row per finding of the latest quality run (fixed name: analysts start here).
-- The latest run is taken from quality_runs, so a clean run shows no rows. Equations that could not be
-- checked (severity info: a cell they need is missing or unreadable) are not violations of the report:
-- they are listed in quality_unchecked instead.
create or replace view quality_findings as
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
        f.rule,
        f.metric,
        f.applicant,
        f.expected,
        f.observed,
        f.severity,
        f.message,
        f.document_id,
        f.run_id
    from finding_history as f
    inner join latest using (run_id)
    where f.severity <> 'info'
)

select * from final
