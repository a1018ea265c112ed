CREATE TABLE sp_target_tag (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(40),
    last_modified_at BIGINT,
    last_modified_by VARCHAR(40),
    optlock_revision BIGINT,
    tenant VARCHAR(40) NOT NULL,
    name VARCHAR(64) NOT NULL,
    description VARCHAR(512),
    colour VARCHAR(16),
    PRIMARY KEY (id)
);
CREATE TABLE sp_target_target_tag (
    target BIGINT NOT NULL,
    tag BIGINT NOT NULL,
    PRIMARY KEY (target, tag)
);
ALTER TABLE sp_target_tag ADD CONSTRAINT uk_targ_tag UNIQUE (name, tenant);
CREATE INDEX sp_idx_target_tag_01 ON sp_target_tag (tenant, name);
ALTER TABLE sp_target_target_tag ADD CONSTRAINT fk_targ_targtag_tag FOREIGN KEY (tag)
    REFERENCES sp_target_tag (id) ON DELETE CASCADE;
ALTER TABLE sp_target_target_tag ADD CONSTRAINT fk_targ_targtag_target FOREIGN KEY (target)
    REFERENCES sp_target (id) ON DELETE CASCADE;
