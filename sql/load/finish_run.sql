update ingestion_runs
set
    finished_at = $finished_at,
    status = $status,
    found = $found,
    new = $new,
    changed = $changed,
    unchanged = $unchanged,
    failed = $failed,
    facts_loaded = $facts_loaded,
    findings = $findings
where run_id = $run_id
