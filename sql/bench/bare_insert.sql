insert into bare select * from frame_view
