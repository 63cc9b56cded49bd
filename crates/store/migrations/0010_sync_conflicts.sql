-- The edit conflicts the connected user is part of, as the server last listed them
-- (GET /v1/conflicts): as the author of the edit that arrived second, or as the person
-- whose value it met. Kept here so both see them offline too (SYNC.md: "a conflict
-- record is kept that both users see"); each sync replaces the list with the server's.
CREATE TABLE sync_conflicts (
    operation_id  TEXT NOT NULL,
    field         TEXT NOT NULL,
    entity_kind   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    author        TEXT NOT NULL,
    other         TEXT,
    yours         TEXT NOT NULL,
    theirs        TEXT NOT NULL,
    kept          TEXT NOT NULL,
    by_hand       INTEGER NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (operation_id, field)
) WITHOUT ROWID;
CREATE INDEX sync_conflicts_recent ON sync_conflicts(recorded_at);
