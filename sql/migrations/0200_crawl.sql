-- What the crawler made of each URL in each run, so failures are visible (and
-- their history queryable) in the warehouse beside the run counters in
-- ingestion_runs. A failed URL is fetched again next run simply because it is
-- still listed and nothing was loaded from it; sql/crawl/open_failures.sql
-- lists the URLs whose latest outcome is still a failure.

create table crawl_outcomes (
    run_id varchar not null,
    url varchar not null,
    role varchar not null,          -- listing (a column page) or report (a report link)
    outcome varchar not null,       -- new / changed / unchanged / failed
    reason varchar,                 -- for a failure: one line saying why
    retryable boolean,              -- for a failure: worth retrying soon (5xx, timeout, reset), else null/false
    rendition_url varchar,          -- for new / changed: the page or attachment whose bytes were loaded
    document_id varchar,            -- for new / changed: sha256 of those bytes (documents.document_id)
    recorded_at timestamp not null  -- UTC
);
