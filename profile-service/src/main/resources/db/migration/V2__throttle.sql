-- Attempt counters for sign-in and sign-up limits (account/Throttle). One row per key, counted
-- by one conditional upsert, so parallel attempts cannot slip past the limit (the read-check-write
-- over login_failures could: 30 parallel wrong passwords were 30 x 401).
DROP TABLE login_failures;
CREATE TABLE throttle (
  key        TEXT PRIMARY KEY,          -- kind + SHA-256 of what it counts: 'login:email+client:<hex>'
  attempts   INTEGER NOT NULL,
  resets_at  TIMESTAMPTZ NOT NULL,      -- the window's end; later after each lockout
  lockouts   INTEGER NOT NULL DEFAULT 0 -- lockouts in a row: the next one lasts twice as long
);
CREATE INDEX idx_throttle_resets_at ON throttle (resets_at);

