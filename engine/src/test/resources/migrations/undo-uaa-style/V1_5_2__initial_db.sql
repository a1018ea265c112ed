CREATE TABLE users (
   id CHAR(36) NOT NULL PRIMARY KEY,
   created TIMESTAMP DEFAULT current_timestamp NOT NULL,
   lastModified TIMESTAMP DEFAULT current_timestamp NOT NULL,
   version BIGINT DEFAULT 0 NOT NULL,
   username VARCHAR(255) NOT NULL,
   password VARCHAR(255) NOT NULL,
   email VARCHAR(255) NOT NULL,
   authorities VARCHAR(1024) DEFAULT 'uaa.user' NOT NULL,
   givenName VARCHAR(255),
   familyName VARCHAR(255),
   active BOOLEAN DEFAULT true NOT NULL,
   phoneNumber VARCHAR(255),
   CONSTRAINT unique_uk_1 UNIQUE (username)
);

CREATE TABLE sec_audit (
   principal_id CHAR(36) NOT NULL,
   event_type INTEGER NOT NULL,
   origin VARCHAR(255) NOT NULL,
   event_data VARCHAR(255),
   created TIMESTAMP DEFAULT current_timestamp
);

CREATE INDEX audit_principal ON sec_audit (principal_id);
CREATE INDEX audit_created ON sec_audit (created);

CREATE TABLE oauth_client_details (
  client_id VARCHAR(256) PRIMARY KEY,
  resource_ids VARCHAR(1024),
  client_secret VARCHAR(256),
  scope VARCHAR(1024),
  authorized_grant_types VARCHAR(256),
  web_server_redirect_uri VARCHAR(1024),
  authorities VARCHAR(1024),
  access_token_validity INTEGER
);
