CREATE TABLE IF NOT EXISTS settings (
    key VARCHAR(250) NOT NULL PRIMARY KEY,
    value JSONB NOT NULL
);

INSERT INTO settings (key, value) VALUES ('instance', '{"key": "instance.uuid", "value": "x"}');
