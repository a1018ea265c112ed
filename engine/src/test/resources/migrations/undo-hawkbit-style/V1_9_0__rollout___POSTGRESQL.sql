CREATE TABLE sp_rollout (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(64),
    tenant VARCHAR(40) NOT NULL,
    name VARCHAR(128) NOT NULL,
    distribution_set BIGINT NOT NULL,
    status INTEGER NOT NULL,
    target_filter VARCHAR(1024) NOT NULL,
    total_targets BIGINT,
    PRIMARY KEY (id)
);
ALTER TABLE sp_rollout ADD CONSTRAINT uk_rollout UNIQUE (name, tenant);
ALTER TABLE sp_rollout ADD CONSTRAINT fk_rollout_ds FOREIGN KEY (distribution_set)
    REFERENCES sp_distribution_set (id);
ALTER TABLE sp_action ADD COLUMN rollout BIGINT;
ALTER TABLE sp_action ADD CONSTRAINT fk_action_rollout FOREIGN KEY (rollout) REFERENCES sp_rollout (id);
CREATE INDEX sp_idx_action_rollout ON sp_action (tenant, rollout) WHERE rollout IS NOT NULL;
