-- batch_documents: one row per document of the batch.
-- A document already here keeps when and where it was first fetched; what
-- extraction says about it is replaced (a newer extractor may read it better);
-- rows whose extraction did not change are left untouched. A new document
-- gets the next document_key, the integer its facts are stored under.
update documents
set
    extractor_version = b.extractor_version,
    agency_id = a.agency_id,
    year = b.year,
    format = b.format,
    kind = b.kind,
    sections = b.sections,
    narrative = b.narrative::json
from batch_documents as b
left join dim_agency as a on a.name = b.agency
where documents.document_id = b.document_id
    and (
        documents.extractor_version is distinct from b.extractor_version
        or documents.agency_id is distinct from a.agency_id
        or documents.year is distinct from b.year
        or documents.format is distinct from b.format
        or documents.kind is distinct from b.kind
        or documents.sections is distinct from b.sections
        or documents.narrative::varchar is distinct from b.narrative::json::varchar
    );

insert into documents by name
select
    b.document_id,
    (select coalesce(max(document_key), 0) from documents) + row_number() over (order by b.document_id)
        as document_key,
    b.url,
    b.fetched_at,
    b.content_type,
    b.extractor_version,
    a.agency_id,
    b.year,
    b.format,
    b.kind,
    b.sections,
    b.narrative::json as narrative,
    b.archive_path,
    b.run_id,
    b.loaded_at
from batch_documents as b
left join dim_agency as a on a.name = b.agency
where b.document_id not in (select document_id from documents);
