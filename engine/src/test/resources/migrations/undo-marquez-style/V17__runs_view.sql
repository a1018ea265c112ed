CREATE VIEW runs_view AS
  SELECT r.uuid, r.created_at, r.updated_at, r.nominal_start_time, r.nominal_end_time, r.started_at, r.ended_at,
         j.name AS job_name, j.namespace_name, ra.run_arguments AS args
    FROM runs r
    LEFT JOIN jobs_view j ON j.uuid = r.job_uuid
    LEFT JOIN run_args ra ON ra.uuid = r.job_version_uuid;
