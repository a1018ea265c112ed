DROP FUNCTION task_count();
ALTER TABLE tasks DROP COLUMN priority;
