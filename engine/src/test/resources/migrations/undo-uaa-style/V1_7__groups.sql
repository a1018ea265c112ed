CREATE TABLE groups (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  displayName VARCHAR(255) NOT NULL,
  created TIMESTAMP DEFAULT current_timestamp NOT NULL,
  lastModified TIMESTAMP DEFAULT current_timestamp NOT NULL,
  version INTEGER DEFAULT 0 NOT NULL,
  CONSTRAINT unique_uk_2 UNIQUE (displayName)
);

CREATE TABLE group_membership (
  group_id VARCHAR(36) NOT NULL,
  member_id VARCHAR(36) NOT NULL,
  member_type VARCHAR(8) DEFAULT 'USER' NOT NULL,
  authorities VARCHAR(255) DEFAULT 'READ' NOT NULL,
  added TIMESTAMP DEFAULT current_timestamp NOT NULL,
  PRIMARY KEY (group_id, member_id)
);

INSERT INTO groups (id, displayName) VALUES ('f3b48d1a-0a86-4b4a-b1c6-7a5a5b6a0b01', 'uaa.user');
INSERT INTO groups (id, displayName) VALUES ('f3b48d1a-0a86-4b4a-b1c6-7a5a5b6a0b02', 'openid');
