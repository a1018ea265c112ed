CREATE OR REPLACE VIEW priced_items AS SELECT name, price FROM items WHERE price > 0;
