INSERT INTO groups (id, displayName) VALUES ('f3b48d1a-0a86-4b4a-b1c6-7a5a5b6a0b03', 'password.write');
