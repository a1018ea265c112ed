ALTER TABLE users DROP COLUMN nickname;
SELECT pg_sleep(3);
DROP TABLE orders;
