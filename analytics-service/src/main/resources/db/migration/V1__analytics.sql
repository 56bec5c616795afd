-- Analytics schema: the seed's analytics_events, partitioned by month on created_at (the seed's
-- "Partitioning (Future)"). Partitions are created ahead and dropped after the retention by the
-- service (PartitionMaintenance); no partial index on now() (seed defect §7.2).

CREATE TABLE analytics_events (
  id               UUID NOT NULL DEFAULT gen_random_uuid(),
  user_id          UUID,
  event_name       TEXT NOT NULL,
  event_properties JSONB,
  platform         TEXT CHECK (platform IN ('ios', 'android', 'web')),
  app_version      TEXT,
  device_info      JSONB,
  session_id       TEXT,
  source           TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'server')),
  event_id         TEXT,            -- ce_id of a domain event (source = 'server')
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE INDEX idx_analytics_user_event ON analytics_events (user_id, event_name, created_at DESC);
CREATE INDEX idx_analytics_event_time ON analytics_events (event_name, created_at DESC);
CREATE INDEX idx_analytics_properties ON analytics_events USING GIN (event_properties);

-- The seed's "Daily Generation Stats" query, kept as a projection so it never scans raw events.
CREATE TABLE generation_stats (
  date                DATE PRIMARY KEY,
  total_generations   INTEGER NOT NULL,
  unique_users        INTEGER NOT NULL,
  avg_generation_time DOUBLE PRECISION,
  p95_generation_time DOUBLE PRECISION,
  failures            INTEGER NOT NULL,
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotent consumers (EventBatches); analytics publishes nothing, so it has no outbox.
CREATE TABLE processed_events (
  event_id     TEXT PRIMARY KEY,
  topic        TEXT NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_processed_events_at ON processed_events (processed_at);
