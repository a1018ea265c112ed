DROP INDEX users_unique_key;
CREATE UNIQUE INDEX users_unique_key ON users (lower(username), lower(origin), identity_zone_id);
ALTER TABLE oauth_client_details DROP CONSTRAINT oauth_client_details_pkey;
ALTER TABLE oauth_client_details ADD PRIMARY KEY (client_id, identity_zone_id);
