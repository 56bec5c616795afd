-- A BlurHash per image, so a phone draws a placeholder before the bytes arrive. New images get it
-- at store time; rows stored before this migration are filled by image.PlaceholderBackfill.
ALTER TABLE generated_images ADD COLUMN blurhash TEXT;

-- One share link per image. Revoking deletes the row; deleting the image (or, through its images,
-- the account) deletes it with the image, so a token never outlives what it points at.
CREATE TABLE image_shares (
  token      TEXT PRIMARY KEY,
  image_id   UUID NOT NULL UNIQUE REFERENCES generated_images (id) ON DELETE CASCADE,
  user_id    UUID NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX image_shares_user ON image_shares (user_id);
