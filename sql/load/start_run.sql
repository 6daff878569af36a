insert into ingestion_runs (run_id, started_at, status)
values ($run_id, $started_at, 'running')
