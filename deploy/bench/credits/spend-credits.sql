-- The credit path of POST /v1/generations (Credits.reserve for a plan user): the entitlement read
-- (CreditLedger.entitlement) and the one spend statement (CreditLedger.SPEND, verbatim but for the
-- parameters: $1 user, $2 the generation id, $3 the buckets), in one transaction as in the service.
\set u random(1, 1000)
BEGIN;
SELECT plan_key, unlimited, credits, period_start, period_end, source_event_id, changed_at
  FROM credit_entitlements WHERE user_id = bench_user(:u);
WITH pick AS (
  SELECT bucket, grant_id FROM credit_grants
  WHERE user_id = bench_user(:u) AND bucket = ANY('{plan,pack}'::text[]) AND closed_at IS NULL
    AND balance > 0 AND (expires_at IS NULL OR expires_at > now())
  ORDER BY CASE bucket WHEN 'plan' THEN 0 ELSE 1 END, created_at, grant_id
  LIMIT 1 FOR UPDATE),
spent AS (
  UPDATE credit_grants g SET balance = g.balance - 1 FROM pick
  WHERE g.user_id = bench_user(:u) AND g.bucket = pick.bucket AND g.grant_id = pick.grant_id
  RETURNING g.bucket, g.grant_id)
INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
SELECT bench_user(:u), 'spend', bucket, grant_id, -1, gen_random_uuid()::text FROM spent
RETURNING bucket;
COMMIT;
