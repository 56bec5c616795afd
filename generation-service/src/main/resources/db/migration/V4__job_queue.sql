-- Issue 13: a user can cancel a queued or running job; paying users' jobs are claimed first.
ALTER TABLE generation_jobs DROP CONSTRAINT generation_jobs_status_check;
ALTER TABLE generation_jobs ADD CONSTRAINT generation_jobs_status_check
  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'));
-- Whether the requester paid when the job was queued: the claim orders a paying job as if it had
-- been queued monzie.generation.max-priority-wait earlier (a free job waits at most that long).
ALTER TABLE generation_jobs ADD COLUMN paying BOOLEAN NOT NULL DEFAULT false;
-- GET /v1/generations pages newest first by (created_at, id).
CREATE INDEX idx_jobs_user_page ON generation_jobs (user_id, created_at DESC, id DESC);
DROP INDEX idx_jobs_user;
