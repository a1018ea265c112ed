CREATE TABLE expiring_code_store (
  code VARCHAR(255) NOT NULL PRIMARY KEY,
  expiresat BIGINT NOT NULL,
  data VARCHAR(4096) NOT NULL
);
