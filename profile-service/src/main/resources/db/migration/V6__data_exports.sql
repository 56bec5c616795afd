-- Issue 14: "download my data". An export is a request, the parts the four services write to object
-- storage, and the one archive assembled from them. Rows go with the account (ON DELETE CASCADE);
-- the files are deleted by the service that deletes the rows.
CREATE TABLE data_exports (
  id             UUID PRIMARY KEY,
  user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'ready', 'failed', 'expired')),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  ready_at       TIMESTAMPTZ,
  expires_at     TIMESTAMPTZ,
  failure        TEXT,
  archive_bytes  BIGINT,
  -- a lease, so one instance assembles an export at a time (and a crashed one's turn passes on)
  assembling_until TIMESTAMPTZ
);
-- one pending export per user: the index makes it exact whatever the requests' interleaving
CREATE UNIQUE INDEX data_exports_one_pending ON data_exports (user_id) WHERE status = 'pending';
CREATE INDEX idx_data_exports_user_created ON data_exports (user_id, created_at);
CREATE INDEX idx_data_exports_pending ON data_exports (created_at) WHERE status = 'pending';

CREATE TABLE data_export_parts (
  export_id    UUID NOT NULL REFERENCES data_exports (id) ON DELETE CASCADE,
  service      TEXT NOT NULL CHECK (service IN ('profile', 'catalog', 'generation', 'analytics')),
  files        JSONB NOT NULL,
  bytes        BIGINT NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (export_id, service)
);
