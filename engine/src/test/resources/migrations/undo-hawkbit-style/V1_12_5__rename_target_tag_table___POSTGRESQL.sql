ALTER TABLE sp_target_target_tag RENAME TO sp_target_tag_assignment;
ALTER INDEX sp_idx_target_tag_01 RENAME TO sp_idx_target_tag_name;
