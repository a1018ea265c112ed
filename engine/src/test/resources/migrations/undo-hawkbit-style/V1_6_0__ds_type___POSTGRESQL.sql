CREATE TABLE sp_distribution_set_type (
    id BIGSERIAL NOT NULL,
    created_at BIGINT,
    created_by VARCHAR(40),
    last_modified_at BIGINT,
    last_modified_by VARCHAR(40),
    optlock_revision BIGINT,
    tenant VARCHAR(40) NOT NULL,
    description VARCHAR(512),
    name VARCHAR(64) NOT NULL,
    type_key VARCHAR(64) NOT NULL,
    colour VARCHAR(16),
    deleted BOOLEAN,
    PRIMARY KEY (id)
);
ALTER TABLE sp_distribution_set_type ADD CONSTRAINT uk_dst_name UNIQUE (name, tenant);
ALTER TABLE sp_distribution_set_type ADD CONSTRAINT uk_dst_key UNIQUE (type_key, tenant);
ALTER TABLE sp_distribution_set ADD COLUMN ds_id BIGINT;
ALTER TABLE sp_distribution_set ADD CONSTRAINT fk_ds_dstype_ds FOREIGN KEY (ds_id)
    REFERENCES sp_distribution_set_type (id);
ALTER TABLE sp_tenant ADD CONSTRAINT fk_tenant_md_default_ds_type FOREIGN KEY (default_ds_type)
    REFERENCES sp_distribution_set_type (id);
