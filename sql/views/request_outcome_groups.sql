-- The outcome groups of section 三 ((一) granted ... (六) other), one row per
-- current document x applicant x group, comparable across table formats:
-- a group's value is the sum of its printed items (2021 (三)-(六)), or the
-- group's own row where the format prints a single row (2019 (六)).
create or replace view request_outcome_groups as
with groups as (
    select
        code as group_code,
        row_label as group_label,
        ordinal
    from dim_metric
    where parent_code = 's3.result.total'
),

members as (
    select
        g.group_code,
        g.group_label,
        g.ordinal,
        m.code as metric
    from groups as g
    inner join dim_metric as m on m.code = g.group_code or m.parent_code = g.group_code
),

cells as (
    select
        f.agency,
        f.agency_id,
        f.year,
        f.format,
        f.document_id,
        f.applicant,
        m.group_code,
        m.group_label,
        m.ordinal,
        f.metric = m.group_code as is_group_row,
        f.value
    from report_facts as f
    inner join members as m on m.metric = f.metric
),

final as (
    select
        agency,
        agency_id,
        year,
        format,
        applicant,
        group_code,
        group_label,
        coalesce(
            sum(value) filter (where not is_group_row),
            max(value) filter (where is_group_row)
        ) as value,
        count(value) as cells_with_values,
        document_id,
        ordinal as group_ordinal
    from cells
    group by all
)

select * from final;
