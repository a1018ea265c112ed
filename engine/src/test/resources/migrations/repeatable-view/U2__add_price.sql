-- the view over price goes with it; R__views.sql makes it again on the next upgrade
ALTER TABLE items DROP COLUMN price CASCADE;
