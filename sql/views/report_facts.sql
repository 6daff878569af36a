-- One row per current fact: the facts of the documents current_documents
-- names (one per agency-year that names its agency and year). Older
-- documents' facts stay queryable in fact_history.
create or replace view report_facts as
with final as (
    select
        f.agency,
        f.agency_id,
        f.year,
        f.format,
        f.metric,
        f.section,
        f.row_label,
        f.col_label,
        f.unit,
        f.applicant,
        f.value,
        f.raw,
        f.source_url,
        f.document_id,
        f.page,
        f.table_index,
        f.row_index,
        f.col_index
    from fact_history as f
    semi join current_documents as d on d.document_id = f.document_id
)

select * from final;
