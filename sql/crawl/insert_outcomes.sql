-- `outcomes` is the Arrow table of settled URLs registered by flows.writer.
insert into crawl_outcomes by name
select * from outcomes
