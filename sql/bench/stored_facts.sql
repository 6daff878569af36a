-- the rows the loader stored, in fact_disclosure's own shape (the honest floor's input)
select * from fact_disclosure
