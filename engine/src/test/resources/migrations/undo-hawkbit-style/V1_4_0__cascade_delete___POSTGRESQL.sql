ALTER TABLE sp_action DROP CONSTRAINT fk_action_ds;
ALTER TABLE sp_action ADD CONSTRAINT fk_action_ds FOREIGN KEY (distribution_set)
    REFERENCES sp_distribution_set (id) ON DELETE CASCADE;
