-- The one place that says which document counts: per agency-year, the
-- document no later one supersedes (sql/load/supersede.sql keeps
-- superseded_by), among documents that name their agency and year. Every
-- "current" view (report_facts, agency_year_summary) selects through this
-- one, so the rule cannot drift between them.
create or replace view current_documents as
with final as (
    select
        d.document_id,
        d.document_key,
        d.agency_id,
        a.name as agency,
        a.region,
        a.level,
        d.year,
        d.format,
        d.url as source_url,
        d.fetched_at
    from documents as d
    inner join dim_agency as a on a.agency_id = d.agency_id
    where d.superseded_by is null
        and d.year is not null
)

select * from final;
