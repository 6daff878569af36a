-- One row per current fact: facts of documents that name their agency and
-- year and have not been superseded by a later document for that agency-year.
-- Older documents' facts stay queryable in fact_history.
create or replace view report_facts as
with final as (
    select
        agency,
        agency_id,
        year,
        format,
        metric,
        section,
        row_label,
        col_label,
        unit,
        applicant,
        value,
        raw,
        source_url,
        document_id,
        page,
        table_index,
        row_index,
        col_index
    from fact_history
    where superseded_by is null
        and agency_id is not null
        and year is not null
)

select * from final;
