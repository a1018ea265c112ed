DROP INDEX sp_idx_target_01;
