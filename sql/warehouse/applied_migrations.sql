select version from schema_migrations order by version
