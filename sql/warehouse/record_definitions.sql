insert or replace into warehouse_definitions values ('views_and_dimensions', $digest);
