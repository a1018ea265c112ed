ALTER TABLE runs DROP COLUMN current_run_state;
