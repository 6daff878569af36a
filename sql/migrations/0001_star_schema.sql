-- The star schema: dimensions keyed, facts unkeyed.
-- fact_disclosure has no primary key on purpose: on a 1M-row table a key made
-- the file 40x larger and loads 7x slower. Facts are replaced per document
-- (delete + insert in one transaction), which keeps them unique without one.

create table dim_agency (
    agency_id integer primary key,
    name_printed varchar not null,
    name varchar not null unique,
    region varchar,
    level varchar,          -- 省 / 市 / 县 / 乡 when the name says so, else null
    portal_host varchar
);

create table dim_year (
    year integer primary key,
    prescribed_format varchar not null  -- the standard table format in force for that year
);

-- Seeded from gongkai.metrics.METRICS at every migrate (transform/seed.py).
create table dim_metric (
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

create table dim_applicant (
    code varchar primary key,
    ordinal integer not null,
    label varchar not null,
    group_label varchar
);

create table documents (
    document_id varchar primary key,  -- sha256 of the fetched bytes
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

create table fact_disclosure (
    document_id varchar not null,
    agency_id integer,
    year integer,
    metric_code varchar not null,
    applicant varchar,
    value double,
    raw varchar,
    section varchar,
    page integer,
    table_index integer,
    row_index integer,
    col_index integer,
    row_label varchar,
    col_label varchar
);

create table extraction_issues (
    document_id varchar not null,
    severity varchar not null,
    code varchar not null,
    message varchar not null,
    location varchar
);

create table ingestion_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,
    found integer,
    new integer,
    changed integer,
    unchanged integer,
    failed integer,
    facts_loaded bigint,
    findings integer
);
