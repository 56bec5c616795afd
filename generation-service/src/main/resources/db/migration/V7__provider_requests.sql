-- Issue 13: a fal job is submitted, then waits for the provider WITHOUT a worker slot. It stays
-- 'running' with lease_until NULL (the claim neither counts nor reclaims it); its provider request
-- is recorded here, and a webhook or, past poll_after, the sweeper's poll completes it.
ALTER TABLE generation_jobs
  ADD COLUMN provider_request_id   TEXT,
  ADD COLUMN provider_status_url   TEXT,
  ADD COLUMN provider_response_url TEXT,
  ADD COLUMN provider_cancel_url   TEXT,
  ADD COLUMN submitted_at          TIMESTAMPTZ,
  ADD COLUMN poll_after            TIMESTAMPTZ;
-- A webhook names the provider's request id: one job per request.
CREATE UNIQUE INDEX idx_jobs_provider_request ON generation_jobs (provider, provider_request_id)
  WHERE provider_request_id IS NOT NULL;
-- The sweeper scans only jobs waiting on their provider, the most overdue first.
CREATE INDEX idx_jobs_awaiting_poll ON generation_jobs (poll_after)
  WHERE status = 'running' AND lease_until IS NULL AND provider_request_id IS NOT NULL;
