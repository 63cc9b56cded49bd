-- A customer's statement of a locked period (issue 12) and every version issued. The
-- PDF is not kept (the same data renders the same bytes): its SHA-256 and the snapshot's
-- identify a file, which `nimbo doc verify` looks up by either. A version, once issued,
-- never changes (a replay that differs is brought in line with the server's record).
CREATE TABLE statements (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    period      TEXT NOT NULL,
    number      TEXT NOT NULL UNIQUE,
    UNIQUE (customer_id, period)
);

CREATE TABLE statement_versions (
    statement_id    TEXT NOT NULL REFERENCES statements(id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    snapshot_sha256 TEXT NOT NULL,
    pdf_sha256      TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    issued_by       TEXT NOT NULL,
    PRIMARY KEY (statement_id, version)
);
CREATE INDEX statement_versions_pdf ON statement_versions(pdf_sha256);
