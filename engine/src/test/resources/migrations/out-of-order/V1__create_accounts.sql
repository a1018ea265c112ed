CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);
