ALTER TABLE runs ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE runs ADD COLUMN ended_at TIMESTAMPTZ;
UPDATE runs SET started_at = nominal_start_time, ended_at = nominal_end_time;
