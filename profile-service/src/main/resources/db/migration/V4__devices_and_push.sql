-- Push notifications (issue 13): the user's devices, the switch, and the pushes queued by the
-- image-event consumer in its own transaction, sent later by push/PushDrainer.

ALTER TABLE profiles ADD COLUMN notifications_enabled BOOLEAN NOT NULL DEFAULT true;

-- A token belongs to one user at a time: registering it again (another account signed in on the
-- phone) moves it. Deleting the user deletes its devices (the FK, in the deletion transaction).
CREATE TABLE devices (
  token       TEXT PRIMARY KEY,
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform    TEXT NOT NULL CHECK (platform IN ('ios', 'android')),
  provider    TEXT NOT NULL CHECK (provider IN ('expo', 'fcm')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_devices_user ON devices (user_id, updated_at);

-- One row per (event, device): a redelivered event cannot queue a second push. The row stays
-- after sending (state) so the uniqueness holds; old rows are swept.
CREATE TABLE push_outbox (
  id               BIGSERIAL PRIMARY KEY,
  event_id         TEXT NOT NULL,
  user_id          UUID NOT NULL,
  token            TEXT NOT NULL,
  provider         TEXT NOT NULL,
  title            TEXT NOT NULL,
  body             TEXT NOT NULL,
  data             JSONB NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'dropped')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  -- when the drainer may take it: now when queued, later after a failure (exponential backoff)
  -- or while one drainer holds it (the lease, so a crashed drainer's rows come back)
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error       TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at          TIMESTAMPTZ,
  UNIQUE (event_id, token)
);
CREATE INDEX idx_push_outbox_due ON push_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX idx_push_outbox_created ON push_outbox (created_at);

-- Expo answers a send with tickets; their receipts (delivered, or DeviceNotRegistered) are read
-- later from /getReceipts.
CREATE TABLE push_receipts (
  ticket_id    TEXT PRIMARY KEY,
  token        TEXT NOT NULL,
  user_id      UUID NOT NULL,
  check_after  TIMESTAMPTZ NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_push_receipts_due ON push_receipts (check_after);
