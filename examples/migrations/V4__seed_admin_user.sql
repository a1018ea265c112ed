-- A data change: every installation gets an administrator to assign tasks to.
INSERT INTO users (email, name) VALUES ('admin@example.com', 'Administrator');
