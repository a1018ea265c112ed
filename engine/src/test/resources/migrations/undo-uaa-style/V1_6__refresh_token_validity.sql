ALTER TABLE oauth_client_details ADD COLUMN refresh_token_validity INTEGER DEFAULT 0;
ALTER TABLE oauth_client_details ADD COLUMN additional_information VARCHAR(4096);
