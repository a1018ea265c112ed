ALTER TABLE group_membership ADD COLUMN origin VARCHAR(36) DEFAULT 'uaa' NOT NULL;
CREATE INDEX group_membership_member_idx ON group_membership (member_id);
