-- Every row the latest quality run recorded: violations and equations it could not check alike.
-- The latest run is taken from quality_runs, so a clean run shows no rows.
create or replace view quality_latest_run as
with latest as (
    select run_id
    from quality_runs
    order by finished_at desc, run_id desc
    limit 1
),

final as (
    select f.*
    from finding_history as f
    inner join latest using (run_id)
)

select * from final
