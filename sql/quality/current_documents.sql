-- One row per current report that has facts, with the figures its section 一 states (R7).
with current_docs as (
    select distinct document_id, agency, year, format
    from report_facts
),

final as (
    select
        c.document_id,
        c.agency,
        c.year,
        c.format,
        d.narrative::varchar as narrative
    from current_docs as c
    inner join documents as d using (document_id)
)

select * from final
