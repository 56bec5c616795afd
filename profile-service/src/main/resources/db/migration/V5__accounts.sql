-- Issue 11: password reset and change, e-mail verification, Sign in with Apple and Google, mail.

-- an account made by Apple or Google has no password until the user sets one by the reset flow
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- what GET /v1/profiles/me shows and the mails are written in (the app's two languages)
ALTER TABLE profiles ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE profiles ADD COLUMN locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'tr')); -- pushes use it too (V4)

-- one-time codes sent by mail: only their SHA-256 is kept; used_at set once (single use), and a
-- newer code of the same purpose marks the older ones used
CREATE TABLE account_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('password-reset', 'email-verification')),
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_account_tokens_user ON account_tokens (user_id, purpose) WHERE used_at IS NULL;

-- an Apple or Google account (the ID token's iss and sub) signing in as one of our users
CREATE TABLE identities (
  provider    TEXT NOT NULL CHECK (provider IN ('apple', 'google')),
  subject     TEXT NOT NULL,
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email       TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);
CREATE INDEX idx_identities_user ON identities (user_id);

-- mails queued in the transaction of what they announce (a reset code, a sign-up) and sent by
-- account/MailSender afterwards; the bodies (they carry a code) are wiped once the mail is sent
CREATE TABLE mail_outbox (
  id               BIGSERIAL PRIMARY KEY,
  recipient        TEXT NOT NULL,
  subject          TEXT NOT NULL,
  text_body        TEXT,
  html_body        TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error       TEXT,
  sent_at          TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
