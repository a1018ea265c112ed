-- this one fails on line 3
ALTER TABLE tasks ADD COLUMN done boolean;
UPDATE no_such_table SET x = 1;
