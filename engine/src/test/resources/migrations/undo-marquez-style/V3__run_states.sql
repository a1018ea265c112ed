CREATE TABLE run_states (
  uuid              UUID PRIMARY KEY,
  transitioned_at   TIMESTAMP NOT NULL,
  run_uuid          UUID REFERENCES runs(uuid),
  state             VARCHAR(64) NOT NULL
);

CREATE INDEX run_states_run_uuid_idx ON run_states (run_uuid);
CREATE INDEX runs_job_uuid_created_at_idx ON runs (job_uuid, created_at DESC);
