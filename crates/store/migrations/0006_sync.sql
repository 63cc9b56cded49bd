-- The laptop's side of sync (issue 5, SYNC.md): the server it syncs with, who signed in,
-- the refresh token that keeps the session (one use, rotated at every sync; never the
-- password), how far the pull has come, and the last outcome. One row: one server.
CREATE TABLE sync_session (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    server_url          TEXT NOT NULL,
    username            TEXT NOT NULL,
    refresh_token       TEXT NOT NULL,
    refresh_expires_at  TEXT NOT NULL,
    pulled_through      INTEGER NOT NULL DEFAULT 0,
    last_sync_at        TEXT,
    last_error          TEXT
);

-- The server's answer to each operation it decided (JSON: applied with its place in the
-- sequence, refused with code and message, or conflict), shown to its author.
ALTER TABLE outbox ADD COLUMN answer TEXT;
ALTER TABLE outbox ADD COLUMN answered_at TEXT;
