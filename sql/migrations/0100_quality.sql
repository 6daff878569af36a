-- Data-quality runs and their findings, kept across runs so an analyst can see
-- when a report started or stopped breaking a rule. Findings describe the
-- published reports; they never block loading and never change facts.

create table quality_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp not null,    -- UTC
    suite_version integer not null,    -- quality.suites.SUITE_VERSION
    agency_years integer not null,     -- current documents checked
    checks bigint not null,            -- equations and cells evaluated
    findings integer not null,
    report_path varchar
);

create table finding_history (
    run_id varchar not null,
    agency varchar,
    year integer,
    rule varchar not null,             -- R1..R7, stock_flow, copied_table, columns
    metric varchar,
    applicant varchar,
    expected double,
    observed double,
    severity varchar not null,         -- error / warning
    message varchar not null,
    document_id varchar,
    blank_cells varchar                -- blank cells counted as 0, comma-separated
);
