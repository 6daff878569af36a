select count(*) from fact_disclosure
