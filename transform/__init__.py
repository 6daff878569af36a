"""Landing extracted reports in the DuckDB warehouse and publishing a read-only copy for analysts."""
