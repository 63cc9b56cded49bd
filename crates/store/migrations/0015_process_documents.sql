-- The documents of a termination, suspension or reconnection (issue 13): a document
-- belongs to an order or, beside the order its subscription came from, to a process.
-- One document of each kind per order, or per process: the table's UNIQUE (order_id,
-- kind) becomes an index that tells the two apart, which SQLite can only do by
-- rebuilding the table.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE documents_0015 AS SELECT * FROM documents;
DROP TABLE documents;

CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders(id),
    -- The process it belongs to; NULL for an order's own document.
    process_id       TEXT,
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL UNIQUE,
    current_version  INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);
INSERT INTO documents (id, order_id, process_id, kind, number, current_version, created_at)
SELECT id, order_id, NULL, kind, number, current_version, created_at FROM documents_0015;
DROP TABLE documents_0015;

CREATE UNIQUE INDEX documents_of_order ON documents(order_id, kind) WHERE process_id IS NULL;
CREATE UNIQUE INDEX documents_of_process ON documents(process_id, kind) WHERE process_id IS NOT NULL;

ALTER TABLE document_versions ADD COLUMN process_id TEXT;
CREATE INDEX document_versions_process ON document_versions(process_id, kind, version)
    WHERE process_id IS NOT NULL;
