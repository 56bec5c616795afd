-- The ids of consumed events (platform/core EventBatches: one row per applied event, claimed in
-- the same transaction as the event's effect). This file is the one place its schema is made or
-- changed, for every service that lists classpath:db/platform/inbox in quarkus.flyway.locations.
--
-- A repeatable migration: Flyway runs it after the service's versioned ones, and again whenever
-- this file changes. Databases migrated before this file existed already have the table (from
-- their service's V1, never edited since), so every statement here must be safe to run again on
-- any earlier shape of the table: CREATE ... IF NOT EXISTS, ALTER TABLE ... ADD COLUMN IF NOT
-- EXISTS. Change the schema by appending such a statement, never by editing one above it.
CREATE TABLE IF NOT EXISTS processed_events (
  event_id     TEXT PRIMARY KEY,
  topic        TEXT NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_processed_events_at ON processed_events (processed_at);
