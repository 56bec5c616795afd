-- 1,000 users, each on a weekly plan (40 credits this period) with two packs bought (50, then
-- 1,000,000): a run spends through the plan, then the older pack, then the newer one, so the
-- bucket order is exercised, not only the first row. Every grant has its ledger row, as the
-- credits consumer writes them. bench_user(n) is the users' ids for both paths alike.
CREATE FUNCTION bench_user(n int) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid $$;

INSERT INTO credit_entitlements (user_id, plan_key, unlimited, credits, period_start, period_end,
                                 source_event_id, changed_at)
SELECT bench_user(n), 'weekly', false, 40, now(), now() + interval '7 days', 'plan-' || n, now()
FROM generate_series(1, 1000) n;

INSERT INTO credit_grants (user_id, bucket, grant_id, granted, balance, expires_at, created_at)
SELECT bench_user(n), 'plan', 'plan-' || n, 40, 40, now() + interval '7 days', now()
FROM generate_series(1, 1000) n
UNION ALL
SELECT bench_user(n), 'pack', 'pack-a-' || n, 50, 50, NULL, now() - interval '2 days'
FROM generate_series(1, 1000) n
UNION ALL
SELECT bench_user(n), 'pack', 'pack-b-' || n, 1000000, 1000000, NULL, now() - interval '1 day'
FROM generate_series(1, 1000) n;

INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
SELECT user_id, 'grant', bucket, grant_id, granted, grant_id FROM credit_grants;

VACUUM ANALYZE;
