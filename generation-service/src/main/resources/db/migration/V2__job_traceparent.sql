-- The W3C trace context of the request that queued the job, so the worker's span and the events
-- it writes (image.generated, generation.failed) continue that trace.
ALTER TABLE generation_jobs ADD COLUMN traceparent TEXT;
