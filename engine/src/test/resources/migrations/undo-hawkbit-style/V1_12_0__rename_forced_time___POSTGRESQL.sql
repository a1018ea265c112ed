ALTER TABLE sp_action RENAME COLUMN forced_time TO forced_at;
ALTER INDEX sp_idx_action_02 RENAME TO sp_idx_action_target_active;
