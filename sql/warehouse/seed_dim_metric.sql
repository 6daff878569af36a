-- seed_rows: the rows gongkai.metrics defines (registered by transform/seed.py).
-- A code keeps its metric_key for ever; a new code gets the next free one. A
-- code the dictionary dropped goes, unless facts still point at its key.
insert into dim_metric by name
with new_codes as (
    select *
    from seed_rows
    where code not in (select code from dim_metric)
),

final as (
    select
        *,
        (select coalesce(max(metric_key), 0) from dim_metric) + row_number() over (order by ordinal) as metric_key
    from new_codes
)

select * from final;

update dim_metric
set
    ordinal = s.ordinal,
    section = s.section,
    row_label = s.row_label,
    col_label = s.col_label,
    group_label = s.group_label,
    unit = s.unit,
    kind = s.kind,
    parent_code = s.parent_code,
    has_applicant = s.has_applicant,
    formats = s.formats
from seed_rows as s
where dim_metric.code = s.code;

delete from dim_metric
where code not in (select code from seed_rows)
    and metric_key not in (select metric_key from fact_disclosure);
