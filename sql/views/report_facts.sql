-- One row per current fact: facts of documents that name their agency and
-- year and have not been superseded by a later document for that agency-year.
-- Older documents' facts stay in fact_disclosure as history.
create or replace view report_facts as
with current_documents as (
    select *
    from documents
    where superseded_by is null
        and agency_id is not null
        and year is not null
),

final as (
    select
        a.name as agency,
        d.agency_id,
        d.year,
        d.format,
        f.metric_code as metric,
        f.section,
        f.row_label,
        f.col_label,
        m.unit,
        f.applicant,
        f.value,
        f.raw,
        d.url as source_url,
        f.document_id,
        f.page,
        f.table_index,
        f.row_index,
        f.col_index
    from fact_disclosure as f
    inner join current_documents as d on d.document_id = f.document_id
    inner join dim_agency as a on a.agency_id = d.agency_id
    left join dim_metric as m on m.code = f.metric_code
)

select * from final;
