-- A document version names its PDF by hash only. A laptop that replays a version another
-- laptop issued records it when the operation arrives, and its PDF when that file is
-- fetched, which may be later: the reference to the attachments (0004) would refuse the
-- version until then. Everything else of 0004 is kept as it was: the columns, the
-- indexes and the triggers that keep a version's data and hashes fixed.
--
-- SQLite cannot drop a foreign key in place: the table is copied aside, dropped, made
-- again and filled back. Its signers and signature events refer to it by name; the
-- deferred check lets them wait for their rows to come back, and the commit fails if
-- any of them did not.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE document_versions_0007 AS SELECT * FROM document_versions;
DROP TABLE document_versions;

CREATE TABLE document_versions (
    document_id      TEXT NOT NULL REFERENCES documents(id),
    version          INTEGER NOT NULL,
    order_id         TEXT NOT NULL REFERENCES orders(id),
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL,
    snapshot         TEXT NOT NULL,
    snapshot_sha256  TEXT NOT NULL,
    -- The PDF's SHA-256; its content is in the attachments once this laptop has it.
    pdf_sha256       TEXT NOT NULL,
    size             INTEGER NOT NULL,
    issued_at        TEXT NOT NULL,
    issued_by        TEXT NOT NULL,
    -- The signature record: its state for lists, the whole record as JSON.
    state            TEXT NOT NULL,
    expires_on       TEXT,
    signature        TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);
INSERT INTO document_versions (document_id, version, order_id, kind, number, snapshot,
    snapshot_sha256, pdf_sha256, size, issued_at, issued_by, state, expires_on, signature,
    updated_at)
SELECT document_id, version, order_id, kind, number, snapshot, snapshot_sha256, pdf_sha256,
    size, issued_at, issued_by, state, expires_on, signature, updated_at
FROM document_versions_0007;
DROP TABLE document_versions_0007;

CREATE INDEX document_versions_pdf ON document_versions(pdf_sha256);
CREATE INDEX document_versions_snapshot ON document_versions(snapshot_sha256);
CREATE INDEX document_versions_order ON document_versions(order_id, kind, version);
CREATE INDEX document_versions_state ON document_versions(state, issued_at);

CREATE TRIGGER document_versions_facts_fixed
BEFORE UPDATE OF document_id, version, order_id, kind, number, snapshot, snapshot_sha256,
    pdf_sha256, size, issued_at, issued_by ON document_versions
BEGIN SELECT RAISE(ABORT, 'a document version''s data and hashes never change'); END;
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are never deleted; void them'); END;
