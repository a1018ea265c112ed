ALTER TABLE users ADD COLUMN passwd_lastmodified TIMESTAMP NULL;
UPDATE users SET passwd_lastmodified = lastModified;
