-- One row per current report that has facts, numbered: `doc` is the integer
-- key the quality rules join, group and index on instead of the 64-character
-- document hash (quality.frames registers this result as `reports`).
with current_reports as (
    select distinct
        document_id,
        agency,
        year,
        format
    from report_facts
),

final as (
    select
        (row_number() over (order by document_id) - 1)::integer as doc,
        document_id,
        agency,
        year::integer as year,
        format
    from current_reports
)

select * from final
order by doc
