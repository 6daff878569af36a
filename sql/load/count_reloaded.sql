-- how many documents of the batch the warehouse already holds
select count(*) from documents where document_id in (select document_id from batch_documents)
