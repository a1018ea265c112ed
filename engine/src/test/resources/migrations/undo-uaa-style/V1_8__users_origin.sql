ALTER TABLE users ADD COLUMN origin VARCHAR(36) NOT NULL DEFAULT 'uaa';
ALTER TABLE users DROP CONSTRAINT unique_uk_1;
CREATE UNIQUE INDEX users_unique_key ON users (lower(username), lower(origin));
