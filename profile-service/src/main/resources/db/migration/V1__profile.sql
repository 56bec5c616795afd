-- Profile schema: the seed's profiles plus the accounts that Supabase Auth (auth.users) kept.
-- Counters and subscription fields are written by this service only (seed defect §7.6).

CREATE TABLE users (
  id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- emails are unique regardless of case; the service stores them lower-cased
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE refresh_tokens (
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   UUID NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,       -- SHA-256 of the opaque token; the token itself is never stored
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ,
  revoked_at  TIMESTAMPTZ,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens (user_id);

-- failed sign-ins, per email and per client address, for the 429 after repeated failures
CREATE TABLE login_failures (
  key         TEXT NOT NULL,
  failed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_login_failures_key_at ON login_failures (key, failed_at);

CREATE TABLE profiles (
  id                      UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email                   TEXT NOT NULL,
  gender                  TEXT CHECK (gender IN ('male', 'female')),
  display_name            TEXT,
  avatar_url              TEXT,
  is_premium              BOOLEAN NOT NULL DEFAULT false,
  generation_count        INTEGER NOT NULL DEFAULT 0,
  favorite_count          INTEGER NOT NULL DEFAULT 0 CHECK (favorite_count >= 0),
  last_generation_at      TIMESTAMPTZ,
  subscription_status     TEXT,
  subscription_expires_at TIMESTAMPTZ,
  revenue_cat_user_id     TEXT,
  -- event_timestamp_ms of the last RevenueCat event applied: an older one arriving late is ignored
  subscription_event_ms   BIGINT NOT NULL DEFAULT 0,
  -- grows with every change other services see (profile.changed): older snapshots never win
  version                 BIGINT NOT NULL DEFAULT 1,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_profiles_revenue_cat_user_id ON profiles (revenue_cat_user_id);
CREATE INDEX idx_profiles_premium_expiry ON profiles (subscription_expires_at) WHERE is_premium;

-- RevenueCat event ids already handled (webhooks are retried)
CREATE TABLE revenuecat_events (
  event_id     TEXT PRIMARY KEY,
  event_type   TEXT NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Transactional outbox (platform/core OutboxRelay) and idempotent consumers (EventBatches).
CREATE TABLE outbox (
  id          BIGSERIAL PRIMARY KEY,
  event_id    UUID NOT NULL UNIQUE,
  topic       TEXT NOT NULL,
  event_key   TEXT NOT NULL,
  payload     JSONB NOT NULL,
  traceparent TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE processed_events (
  event_id     TEXT PRIMARY KEY,
  topic        TEXT NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_processed_events_at ON processed_events (processed_at);
