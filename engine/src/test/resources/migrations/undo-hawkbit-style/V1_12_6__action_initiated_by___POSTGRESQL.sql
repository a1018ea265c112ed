ALTER TABLE sp_action ADD COLUMN initiated_by VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE sp_rollout ADD COLUMN weight INTEGER;
ALTER TABLE sp_target_filter_query ADD COLUMN access_control_context VARCHAR(4096);
