CREATE TABLE lineage_events (
  event_time  TIMESTAMPTZ NOT NULL,
  event       JSONB NOT NULL,
  event_type  TEXT,
  run_uuid    TEXT,
  job_name    TEXT,
  job_namespace TEXT,
  producer    TEXT
);

CREATE INDEX lineage_events_run_uuid ON lineage_events (run_uuid);
CREATE INDEX lineage_events_event_time ON lineage_events USING brin (event_time);
COMMENT ON TABLE lineage_events IS 'OpenLineage events as received';
