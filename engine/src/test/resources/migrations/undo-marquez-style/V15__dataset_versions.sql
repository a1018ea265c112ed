CREATE TABLE dataset_versions (
  uuid          UUID PRIMARY KEY,
  created_at    TIMESTAMP NOT NULL,
  dataset_uuid  UUID REFERENCES datasets(uuid),
  version       UUID NOT NULL,
  run_uuid      UUID,
  UNIQUE (dataset_uuid, version)
);

CREATE INDEX dataset_versions_run_uuid_idx ON dataset_versions (run_uuid);
ALTER TABLE datasets ADD CONSTRAINT datasets_current_version_fk
  FOREIGN KEY (current_version_uuid) REFERENCES dataset_versions(uuid);
