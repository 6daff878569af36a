-- seed_rows: the rows gongkai.metrics defines (registered by transform/seed.py)
insert or replace into dim_applicant by name select * from seed_rows;
delete from dim_applicant where code not in (select code from seed_rows);
