-- Documents Nimbo issues (DOMAIN §7). One document per order and kind; each generation
-- that changes its data is a new version. A version's data and hashes never change
-- once written; only its signature record moves on. The PDFs, signed copies and drawn
-- signatures live in the attachments, by the SHA-256 of their content.
CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders(id),
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL UNIQUE,
    current_version  INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (order_id, kind)
);

CREATE TABLE document_versions (
    document_id      TEXT NOT NULL REFERENCES documents(id),
    version          INTEGER NOT NULL,
    order_id         TEXT NOT NULL REFERENCES orders(id),
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL,
    snapshot         TEXT NOT NULL,
    snapshot_sha256  TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL REFERENCES attachments(sha256),
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

-- Each signer of a version, kept beside the record for "who still has to sign what".
CREATE TABLE document_signers (
    document_id  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    party        TEXT NOT NULL CHECK (party IN ('customer', 'organisation')),
    name         TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'signed', 'declined')),
    body         TEXT NOT NULL,
    PRIMARY KEY (document_id, version, party),
    FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version)
) WITHOUT ROWID;

-- The signature trail: append-only.
CREATE TABLE signature_events (
    id               TEXT PRIMARY KEY,
    document_id      TEXT NOT NULL,
    version          INTEGER NOT NULL,
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    event            TEXT NOT NULL CHECK (event IN ('issued', 'sent', 'signed', 'declined', 'voided', 'expired')),
    party            TEXT,
    detail           TEXT NOT NULL,
    pdf_sha256       TEXT,
    snapshot_sha256  TEXT,
    FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version)
);
CREATE INDEX signature_events_version ON signature_events(document_id, version, at);
CREATE INDEX signature_events_pdf ON signature_events(pdf_sha256);
CREATE INDEX signature_events_snapshot ON signature_events(snapshot_sha256);

CREATE TRIGGER signature_events_no_update BEFORE UPDATE ON signature_events
BEGIN SELECT RAISE(ABORT, 'the signature trail is append-only'); END;
CREATE TRIGGER signature_events_no_delete BEFORE DELETE ON signature_events
BEGIN SELECT RAISE(ABORT, 'the signature trail is append-only'); END;
