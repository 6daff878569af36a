-- Year-over-year change per agency of the main figures, one row per
-- agency x year x figure; previous_value is null when the agency has no
-- current report for the year before.
create or replace view agency_year_change as
with requests as (
    select
        agency_id,
        agency,
        year,
        new_requests,
        result_total,
        granted,
        partial,
        denied,
        unavailable,
        not_held,
        not_processed,
        other,
        carried_out
    from agency_year_summary
),

request_figures as (
    select *
    from requests
    unpivot (
        value for figure in (
            new_requests, result_total, granted, partial, denied, unavailable,
            not_held, not_processed, other, carried_out
        )
    )
),

proceeding_figures as (
    select
        agency_id,
        agency,
        year,
        proceeding || '_total' as figure,
        total as value
    from review_litigation
    where total is not null
),

figures as (
    select agency_id, agency, year, figure, value from request_figures
    union all
    select agency_id, agency, year, figure, value from proceeding_figures
),

final as (
    select
        cur.agency,
        cur.agency_id,
        cur.year,
        cur.figure,
        cur.value,
        prev.value as previous_value,
        cur.value - prev.value as change,
        (cur.value - prev.value) / nullif(prev.value, 0) as change_share
    from figures as cur
    left join figures as prev
        on prev.agency_id = cur.agency_id
        and prev.figure = cur.figure
        and prev.year = cur.year - 1
)

select * from final;
