-- Which numbered files of sql/migrations this warehouse has applied.
create table if not exists schema_migrations (
    version integer primary key,
    name varchar not null,
    applied_at timestamp not null
);

-- What the views and the dimension seeds were last made from (a digest of the view files and the metric
-- dictionary): migrate rebuilds them only when it changed, not on every open.
create table if not exists warehouse_definitions (
    name varchar primary key,
    digest varchar not null
);
