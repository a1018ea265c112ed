-- changes before and after the sleep: a run stopped inside it must leave neither
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric);
SELECT pg_sleep(3);
ALTER TABLE users ADD COLUMN nickname text;
