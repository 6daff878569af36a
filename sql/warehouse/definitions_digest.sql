select digest from warehouse_definitions where name = 'views_and_dimensions';
