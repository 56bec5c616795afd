-- Deleted users and ended sessions whose access tokens must be refused before they expire
-- (platform auth.Revocations, written by the idempotent consumer of user.deleted/session.revoked,
-- so every instance of a service sees them). Rows go once no token they name can still be valid.
-- This file is the one place this table is made or changed, for every service that lists
-- classpath:db/platform/auth in quarkus.flyway.locations. A repeatable migration (see
-- ../outbox/R__platform_outbox.sql): every statement must be safe to run again.
CREATE TABLE IF NOT EXISTS revocations (
  kind        TEXT NOT NULL CHECK (kind IN ('subject', 'session')),
  id          TEXT NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS idx_revocations_expires_at ON revocations (expires_at);
