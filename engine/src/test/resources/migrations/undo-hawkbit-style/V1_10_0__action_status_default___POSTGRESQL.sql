ALTER TABLE sp_action ALTER COLUMN active SET DEFAULT false;
UPDATE sp_action SET active = false WHERE active IS NULL;
ALTER TABLE sp_action ALTER COLUMN active SET NOT NULL;
