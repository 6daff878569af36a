-- URLs whose latest recorded outcome is a failure: since when they have been
-- failing, in how many consecutive runs, and the latest reason.
with ranked as (
    select
        *,
        row_number() over (partition by url order by recorded_at desc) as recency
    from crawl_outcomes
),

latest_success as (
    select url, max(recorded_at) as succeeded_at
    from crawl_outcomes
    where outcome <> 'failed'
    group by url
),

streaks as (
    select
        o.url,
        min(o.recorded_at) as failing_since,
        count(distinct o.run_id) as failed_runs
    from crawl_outcomes as o
    left join latest_success as s on o.url = s.url
    where o.outcome = 'failed' and (s.succeeded_at is null or o.recorded_at > s.succeeded_at)
    group by o.url
),

final as (
    select r.url, r.role, r.reason, r.retryable, r.run_id as last_run_id, s.failing_since, s.failed_runs
    from ranked as r
    inner join streaks as s on r.url = s.url
    where r.recency = 1 and r.outcome = 'failed'
)

select * from final
order by url
