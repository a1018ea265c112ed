ALTER TABLE users ADD COLUMN priority text DEFAULT 'medium';
CREATE INDEX users_priority_idx ON users (priority);
