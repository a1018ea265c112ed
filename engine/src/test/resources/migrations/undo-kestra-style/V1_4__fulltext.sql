ALTER TABLE flows ADD COLUMN IF NOT EXISTS fulltext TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple', coalesce(value ->> 'namespace', '')) || to_tsvector('simple', coalesce(value ->> 'id', ''))
) STORED;

CREATE INDEX IF NOT EXISTS flows_fulltext ON flows USING GIN (fulltext);
