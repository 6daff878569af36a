-- A slim fact table: integer surrogate keys instead of strings repeated on
-- every fact. 0001 repeated the 64-character document hash, the metric code,
-- the applicant code, the section and both labels on each of a million facts;
-- writing those strings was most of a load's time. Facts now carry
--   document_key   -> documents.document_key (agency, year and URL live there)
--   metric_key     -> dim_metric.metric_key (code, section, labels, unit)
--   applicant_key  -> dim_applicant.applicant_key (null outside section 三)
-- plus what is the fact's own: value, raw text and the cell it was read from.
-- row_label / col_label keep the label as printed only where it differs from
-- what the dictionary gives (dim_metric's row label; its column label, else
-- the applicant code), so report_facts shows exactly what 0001 stored while a
-- report printing the standard labels stores no label text at all.
-- Keys are assigned once and never reused: dim_metric.ordinal follows the
-- dictionary's order and may change, a key may not.

-- Refuse, rather than drop, facts this migration could not key.
select error('0002: facts name metrics or documents the warehouse does not know')
where exists (
    select 1
    from fact_disclosure as f
    where f.metric_code not in (select code from dim_metric)
        or f.document_id not in (select document_id from documents)
        or (f.applicant is not null and f.applicant not in (select code from dim_applicant))
);

create table dim_metric_keyed (
    metric_key smallint not null unique,
    code varchar primary key,
    ordinal integer not null,
    section varchar not null,
    row_label varchar not null,
    col_label varchar,
    group_label varchar,
    unit varchar not null,
    kind varchar not null,
    parent_code varchar,
    has_applicant boolean not null,
    formats varchar[] not null
);

insert into dim_metric_keyed by name
select
    *,
    row_number() over (order by ordinal, code) as metric_key
from dim_metric;

create table dim_applicant_keyed (
    applicant_key tinyint not null unique,
    code varchar primary key,
    ordinal integer not null,
    label varchar not null,
    group_label varchar
);

insert into dim_applicant_keyed by name
select
    *,
    row_number() over (order by ordinal, code) as applicant_key
from dim_applicant;

create table documents_keyed (
    document_id varchar primary key,  -- sha256 of the fetched bytes
    document_key integer not null unique,
    url varchar,
    fetched_at timestamp,             -- UTC
    content_type varchar,
    extractor_version varchar not null,
    agency_id integer,                -- null when the report does not name itself
    year integer,                     -- the year covered; null when unknown
    format varchar not null,          -- 2021 / 2019 / pre2019 / unknown
    kind varchar,                     -- text / html / pdf / docx
    sections varchar[],
    narrative json,
    archive_path varchar,
    run_id varchar,
    superseded_by varchar,            -- the document now current for the same agency-year
    loaded_at timestamp not null
);

insert into documents_keyed by name
select
    *,
    row_number() over (order by loaded_at, document_id) as document_key
from documents;

create table fact_keyed (
    document_key integer not null,
    metric_key smallint not null,
    applicant_key tinyint,
    value double,
    raw varchar,
    page integer,
    table_index integer,
    row_index integer,
    col_index integer,
    row_label varchar,  -- as printed, only where it differs from dim_metric.row_label
    col_label varchar   -- as printed, only where it differs from dim_metric.col_label / the applicant code
);

insert into fact_keyed
select
    d.document_key,
    m.metric_key,
    a.applicant_key,
    f.value,
    f.raw,
    f.page,
    f.table_index,
    f.row_index,
    f.col_index,
    nullif(f.row_label, m.row_label) as row_label,
    nullif(f.col_label, coalesce(m.col_label, f.applicant)) as col_label
from fact_disclosure as f
inner join documents_keyed as d on d.document_id = f.document_id
inner join dim_metric_keyed as m on m.code = f.metric_code
left join dim_applicant_keyed as a on a.code = f.applicant;

drop table fact_disclosure;
drop table documents;
drop table dim_metric;
drop table dim_applicant;
alter table fact_keyed rename to fact_disclosure;
alter table documents_keyed rename to documents;
alter table dim_metric_keyed rename to dim_metric;
alter table dim_applicant_keyed rename to dim_applicant;
