-- Within each agency-year the batch touches, the latest fetched document is
-- current (superseded_by null) and every other one points at it. Groups a
-- batch document has left (re-extraction changed its agency or year) are
-- recomputed too.
update documents
set superseded_by = ranked.current_id
from (
    select
        d.document_id,
        nullif(
            first_value(d.document_id) over (
                partition by d.agency_id, d.year
                order by d.fetched_at desc nulls last, d.document_id desc
            ),
            d.document_id
        ) as current_id
    from documents as d
    inner join (
        select distinct agency_id, year
        from documents
        where document_id in (select document_id from batch_documents)
            or superseded_by in (select document_id from batch_documents)
    ) as touched on touched.agency_id = d.agency_id and touched.year = d.year
) as ranked
where documents.document_id = ranked.document_id
    and documents.superseded_by is distinct from ranked.current_id;

update documents
set superseded_by = null
where document_id in (select document_id from batch_documents)
    and (agency_id is null or year is null);
