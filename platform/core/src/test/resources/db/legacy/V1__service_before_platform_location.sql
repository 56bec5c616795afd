-- The outbox and processed_events DDL exactly as the services' released V1 migrations carry it
-- (catalog, profile, generation): a database migrated before db/platform existed.
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
