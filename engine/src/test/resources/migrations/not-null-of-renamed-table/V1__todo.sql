CREATE TABLE todo (id integer PRIMARY KEY, title text NOT NULL);
ALTER TABLE todo RENAME TO tasks;
