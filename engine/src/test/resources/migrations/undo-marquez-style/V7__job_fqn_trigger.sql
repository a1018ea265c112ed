ALTER TABLE jobs ADD COLUMN fqn TEXT;

CREATE OR REPLACE FUNCTION compute_job_fqn() RETURNS TRIGGER AS $$
BEGIN
  IF NEW.parent_job_uuid IS NULL THEN
    NEW.fqn := NEW.simple_name;
  ELSE
    SELECT j.fqn || '.' || NEW.simple_name INTO NEW.fqn FROM jobs j WHERE j.uuid = NEW.parent_job_uuid;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_compute_fqn BEFORE INSERT OR UPDATE ON jobs
  FOR EACH ROW EXECUTE FUNCTION compute_job_fqn();
