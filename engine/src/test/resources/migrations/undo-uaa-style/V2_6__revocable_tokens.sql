CREATE TABLE revocable_tokens (
  token_id VARCHAR(36) NOT NULL PRIMARY KEY,
  client_id VARCHAR(255) NOT NULL,
  user_id VARCHAR(36),
  format VARCHAR(255),
  response_type VARCHAR(25) NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  scope VARCHAR(1000),
  data TEXT NOT NULL,
  identity_zone_id VARCHAR(36) DEFAULT 'uaa' NOT NULL
);
CREATE INDEX idx_revocable_token_client_id ON revocable_tokens (client_id);
CREATE INDEX idx_revocable_token_user_id ON revocable_tokens (user_id);
CREATE INDEX idx_revocable_token_expires_at ON revocable_tokens (expires_at);
