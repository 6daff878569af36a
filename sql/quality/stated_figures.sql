-- The figures section 一's narrative states (R7): one row per current report
-- and numeric key of documents.narrative, as the extractor stored them.
-- Text, booleans and nested values are not figures and are left out.
with narratives as (
    select
        r.doc,
        d.narrative
    from reports as r
    inner join documents as d using (document_id)
    where json_type(d.narrative) = 'OBJECT'
),

figures as (
    select
        n.doc,
        f.key,
        f.value,
        json_type(f.value) as value_type
    from narratives as n, json_each(n.narrative) as f
),

final as (
    select
        doc,
        key,
        value::double as stated
    from figures
    where value_type in ('UBIGINT', 'BIGINT', 'DOUBLE')
)

select * from final
