insert into quality_runs by name
select * from run
