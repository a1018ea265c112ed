CREATE TABLE IF NOT EXISTS executions (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    deleted BOOL NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'deleted' AS bool)) STORED,
    id VARCHAR(100) NOT NULL GENERATED ALWAYS AS (value ->> 'id') STORED,
    namespace VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
    flow_id VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'flowId') STORED,
    state_current state_type NOT NULL GENERATED ALWAYS AS (state_fromtext(value #>> '{state, current}')) STORED,
    start_date TIMESTAMPTZ NOT NULL GENERATED ALWAYS AS (parse_iso8601_datetime(value #>> '{state, startDate}')) STORED
);

CREATE INDEX IF NOT EXISTS executions_namespace ON executions (deleted, namespace);
CREATE INDEX IF NOT EXISTS executions_flow_id ON executions (deleted, flow_id);
CREATE INDEX IF NOT EXISTS executions_state_current ON executions (deleted, state_current);
CREATE INDEX IF NOT EXISTS executions_start_date ON executions (deleted, start_date);
