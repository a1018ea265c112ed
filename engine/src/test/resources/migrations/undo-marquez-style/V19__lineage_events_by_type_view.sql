CREATE MATERIALIZED VIEW lineage_events_by_type_daily_view AS
  SELECT date_trunc('day', event_time) AS start_interval, coalesce(event_type, 'UNKNOWN') AS state, count(*) AS count
    FROM lineage_events
   GROUP BY 1, 2;

CREATE UNIQUE INDEX lineage_events_by_type_daily_view_idx
  ON lineage_events_by_type_daily_view (start_interval, state);
