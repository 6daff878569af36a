-- Where a number came from: the source document and the table cell.
select
    agency,
    year,
    metric,
    applicant,
    value,
    raw,
    source_url,
    page,
    table_index,
    row_index,
    col_index
from report_facts
where metric = 's3.result.unavailable.not_held'
    and applicant = 'total'
order by agency, year;
