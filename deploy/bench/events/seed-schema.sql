-- The seed's design (shared/seed/MonzieAI-database.md), reduced to what the benchmark touches:
-- generated_images with its three AFTER INSERT triggers updating hot rows.
DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;
CREATE TABLE profiles (id UUID PRIMARY KEY, email TEXT NOT NULL, generation_count INTEGER DEFAULT 0 NOT NULL,
  updated_at TIMESTAMPTZ DEFAULT now() NOT NULL);
CREATE TABLE scenes (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), n INTEGER UNIQUE, name TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL, prompt_template TEXT NOT NULL, usage_count INTEGER DEFAULT 0);
CREATE TABLE generated_images (id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES profiles(id) ON DELETE CASCADE, scene_id UUID NOT NULL REFERENCES scenes(id),
  image_url TEXT NOT NULL UNIQUE, prompt TEXT NOT NULL, generation_time REAL, model TEXT DEFAULT 'flux-pro-1.1',
  created_at TIMESTAMPTZ DEFAULT now() NOT NULL);
CREATE INDEX idx_generated_images_user_created ON generated_images(user_id, created_at DESC);
CREATE TABLE usage_tracking (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), user_id UUID NOT NULL REFERENCES profiles(id),
  date DATE DEFAULT CURRENT_DATE NOT NULL, generation_count INTEGER DEFAULT 0 NOT NULL, daily_limit INTEGER DEFAULT 10 NOT NULL,
  CONSTRAINT usage_tracking_user_date_unique UNIQUE (user_id, date));
CREATE FUNCTION increment_scene_usage() RETURNS TRIGGER AS $$ BEGIN
  UPDATE scenes SET usage_count = usage_count + 1 WHERE id = NEW.scene_id; RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER on_image_generated AFTER INSERT ON generated_images FOR EACH ROW EXECUTE FUNCTION increment_scene_usage();
CREATE FUNCTION update_generation_count() RETURNS TRIGGER AS $$ BEGIN
  UPDATE profiles SET generation_count = generation_count + 1 WHERE id = NEW.user_id; RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER on_generation_count_update AFTER INSERT ON generated_images FOR EACH ROW EXECUTE FUNCTION update_generation_count();
CREATE FUNCTION track_daily_usage() RETURNS TRIGGER AS $$ BEGIN
  INSERT INTO usage_tracking (user_id, date, generation_count) VALUES (NEW.user_id, CURRENT_DATE, 1)
  ON CONFLICT (user_id, date) DO UPDATE SET generation_count = usage_tracking.generation_count + 1; RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER on_daily_usage_track AFTER INSERT ON generated_images FOR EACH ROW EXECUTE FUNCTION track_daily_usage();
INSERT INTO profiles (id, email) SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'u' || g || '@bench' FROM generate_series(1, 1000) g;
INSERT INTO scenes (n, name, category, prompt_template) SELECT g, 'Bench scene ' || g, 'bench', 'A {gender} portrait' FROM generate_series(0, 50) g;
