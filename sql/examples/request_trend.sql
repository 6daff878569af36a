-- How did each agency's number of new requests change from the year before?
select
    agency,
    year,
    value as new_requests,
    previous_value,
    change,
    round(change_share, 3) as change_share
from agency_year_change
where figure = 'new_requests'
    and previous_value is not null
order by abs(change) desc, agency, year;
