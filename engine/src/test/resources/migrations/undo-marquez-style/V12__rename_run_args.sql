CREATE TABLE run_args (
  uuid       UUID PRIMARY KEY,
  created_at TIMESTAMP NOT NULL,
  args       JSONB NOT NULL,
  checksum   VARCHAR(255) UNIQUE NOT NULL
);
ALTER TABLE run_args RENAME COLUMN args TO run_arguments;
