-- What other laptops did, as this laptop replayed it from the server's pull: one entry
-- per operation, beside this device's own audit chain (never inside it: each device's
-- chain holds only what was done on that device, so `nimbo audit verify` stays sound).
-- A record's history merges both sources by hybrid-clock time.
CREATE TABLE replayed_history (
    op_id      TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    device     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    changes    TEXT NOT NULL
);
CREATE INDEX replayed_history_by_entity ON replayed_history (entity_id, hlc);

CREATE TRIGGER replayed_history_no_update BEFORE UPDATE ON replayed_history
BEGIN SELECT RAISE(ABORT, 'the replayed history is append-only'); END;
CREATE TRIGGER replayed_history_no_delete BEFORE DELETE ON replayed_history
BEGIN SELECT RAISE(ABORT, 'the replayed history is append-only'); END;

-- The server's refusals, found by the hybrid-clock tick an audit event shares with its
-- outbox operation.
CREATE INDEX outbox_by_hlc ON outbox (hlc);
