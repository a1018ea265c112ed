ALTER TABLE oauth_client_details ALTER COLUMN scope TYPE VARCHAR(4096);
ALTER TABLE oauth_client_details ALTER COLUMN authorities TYPE VARCHAR(4096);
