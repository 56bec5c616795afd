-- Catalog schema: the seed's categories and scenes, corrected (DESIGN.md §7):
-- no duplicate indexes, a full-text index over name + description, scenes are deactivated and
-- never deleted, scene_count is recomputed by the service in the transaction of every change.

CREATE TABLE categories (
  id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name          TEXT NOT NULL UNIQUE,
  slug          TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  description   TEXT,
  icon          TEXT,
  thumbnail_url TEXT,
  is_active     BOOLEAN NOT NULL DEFAULT true,
  order_index   INTEGER NOT NULL DEFAULT 0,
  scene_count   INTEGER NOT NULL DEFAULT 0,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_categories_active_order ON categories (order_index, slug) WHERE is_active;

CREATE TABLE scenes (
  id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name            TEXT NOT NULL UNIQUE,
  description     TEXT,
  category        TEXT NOT NULL REFERENCES categories (slug) ON UPDATE CASCADE,
  subcategory     TEXT,
  preview_url     TEXT,
  thumbnail_url   TEXT,
  prompt_template TEXT NOT NULL,
  negative_prompt TEXT,
  style_keywords  TEXT[] NOT NULL DEFAULT '{}',
  is_active       BOOLEAN NOT NULL DEFAULT true,
  is_premium      BOOLEAN NOT NULL DEFAULT false,
  order_index     INTEGER NOT NULL DEFAULT 0,
  usage_count     BIGINT NOT NULL DEFAULT 0,
  -- grows with every change, so consumers of scene.changed never let an old snapshot win
  version         BIGINT NOT NULL DEFAULT 1,
  search          TSVECTOR GENERATED ALWAYS AS (
                    to_tsvector('english', name || ' ' || coalesce(description, ''))) STORED,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Keyset pagination orders: (order_index, id) and (usage_count DESC, id), active scenes only.
CREATE INDEX idx_scenes_category_order ON scenes (category, order_index, id) WHERE is_active;
CREATE INDEX idx_scenes_order ON scenes (order_index, id) WHERE is_active;
CREATE INDEX idx_scenes_popular ON scenes (usage_count DESC, id) WHERE is_active;
CREATE INDEX idx_scenes_search ON scenes USING GIN (search);

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
