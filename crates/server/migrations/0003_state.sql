-- The records as the server holds them, written by the domain's own transitions in the
-- push transaction that answers the operation (crates/domain operation::apply): one row
-- per record, its state as JSON, the per-field stamps (who last wrote each field by a
-- per-field edit, and at what hybrid-clock time), and the sequence number of the
-- operation that last changed it. Users stay in their own table, which sign-in reads.
CREATE TABLE entities (
    kind    text NOT NULL,
    id      uuid NOT NULL,
    state   jsonb NOT NULL,
    stamps  jsonb NOT NULL DEFAULT '{}',
    version bigint NOT NULL,
    PRIMARY KEY (kind, id)
);
-- The lookups the rules need, and the uniqueness they promise.
CREATE UNIQUE INDEX entities_customer_ruc ON entities ((state ->> 'ruc')) WHERE kind = 'customer';
CREATE UNIQUE INDEX entities_order_number ON entities ((state ->> 'number')) WHERE kind = 'order';
CREATE INDEX entities_document_order ON entities ((state ->> 'order_id')) WHERE kind = 'document';

-- Two people changed the same field offline: what each wanted and what was kept, for
-- both to read (GET /v1/conflicts). A money field is never settled by the rule: its
-- later edit is refused and the row says it is to be settled by hand.
CREATE TABLE conflicts (
    operation_id uuid NOT NULL,
    field        text NOT NULL,
    entity_kind  text NOT NULL,
    entity_id    uuid NOT NULL,
    author       text NOT NULL,
    other        text,
    yours        jsonb NOT NULL,
    theirs       jsonb NOT NULL,
    kept         jsonb NOT NULL,
    by_hand      boolean NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (operation_id, field)
);
CREATE INDEX conflicts_by_author ON conflicts (author);
CREATE INDEX conflicts_by_other ON conflicts (other);

-- A conflict whose edit won changed the records, so it takes its place in the pull
-- sequence too; a refusal never does.
ALTER TABLE operations DROP CONSTRAINT operations_check;
ALTER TABLE operations ADD CONSTRAINT operations_seq_check CHECK (
    (answer ->> 'status' = 'applied' AND seq IS NOT NULL)
    OR (answer ->> 'status' = 'refused' AND seq IS NULL)
    OR answer ->> 'status' = 'conflict'
);

-- A user made on a laptop (or with the organisation) reaches the server without a
-- password: they cannot sign in until an administrator sets one (nimbo-server user
-- set-password).
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
