-- The credit path of POST /v1/generations for a plan user (Credits.reserve): one statement reads
-- the entitlement and spends (CreditLedger.SPEND_IF_PLAN, verbatim but for the parameters: $1 the
-- user, $2 the generation id), in one transaction as in the service.
\set u random(1, 1000)
BEGIN;
WITH ent AS (
  SELECT plan_key, unlimited, credits, period_start, period_end, source_event_id, changed_at,
         plan_key IS NOT NULL AND (period_end IS NULL OR period_end > now()) AS plan_active
  FROM credit_entitlements WHERE user_id = bench_user(:u)),
pick AS (
  SELECT g.bucket, g.grant_id FROM credit_grants g, ent
  WHERE ent.plan_active AND NOT ent.unlimited
    AND g.user_id = bench_user(:u) AND g.closed_at IS NULL AND g.balance > 0
    AND (g.expires_at IS NULL OR g.expires_at > now())
  ORDER BY CASE g.bucket WHEN 'plan' THEN 0 ELSE 1 END, g.created_at, g.grant_id
  LIMIT 1 FOR UPDATE OF g),
spent AS (
  UPDATE credit_grants g SET balance = g.balance - 1 FROM pick
  WHERE g.user_id = bench_user(:u) AND g.bucket = pick.bucket AND g.grant_id = pick.grant_id
  RETURNING g.bucket, g.grant_id),
entry AS (
  INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
  SELECT bench_user(:u), 'spend', bucket, grant_id, -1, gen_random_uuid()::text FROM spent
  RETURNING bucket)
SELECT ent.*, (SELECT bucket FROM entry) AS spent FROM ent;
COMMIT;
