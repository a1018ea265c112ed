-- priority with a function, to prove dollar quotes survive
ALTER TABLE tasks ADD COLUMN priority text DEFAULT 'medium';
CREATE FUNCTION task_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM tasks; $$;
