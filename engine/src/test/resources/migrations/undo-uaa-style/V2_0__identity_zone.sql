CREATE TABLE identity_zone (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  created TIMESTAMP DEFAULT current_timestamp NOT NULL,
  lastModified TIMESTAMP DEFAULT current_timestamp NOT NULL,
  version BIGINT DEFAULT 0,
  subdomain VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description VARCHAR(255),
  CONSTRAINT unique_subdomain UNIQUE (subdomain)
);

INSERT INTO identity_zone (id, subdomain, name, description) VALUES ('uaa', '', 'uaa', 'The system zone for backwards compatibility');

ALTER TABLE users ADD COLUMN identity_zone_id VARCHAR(36) DEFAULT 'uaa' NOT NULL;
ALTER TABLE oauth_client_details ADD COLUMN identity_zone_id VARCHAR(36) DEFAULT 'uaa' NOT NULL;
