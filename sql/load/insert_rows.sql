-- batch_facts / batch_issues: the rows of the batch's documents, as extracted.
-- Codes become the dimensions' integer keys here (see 0002): a fact with an
-- unknown metric or document has no key and fails the batch on
-- fact_disclosure's NOT NULL; an unknown applicant fails it by name.
-- A label is stored only where the report printed something other than the
-- dictionary's label, which report_facts shows in its place.
insert into fact_disclosure
with batch_keys as (
    select
        document_id,
        document_key
    from documents
    where document_id in (select document_id from batch_documents)
),

final as (
    select
        d.document_key,
        m.metric_key,
        coalesce(a.applicant_key, if(f.applicant is null, null, error('unknown applicant ' || f.applicant)))
            as applicant_key,
        f.value,
        f.raw,
        f.page,
        f.table_index,
        f.row_index,
        f.col_index,
        nullif(f.row_label, m.row_label) as row_label,
        nullif(f.col_label, coalesce(m.col_label, f.applicant)) as col_label
    from batch_facts as f
    left join batch_keys as d on d.document_id = f.document_id
    left join dim_metric as m on m.code = f.metric
    left join dim_applicant as a on a.code = f.applicant
)

select * from final;

insert into extraction_issues by name
select document_id, severity, code, message, location
from batch_issues;
