CREATE TABLE dataset_facets (
  uuid               UUID PRIMARY KEY,
  created_at         TIMESTAMPTZ NOT NULL,
  dataset_uuid       UUID REFERENCES datasets(uuid),
  dataset_version_uuid UUID REFERENCES dataset_versions(uuid),
  run_uuid           UUID,
  lineage_event_time TIMESTAMPTZ NOT NULL,
  lineage_event_type VARCHAR(64),
  type               VARCHAR(64) NOT NULL,
  name               VARCHAR(255) NOT NULL,
  facet              JSONB NOT NULL
);

CREATE INDEX dataset_facets_dataset_uuid_idx ON dataset_facets (dataset_uuid);
CREATE INDEX dataset_facets_run_uuid_idx ON dataset_facets (run_uuid);
CREATE INDEX dataset_facets_name_idx ON dataset_facets (name) WHERE type = 'DATASET';
