-- Every fact ever loaded, current or not: one row per fact of every document
-- version, with the document's place in its agency-year's history
-- (superseded_by null: the current version). report_facts is its current part.
-- Facts are stored under integer keys (migration 0002); codes, section and
-- the dictionary's labels come from the dimensions, and a label the report
-- printed differently is the one shown.
create or replace view fact_history as
with final as (
    select
        a.name as agency,
        d.agency_id,
        d.year,
        d.format,
        m.code as metric,
        m.section,
        coalesce(f.row_label, m.row_label) as row_label,
        coalesce(f.col_label, m.col_label, ap.code) as col_label,
        m.unit,
        ap.code as applicant,
        f.value,
        f.raw,
        d.url as source_url,
        d.document_id,
        f.page,
        f.table_index,
        f.row_index,
        f.col_index,
        d.fetched_at,
        d.superseded_by
    from fact_disclosure as f
    inner join documents as d on d.document_key = f.document_key
    inner join dim_metric as m on m.metric_key = f.metric_key
    left join dim_agency as a on a.agency_id = d.agency_id
    left join dim_applicant as ap on ap.applicant_key = f.applicant_key
)

select * from final;
