-- Which agencies answered the most requests with 本机关不掌握相关政府信息 in 2024,
-- and what share of all the requests they answered was that?
select
    agency,
    not_held,
    result_total,
    round(not_held_share, 3) as not_held_share
from agency_year_summary
where year = 2024
    and not_held > 0
order by not_held desc, agency
limit 20;
