-- Facts and issues are replaced per document version: drop what an earlier
-- load of these same documents wrote (no primary key on facts, see 0001).
delete from fact_disclosure
where document_key in (
    select document_key
    from documents
    where document_id in (select document_id from batch_documents)
);

delete from extraction_issues where document_id in (select document_id from batch_documents);
