CREATE TABLE sp_target_type (
    id BIGSERIAL NOT NULL,
    tenant VARCHAR(40) NOT NULL,
    name VARCHAR(128) NOT NULL,
    description VARCHAR(512),
    colour VARCHAR(16),
    PRIMARY KEY (id)
);
ALTER TABLE sp_target_type ADD CONSTRAINT uk_target_type_name UNIQUE (name, tenant);
ALTER TABLE sp_target ADD COLUMN target_type BIGINT;
ALTER TABLE sp_target ADD CONSTRAINT fk_target_relation_target_type FOREIGN KEY (target_type)
    REFERENCES sp_target_type (id) ON DELETE SET NULL;
