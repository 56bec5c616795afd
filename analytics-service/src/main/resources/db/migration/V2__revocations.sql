-- Deleted users and ended sessions whose access tokens must be refused before they expire
-- (platform auth.Revocations, written by the idempotent consumer of user.deleted/session.revoked
-- so every instance of this service sees them). Rows go once no token they name can be valid.
CREATE TABLE revocations (
  kind        TEXT NOT NULL CHECK (kind IN ('subject', 'session')),
  id          TEXT NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX idx_revocations_expires_at ON revocations (expires_at);
