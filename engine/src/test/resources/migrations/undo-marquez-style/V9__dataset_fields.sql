CREATE TABLE dataset_fields (
  uuid         UUID PRIMARY KEY,
  type         VARCHAR(64) NOT NULL,
  created_at   TIMESTAMP NOT NULL,
  updated_at   TIMESTAMP NOT NULL,
  dataset_uuid UUID REFERENCES datasets(uuid),
  name         VARCHAR(255) NOT NULL,
  description  TEXT,
  UNIQUE (dataset_uuid, name)
);
