DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'log_level') THEN
        CREATE TYPE log_level AS ENUM ('ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE');
    END IF;
END $$;

CREATE OR REPLACE FUNCTION loglevel_fromtext(text) RETURNS log_level
    AS $$ SELECT CAST($1 AS log_level) $$ LANGUAGE SQL IMMUTABLE;

CREATE TABLE IF NOT EXISTS logs (
    key VARCHAR(30) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    namespace VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
    execution_id VARCHAR(150) GENERATED ALWAYS AS (value ->> 'executionId') STORED,
    level log_level NOT NULL GENERATED ALWAYS AS (loglevel_fromtext(value ->> 'level')) STORED,
    timestamp TIMESTAMPTZ NOT NULL GENERATED ALWAYS AS (parse_iso8601_datetime(value ->> 'timestamp')) STORED
);

CREATE INDEX IF NOT EXISTS logs_execution_id ON logs (execution_id);
CREATE INDEX IF NOT EXISTS logs_namespace_timestamp ON logs (namespace, timestamp);
