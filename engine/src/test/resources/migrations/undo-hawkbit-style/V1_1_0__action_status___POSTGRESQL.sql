CREATE TABLE sp_action_status (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(40),
    last_modified_at BIGINT,
    last_modified_by VARCHAR(40),
    optlock_revision BIGINT,
    tenant VARCHAR(40) NOT NULL,
    target_occurred_at BIGINT NOT NULL,
    status INTEGER NOT NULL,
    action BIGINT NOT NULL,
    PRIMARY KEY (id)
);
CREATE TABLE sp_action_status_messages (
    action_status_id BIGINT NOT NULL,
    detail_message VARCHAR(512) NOT NULL
);
CREATE INDEX sp_idx_action_status_02 ON sp_action_status (tenant, action, status);
CREATE INDEX sp_idx_action_status_msgs_01 ON sp_action_status_messages (action_status_id);
ALTER TABLE sp_action_status ADD CONSTRAINT fk_act_stat_action FOREIGN KEY (action)
    REFERENCES sp_action (id) ON DELETE CASCADE;
ALTER TABLE sp_action_status_messages ADD CONSTRAINT fk_stat_msg_act_stat FOREIGN KEY (action_status_id)
    REFERENCES sp_action_status (id) ON DELETE CASCADE;
