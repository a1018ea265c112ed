CREATE TABLE sp_target_attributes (
    target_id BIGINT NOT NULL,
    attribute_value VARCHAR(128),
    attribute_key VARCHAR(32) NOT NULL,
    PRIMARY KEY (target_id, attribute_key)
);
ALTER TABLE sp_target_attributes ADD CONSTRAINT fk_targ_attrib_target FOREIGN KEY (target_id)
    REFERENCES sp_target (id) ON DELETE CASCADE;
