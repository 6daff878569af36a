-- Administrative reviews and lawsuits: how often was the agency corrected,
-- among the cases concluded during the year?
select
    agency,
    year,
    proceeding_label,
    corrected,
    total - pending as concluded,
    round(correction_rate, 3) as correction_rate
from review_litigation
where total > 0
order by correction_rate desc nulls last, agency, year, proceeding;
