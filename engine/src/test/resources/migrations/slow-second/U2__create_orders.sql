-- CASCADE makes the downgrade probe this script under a savepoint before running it: two sleeps
ALTER TABLE users DROP COLUMN nickname;
SELECT pg_sleep(3);
DROP TABLE orders CASCADE;
