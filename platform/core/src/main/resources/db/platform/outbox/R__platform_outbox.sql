-- The transactional outbox of platform/core (OutboxWriter appends in the caller's transaction,
-- OutboxRelay publishes in id order and deletes). This file is the one place its schema is made
-- or changed, for every service that lists classpath:db/platform/outbox in quarkus.flyway.locations.
--
-- A repeatable migration: Flyway runs it after the service's versioned ones, and again whenever
-- this file changes. Databases migrated before this file existed already have the table (from
-- their service's V1, never edited since), so every statement here must be safe to run again on
-- any earlier shape of the table: CREATE ... IF NOT EXISTS, ALTER TABLE ... ADD COLUMN IF NOT
-- EXISTS. Change the schema by appending such a statement, never by editing one above it.
CREATE TABLE IF NOT EXISTS outbox (
  id          BIGSERIAL PRIMARY KEY,
  event_id    UUID NOT NULL UNIQUE,
  topic       TEXT NOT NULL,
  event_key   TEXT NOT NULL,
  payload     JSONB NOT NULL,
  traceparent TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
