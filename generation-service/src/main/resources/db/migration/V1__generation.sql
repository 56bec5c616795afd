-- Generation schema: the seed's generated_images and usage_tracking, corrected (DESIGN.md §7),
-- plus durable generation jobs and local snapshots of scenes and users fed by events, so that a
-- generation never calls catalog or profile synchronously.

-- scene.changed snapshots: the highest version wins (compacted topic, redelivery, reordering).
CREATE TABLE scene_snapshots (
  id              UUID PRIMARY KEY,
  name            TEXT NOT NULL,
  category        TEXT NOT NULL,
  prompt_template TEXT NOT NULL,
  negative_prompt TEXT,
  style_keywords  TEXT[] NOT NULL DEFAULT '{}',
  is_active       BOOLEAN NOT NULL,
  is_premium      BOOLEAN NOT NULL,
  version         BIGINT NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- profile.changed snapshots: gender for prompts, premium state for quota and premium scenes.
-- A user not heard of yet counts as free (DESIGN.md §5).
CREATE TABLE user_snapshots (
  user_id                 UUID PRIMARY KEY,
  gender                  TEXT CHECK (gender IN ('male', 'female')),
  is_premium              BOOLEAN NOT NULL,
  subscription_status     TEXT,
  subscription_expires_at TIMESTAMPTZ,
  version                 BIGINT NOT NULL,
  changed_at              TIMESTAMPTZ NOT NULL,
  received_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per user and day (day boundary: monzie.quota.day-zone). The count is reserved by one
-- conditional upsert when a generation is requested and given back when it fails; the limit is
-- configuration, not a column (seed defect §7.5).
CREATE TABLE usage_tracking (
  user_id          UUID NOT NULL,
  date             DATE NOT NULL,
  generation_count INTEGER NOT NULL DEFAULT 0 CHECK (generation_count >= 0),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, date)
);

-- Durable jobs: workers of any instance claim them with FOR UPDATE SKIP LOCKED and hold a lease;
-- a job whose worker died is claimed again once the lease runs out. lease_token guards the final
-- update, so a job finishes at most once.
CREATE TABLE generation_jobs (
  id                 UUID PRIMARY KEY,
  user_id            UUID NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  provider           TEXT NOT NULL,
  model              TEXT NOT NULL,
  scene_id           UUID NOT NULL,
  scene_name         TEXT NOT NULL,
  scene_category     TEXT,
  prompt             TEXT NOT NULL,
  negative_prompt    TEXT,
  image_size         TEXT NOT NULL,
  aspect_ratio       TEXT,
  seed               INTEGER NOT NULL,
  original_photo_key TEXT,
  source_image_id    UUID,
  is_enhance         BOOLEAN NOT NULL DEFAULT false,
  quota_date         DATE NOT NULL,
  idempotency_key    TEXT,
  request_hash       TEXT,
  attempts           INTEGER NOT NULL DEFAULT 0,
  not_before         TIMESTAMPTZ NOT NULL DEFAULT now(),
  lease_token        UUID,
  lease_until        TIMESTAMPTZ,
  image_id           UUID,
  error              TEXT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at         TIMESTAMPTZ,
  finished_at        TIMESTAMPTZ,
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT generation_jobs_idempotency UNIQUE (user_id, idempotency_key)
);
-- The claim query scans only unfinished jobs, oldest first.
CREATE INDEX idx_jobs_pending ON generation_jobs (provider, created_at)
  WHERE status IN ('queued', 'running');
CREATE INDEX idx_jobs_user ON generation_jobs (user_id, created_at DESC);

-- Images keep a snapshot of the scene's name and category (scenes are deactivated, never deleted:
-- seed defect §7.1) and everything needed to regenerate them exactly (prompt, model, size, seed).
CREATE TABLE generated_images (
  id                 UUID PRIMARY KEY,
  user_id            UUID NOT NULL,
  generation_id      UUID NOT NULL UNIQUE,
  scene_id           UUID NOT NULL,
  scene_name         TEXT NOT NULL,
  scene_category     TEXT,
  image_key          TEXT NOT NULL UNIQUE,
  thumbnail_key      TEXT,
  original_photo_key TEXT,
  source_image_id    UUID,
  prompt             TEXT NOT NULL,
  negative_prompt    TEXT,
  is_favorite        BOOLEAN NOT NULL DEFAULT false,
  is_enhanced        BOOLEAN NOT NULL DEFAULT false,
  generation_time    REAL NOT NULL,
  model              TEXT NOT NULL,
  image_size         TEXT,
  aspect_ratio       TEXT,
  seed               INTEGER,
  width              INTEGER,
  height             INTEGER,
  metadata           JSONB,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- History pages newest first by (created_at, id); favorites have their own partial index.
CREATE INDEX idx_images_user_created ON generated_images (user_id, created_at DESC, id DESC);
CREATE INDEX idx_images_user_favorites ON generated_images (user_id, created_at DESC, id DESC)
  WHERE is_favorite;

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
