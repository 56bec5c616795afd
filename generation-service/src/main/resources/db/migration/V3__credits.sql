-- Credits (issue 12): plans and packs bought in the stores (profile-service) arrive as events;
-- this service spends them. The ledger is append-only and every row names its cause (a store
-- event id, a generation id) with a unique key, so a redelivered event or a retried refund applies
-- once. credit_grants holds the balance of each grant, changed only together with a ledger row in
-- the same transaction: for every grant, balance = sum(ledger.amount). The free daily allowance
-- stays in usage_tracking (DailyQuota).

-- The user's entitlement as the newest entitlement.changed (by changed_at) said.
CREATE TABLE credit_entitlements (
  user_id         UUID PRIMARY KEY,
  plan_key        TEXT,
  unlimited       BOOLEAN NOT NULL,
  credits         INTEGER NOT NULL,
  period_start    TIMESTAMPTZ,
  period_end      TIMESTAMPTZ,
  source_event_id TEXT NOT NULL,
  changed_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per grant: a plan period (bucket plan, at most one open per user) or a pack purchase
-- (bucket pack, spent oldest first). A closed grant (period replaced, pack refunded) is never spent
-- again. fillfactor leaves room for HOT updates: a spend changes only balance.
CREATE TABLE credit_grants (
  user_id    UUID NOT NULL,
  bucket     TEXT NOT NULL CHECK (bucket IN ('plan', 'pack')),
  grant_id   TEXT NOT NULL,
  granted    INTEGER NOT NULL CHECK (granted >= 0),
  balance    INTEGER NOT NULL CHECK (balance >= 0),
  expires_at TIMESTAMPTZ,
  closed_at  TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, bucket, grant_id)
) WITH (fillfactor = 80);
CREATE UNIQUE INDEX credit_grants_one_open_plan ON credit_grants (user_id)
  WHERE bucket = 'plan' AND closed_at IS NULL;

-- amount is signed: + grant, refund; - spend, expiry, revoke.
CREATE TABLE credit_ledger (
  id         BIGSERIAL,
  user_id    UUID NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('grant', 'spend', 'refund', 'expiry', 'revoke')),
  bucket     TEXT NOT NULL CHECK (bucket IN ('plan', 'pack')),
  grant_id   TEXT NOT NULL,
  amount     INTEGER NOT NULL,
  cause      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT credit_ledger_once PRIMARY KEY (user_id, kind, cause)
);
-- GET /v1/usage/ledger: the user's rows newest first, keyset on id.
CREATE INDEX credit_ledger_history ON credit_ledger (user_id, id DESC);
