ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id), total int);
