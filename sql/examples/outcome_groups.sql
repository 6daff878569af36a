-- Outcome groups (一)-(六) for all requests, comparable across the 2019 and
-- 2021 table formats.
select
    agency,
    year,
    format,
    group_label,
    value
from request_outcome_groups
where applicant = 'total'
order by agency, year, group_ordinal;
