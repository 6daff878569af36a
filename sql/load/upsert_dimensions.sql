-- batch_agencies: the agencies a batch names; batch_documents: its documents.
-- Agencies new to the warehouse get the next ids;
-- a portal host is filled in once known, never overwritten.
insert into dim_agency (agency_id, name_printed, name, region, level, portal_host)
select
    (select coalesce(max(agency_id), 0) from dim_agency) + row_number() over (order by b.name),
    b.name_printed,
    b.name,
    b.region,
    b.level,
    b.portal_host
from batch_agencies as b
where b.name not in (select name from dim_agency);

update dim_agency
set portal_host = b.portal_host
from batch_agencies as b
where dim_agency.name = b.name
    and dim_agency.portal_host is null
    and b.portal_host is not null;

-- the table format the State Council prescribed for each covered year
insert into dim_year (year, prescribed_format)
select distinct
    year,
    case when year >= 2021 then '2021' when year >= 2019 then '2019' else 'pre2019' end
from batch_documents
where year is not null
    and year not in (select year from dim_year);
