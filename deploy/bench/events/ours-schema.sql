-- Our design in the catalog database of a dedicated catalog-service instance (its Flyway made
-- scenes, outbox, processed_events): the image row and its event go in one transaction; the
-- catalog's consumer applies usage_count in batches from Kafka.
DROP TABLE IF EXISTS generated_images;
CREATE TABLE generated_images (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), user_id UUID NOT NULL,
  scene_id UUID NOT NULL, image_url TEXT NOT NULL UNIQUE, prompt TEXT NOT NULL, generation_time REAL,
  model TEXT DEFAULT 'flux-pro-1.1', created_at TIMESTAMPTZ DEFAULT now() NOT NULL);
CREATE INDEX idx_generated_images_user_created ON generated_images(user_id, created_at DESC);
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS n INTEGER UNIQUE;
INSERT INTO categories (name, slug) VALUES ('Bench', 'bench') ON CONFLICT DO NOTHING;
INSERT INTO scenes (n, name, category, prompt_template) SELECT g, 'Bench scene ' || g, 'bench', 'A {gender} portrait'
  FROM generate_series(0, 50) g ON CONFLICT DO NOTHING;
UPDATE scenes SET usage_count = 0;
DELETE FROM outbox;
