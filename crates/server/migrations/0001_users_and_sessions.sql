-- The people who may sign in and the roles they hold. The server's roles are the only
-- ones it trusts: an operation is authorised against these, never against what the
-- laptop says.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      text NOT NULL UNIQUE,
    full_name     text NOT NULL,
    email         text,
    -- An argon2id PHC string; the password itself is never stored.
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    roles         text[] NOT NULL DEFAULT '{}',
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);

-- One sign-in on one device; closing it (sign-out, reuse of a spent refresh token, a new
-- password) makes its access and refresh tokens worthless at once.
CREATE TABLE sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Refresh tokens by their SHA-256 only; each is spent once and replaced by the next.
CREATE TABLE refresh_tokens (
    token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    session_id   uuid NOT NULL REFERENCES sessions (id),
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    spent_at     timestamptz
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
