CREATE TABLE sp_target_filter_query (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(40),
    last_modified_at BIGINT,
    last_modified_by VARCHAR(40),
    optlock_revision BIGINT,
    tenant VARCHAR(40) NOT NULL,
    name VARCHAR(64),
    query VARCHAR(1024) NOT NULL,
    auto_assign_distribution_set BIGINT,
    PRIMARY KEY (id)
);
ALTER TABLE sp_target_filter_query ADD CONSTRAINT uk_tenant_custom_filter_name UNIQUE (name, tenant);
ALTER TABLE sp_target_filter_query ADD CONSTRAINT fk_filter_auto_assign_ds FOREIGN KEY (auto_assign_distribution_set)
    REFERENCES sp_distribution_set (id) ON DELETE SET NULL;
