-- Issue 12: plans (what is sold), the entitlement each user holds, and every store event received.
-- profile owns these; generation-service owns consumption and hears of changes only through events.

CREATE TABLE plans (
  key           TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  price_usd     NUMERIC(10, 2) NOT NULL CHECK (price_usd >= 0),
  credits       INTEGER NOT NULL CHECK (credits >= 0),
  period_days   INTEGER CHECK (period_days > 0),           -- null for packs
  unlimited     BOOLEAN NOT NULL DEFAULT false,
  kind          TEXT NOT NULL CHECK (kind IN ('subscription', 'pack')),
  display_order INTEGER NOT NULL DEFAULT 0,
  active        BOOLEAN NOT NULL DEFAULT true,              -- DELETE is a soft delete
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (kind = 'pack' OR period_days IS NOT NULL),
  CHECK (kind = 'subscription' OR (period_days IS NULL AND NOT unlimited))
);

-- one store product id names one plan (a renewal must resolve to exactly one plan); kept when a
-- plan is soft-deleted, so subscribers of a retired plan still renew into it
CREATE TABLE plan_products (
  product_id  TEXT PRIMARY KEY,
  plan_key    TEXT NOT NULL REFERENCES plans (key)
);
CREATE INDEX idx_plan_products_plan ON plan_products (plan_key);

-- Every store webhook (RevenueCat, Adapty), keyed by the store's own event id: a replay finds its
-- row and changes nothing. outcome says what it did (applied, stale, unknown_product, ...).
CREATE TABLE store_events (
  event_id        TEXT PRIMARY KEY,
  store           TEXT NOT NULL,
  event_type      TEXT NOT NULL,
  user_id         UUID,
  product_id      TEXT,
  transaction_id  TEXT,
  outcome         TEXT NOT NULL DEFAULT 'received',
  occurred_at     TIMESTAMPTZ,
  received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_store_events_transaction ON store_events (transaction_id) WHERE transaction_id IS NOT NULL;

-- the RevenueCat ids seen before this table existed stay replay-safe
INSERT INTO store_events (event_id, store, event_type, outcome, received_at)
SELECT event_id, 'revenuecat', event_type, 'applied', received_at FROM revenuecat_events;
DROP TABLE revenuecat_events;

-- The plan period each user is in (one row per user; plan_key null = free). last_event_at is the
-- store's own time of the last event applied: an older event arriving late changes nothing.
CREATE TABLE subscriptions (
  user_id        UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  plan_key       TEXT REFERENCES plans (key),
  store          TEXT NOT NULL,
  product_id     TEXT,
  status         TEXT NOT NULL CHECK (status IN ('none', 'active', 'canceled', 'expired', 'refunded')),
  period_start   TIMESTAMPTZ,
  period_end     TIMESTAMPTZ,
  last_event_id  TEXT NOT NULL,
  last_event_at  TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Pack purchases, so a refund can name the grant it takes back (credits.revoked).
CREATE TABLE credit_grants (
  source_event_id  TEXT PRIMARY KEY,
  user_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  store            TEXT NOT NULL,
  product_id       TEXT NOT NULL,
  transaction_id   TEXT,
  amount           INTEGER NOT NULL CHECK (amount > 0),
  granted_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_by       TEXT,
  revoked_at       TIMESTAMPTZ
);
CREATE INDEX idx_credit_grants_user ON credit_grants (user_id, product_id);
