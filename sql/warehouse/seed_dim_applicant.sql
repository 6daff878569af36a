-- seed_rows: the rows gongkai.metrics defines (registered by transform/seed.py).
-- A code keeps its applicant_key for ever; a new code gets the next free one.
-- A code the dictionary dropped goes, unless facts still point at its key.
insert into dim_applicant by name
with new_codes as (
    select *
    from seed_rows
    where code not in (select code from dim_applicant)
),

final as (
    select
        *,
        (select coalesce(max(applicant_key), 0) from dim_applicant) + row_number() over (order by ordinal)
            as applicant_key
    from new_codes
)

select * from final;

update dim_applicant
set
    ordinal = s.ordinal,
    label = s.label,
    group_label = s.group_label
from seed_rows as s
where dim_applicant.code = s.code;

delete from dim_applicant
where code not in (select code from seed_rows)
    and applicant_key not in (select applicant_key from fact_disclosure where applicant_key is not null);
