-- Section 四: one row per current agency-year and proceeding (行政复议,
-- 未经复议直接起诉, 复议后起诉) with its outcomes and the correction rate,
-- corrected / concluded cases (total - pending).
create or replace view review_litigation as
with cells as (
    select
        f.agency,
        f.agency_id,
        f.year,
        f.format,
        f.document_id,
        split_part(f.metric, '.', 2) as proceeding,
        m.row_label as proceeding_label,
        split_part(f.metric, '.', 3) as outcome,
        f.value
    from report_facts as f
    inner join dim_metric as m on m.code = f.metric
    where m.section = '四'
),

final as (
    select
        agency,
        agency_id,
        year,
        format,
        proceeding,
        proceeding_label,
        max(value) filter (where outcome = 'upheld') as upheld,
        max(value) filter (where outcome = 'corrected') as corrected,
        max(value) filter (where outcome = 'other') as other,
        max(value) filter (where outcome = 'pending') as pending,
        max(value) filter (where outcome = 'total') as total,
        max(value) filter (where outcome = 'corrected')
        / nullif(max(value) filter (where outcome = 'total') - max(value) filter (where outcome = 'pending'), 0)
            as correction_rate,
        document_id
    from cells
    group by all
)

select * from final;
