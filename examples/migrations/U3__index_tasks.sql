DROP INDEX tasks_status_idx;
DROP INDEX tasks_user_id_idx;
