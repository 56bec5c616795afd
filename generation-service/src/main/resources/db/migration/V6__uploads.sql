-- Uploads get ids, so a client can list its photos and enhance one (POST /v1/uploads/{id}/enhance)
-- without passing URLs around. Files stay under users/<id>/uploads|avatars/; user.deleted deletes
-- the rows with the prefix. Uploads stored before this migration have no row (their signed URLs
-- still work as original_photo_url).
CREATE TABLE uploads (
  id           UUID PRIMARY KEY,
  user_id      UUID NOT NULL,
  object_key   TEXT NOT NULL UNIQUE,
  purpose      TEXT NOT NULL CHECK (purpose IN ('photo', 'avatar')),
  content_type TEXT NOT NULL,
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX uploads_user_page ON uploads (user_id, created_at DESC, id DESC);
