DROP TABLE orders;
ALTER TABLE users DROP COLUMN nickname;
