-- One row per current agency-year: the request figures of section 三
-- (总计 column) and each outcome group's share of all results. Which
-- agency-years and documents are current is current_documents' rule.
create or replace view agency_year_summary as
with totals as (
    select
        document_id,
        max(value) filter (where metric = 's3.new') as new_requests,
        max(value) filter (where metric = 's3.carried_in') as carried_in,
        max(value) filter (where metric = 's3.result.total') as result_total,
        max(value) filter (where metric = 's3.carried_out') as carried_out,
        max(value) filter (where metric = 's3.result.unavailable.not_held') as not_held
    from report_facts
    where applicant = 'total'
    group by document_id
),

outcomes as (
    select
        document_id,
        max(value) filter (where group_code = 's3.result.granted') as granted,
        max(value) filter (where group_code = 's3.result.partial') as partial,
        max(value) filter (where group_code = 's3.result.denied') as denied,
        max(value) filter (where group_code = 's3.result.unavailable') as unavailable,
        max(value) filter (where group_code = 's3.result.not_processed') as not_processed,
        max(value) filter (where group_code = 's3.result.other') as other
    from request_outcome_groups
    where applicant = 'total'
    group by document_id
),

final as (
    select
        d.agency,
        d.agency_id,
        d.region,
        d.level,
        d.year,
        d.format,
        t.new_requests,
        t.carried_in,
        t.result_total,
        t.carried_out,
        o.granted,
        o.partial,
        o.denied,
        o.unavailable,
        t.not_held,
        o.not_processed,
        o.other,
        o.granted / nullif(t.result_total, 0) as granted_share,
        o.partial / nullif(t.result_total, 0) as partial_share,
        o.denied / nullif(t.result_total, 0) as denied_share,
        o.unavailable / nullif(t.result_total, 0) as unavailable_share,
        t.not_held / nullif(t.result_total, 0) as not_held_share,
        o.not_processed / nullif(t.result_total, 0) as not_processed_share,
        o.other / nullif(t.result_total, 0) as other_share,
        d.source_url,
        d.document_id
    from current_documents as d
    left join totals as t on t.document_id = d.document_id
    left join outcomes as o on o.document_id = d.document_id
)

select * from final;
