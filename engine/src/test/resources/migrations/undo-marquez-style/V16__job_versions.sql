CREATE TABLE job_versions (
  uuid            UUID PRIMARY KEY,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL,
  job_uuid        UUID REFERENCES jobs(uuid),
  version         UUID NOT NULL,
  location        VARCHAR(255),
  latest_run_uuid UUID,
  job_name        VARCHAR(255) NOT NULL,
  namespace_name  VARCHAR(255) NOT NULL,
  UNIQUE (job_uuid, version)
);

ALTER TABLE runs ADD COLUMN job_version_uuid UUID REFERENCES job_versions(uuid);
CREATE INDEX runs_job_version_uuid_idx ON runs (job_version_uuid);
