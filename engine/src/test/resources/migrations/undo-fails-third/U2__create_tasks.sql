-- the third undo from the top fails on line 2
DROP TABLE no_such_table;
