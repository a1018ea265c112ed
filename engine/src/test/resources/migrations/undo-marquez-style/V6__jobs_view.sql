CREATE VIEW jobs_view AS
  SELECT j.uuid, j.name, j.simple_name, n.name AS namespace_name, j.description, j.type, j.created_at
    FROM jobs j
    JOIN namespaces n ON n.uuid = j.namespace_uuid;
