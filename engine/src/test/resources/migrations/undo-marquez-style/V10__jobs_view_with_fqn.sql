DROP VIEW jobs_view;
CREATE VIEW jobs_view AS
  SELECT j.uuid, j.name, j.simple_name, j.fqn, n.name AS namespace_name, j.description, j.type, j.created_at,
         j.parent_job_uuid
    FROM jobs j
    JOIN namespaces n ON n.uuid = j.namespace_uuid;
