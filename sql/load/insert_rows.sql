-- batch_facts / batch_issues: the rows of the batch's documents; agency and
-- year come from the document row written just before.
insert into fact_disclosure by name
select
    f.document_id,
    d.agency_id,
    d.year,
    f.metric as metric_code,
    f.applicant,
    f.value,
    f.raw,
    f.section,
    f.page,
    f.table_index,
    f.row_index,
    f.col_index,
    f.row_label,
    f.col_label
from batch_facts as f
left join documents as d on d.document_id = f.document_id;

insert into extraction_issues by name
select document_id, severity, code, message, location
from batch_issues;
