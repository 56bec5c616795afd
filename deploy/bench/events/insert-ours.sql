\set r random(1, 100)
\set hot random(1, 5)
\set cold random(6, 50)
\set user random(1, 1000)
\if :r <= 80
\set s :hot
\else
\set s :cold
\endif
WITH img AS (
  INSERT INTO generated_images (user_id, scene_id, image_url, prompt, generation_time)
  SELECT ('00000000-0000-4000-8000-' || lpad(:user::text, 12, '0'))::uuid, id, 'https://img/' || gen_random_uuid(), 'A portrait', 3.2
  FROM scenes WHERE n = :s RETURNING id, user_id, scene_id, created_at)
INSERT INTO outbox (event_id, topic, event_key, payload)
SELECT id, :topic, user_id::text,
  jsonb_build_object('image_id', id, 'generation_id', gen_random_uuid(), 'user_id', user_id, 'scene_id', scene_id,
    'scene_name', 'Bench', 'model', 'local', 'generation_time', 3.2, 'is_enhanced', false, 'created_at', created_at)
FROM img;
