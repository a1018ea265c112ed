DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'state_type') THEN
        CREATE TYPE state_type AS ENUM ('CREATED', 'RUNNING', 'SUCCESS', 'FAILED', 'KILLED');
    END IF;
END $$;

CREATE OR REPLACE FUNCTION state_fromtext(text) RETURNS state_type
    AS $$ SELECT CAST($1 AS state_type) $$ LANGUAGE SQL IMMUTABLE;

CREATE OR REPLACE FUNCTION parse_iso8601_datetime(text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN $1::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

CREATE TABLE IF NOT EXISTS queues (
    "offset" SERIAL PRIMARY KEY,
    type VARCHAR(250) NOT NULL,
    key VARCHAR(250) NOT NULL,
    value JSONB NOT NULL,
    consumers VARCHAR(250)[]
);

CREATE INDEX IF NOT EXISTS queues_type__consumers ON queues (type, consumers, "offset");

CREATE TABLE IF NOT EXISTS flows (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL,
    deleted BOOL NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'deleted' AS bool)) STORED,
    id VARCHAR(100) NOT NULL GENERATED ALWAYS AS (value ->> 'id') STORED,
    namespace VARCHAR(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
    revision INT NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'revision' AS INT)) STORED,
    source_code TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS flows_namespace ON flows (deleted, namespace);
CREATE INDEX IF NOT EXISTS flows_namespace__id__revision ON flows (deleted, namespace, id, revision);
