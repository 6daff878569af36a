-- `findings` is the polars frame of this run's findings, registered by quality.store.
insert into finding_history by name
select * from findings
