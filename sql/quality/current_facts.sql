-- The facts the quality rules read: every current fact, keyed by its
-- report's `doc` (`reports` is the result of current_reports.sql).
with facts as (
    select
        document_id,
        metric,
        applicant,
        value,
        raw
    from report_facts
),

final as (
    select
        r.doc,
        f.metric,
        f.applicant,
        f.value,
        f.raw
    from facts as f
    inner join reports as r using (document_id)
)

select * from final
