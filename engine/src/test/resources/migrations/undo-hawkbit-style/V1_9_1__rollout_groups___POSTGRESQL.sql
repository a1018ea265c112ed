CREATE TABLE sp_rolloutgroup (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(64),
    last_modified_at BIGINT,
    last_modified_by VARCHAR(64),
    optlock_revision BIGINT,
    tenant VARCHAR(40) NOT NULL,
    name VARCHAR(128) NOT NULL,
    description VARCHAR(512),
    rollout BIGINT NOT NULL,
    status INTEGER NOT NULL,
    parent_id BIGINT,
    success_condition INTEGER NOT NULL,
    success_condition_exp VARCHAR(512) NOT NULL,
    error_condition INTEGER,
    error_condition_exp VARCHAR(512),
    total_targets BIGINT,
    PRIMARY KEY (id)
);
ALTER TABLE sp_rolloutgroup ADD CONSTRAINT uk_rolloutgroup UNIQUE (name, rollout, tenant);
ALTER TABLE sp_rolloutgroup ADD CONSTRAINT fk_rolloutgroup_rollout FOREIGN KEY (rollout)
    REFERENCES sp_rollout (id) ON DELETE CASCADE;
ALTER TABLE sp_rolloutgroup ADD CONSTRAINT fk_rolloutgroup_parent FOREIGN KEY (parent_id)
    REFERENCES sp_rolloutgroup (id);
ALTER TABLE sp_action ADD COLUMN rolloutgroup BIGINT;
ALTER TABLE sp_action ADD CONSTRAINT fk_action_rolloutgroup FOREIGN KEY (rolloutgroup)
    REFERENCES sp_rolloutgroup (id);
