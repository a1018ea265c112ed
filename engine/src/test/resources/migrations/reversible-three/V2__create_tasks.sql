CREATE TABLE tasks (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id), title text);
