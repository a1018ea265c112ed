ALTER TABLE sp_action ADD COLUMN maintenance_cron_schedule VARCHAR(40);
ALTER TABLE sp_action ADD COLUMN maintenance_duration VARCHAR(40);
ALTER TABLE sp_action ADD COLUMN maintenance_time_zone VARCHAR(40);
