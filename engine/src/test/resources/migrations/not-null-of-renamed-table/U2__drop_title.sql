-- adds back a NOT NULL column: PostgreSQL 18 names its constraint tasks_title_not_null, not todo_title_not_null
ALTER TABLE tasks ADD COLUMN title text NOT NULL;
