-- The facts the quality rules read: every current fact with its report's key.
with facts as (
    select
        document_id,
        agency,
        year,
        format,
        metric,
        applicant,
        value,
        raw
    from report_facts
),

final as (
    select * from facts
)

select * from final
