ALTER TABLE jobs ADD COLUMN simple_name VARCHAR(255);
UPDATE jobs SET simple_name = name;
ALTER TABLE jobs ADD COLUMN parent_job_uuid UUID REFERENCES jobs(uuid);
