-- the floor: an empty table shaped like the rows to insert (frame_view)
create table bare as select * from frame_view limit 0
