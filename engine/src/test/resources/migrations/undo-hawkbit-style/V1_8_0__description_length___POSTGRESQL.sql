ALTER TABLE sp_target ALTER COLUMN description TYPE VARCHAR(2048);
ALTER TABLE sp_distribution_set ALTER COLUMN description TYPE VARCHAR(2048);
