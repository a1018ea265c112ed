ALTER TABLE sp_action ADD COLUMN weight INTEGER;
ALTER TABLE sp_target_filter_query ADD COLUMN auto_assign_weight INTEGER;
