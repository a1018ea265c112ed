CREATE TABLE column_lineage (
  output_dataset_version_uuid UUID REFERENCES dataset_versions(uuid),
  output_dataset_field_uuid   UUID REFERENCES dataset_fields(uuid),
  input_dataset_version_uuid  UUID REFERENCES dataset_versions(uuid),
  input_dataset_field_uuid    UUID REFERENCES dataset_fields(uuid),
  transformation_description  VARCHAR(255),
  transformation_type         VARCHAR(255),
  created_at                  TIMESTAMPTZ NOT NULL,
  updated_at                  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (output_dataset_version_uuid, output_dataset_field_uuid, input_dataset_version_uuid,
               input_dataset_field_uuid)
);
