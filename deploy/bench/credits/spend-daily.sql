-- The daily-quota path as it was before credits (DailyQuota.reserve): one conditional upsert, in
-- one transaction. The limit is set out of reach, so every call counts (at the real limit of 10 the
-- run would turn, within a second, into refusals that write nothing: cheaper, and not a spend).
\set u random(1, 1000)
BEGIN;
INSERT INTO usage_tracking AS u (user_id, date, generation_count)
  SELECT bench_user(:u), current_date, 1 WHERE 1000000000::int IS NULL OR 1000000000::int > 0
  ON CONFLICT (user_id, date) DO UPDATE
  SET generation_count = u.generation_count + 1, updated_at = now()
  WHERE 1000000000::int IS NULL OR u.generation_count < 1000000000::int
  RETURNING generation_count;
COMMIT;
