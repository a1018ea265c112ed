CREATE INDEX tasks_user_id_idx ON tasks (user_id);
CREATE INDEX tasks_status_idx ON tasks (status);
