ALTER TABLE datasets ADD COLUMN is_hidden BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE jobs ADD COLUMN is_hidden BOOLEAN NOT NULL DEFAULT false;

CREATE OR REPLACE VIEW jobs_view AS
  SELECT j.uuid, j.name, j.simple_name, j.fqn, n.name AS namespace_name, j.description, j.type, j.created_at,
         j.parent_job_uuid, j.is_hidden
    FROM jobs j
    JOIN namespaces n ON n.uuid = j.namespace_uuid;
