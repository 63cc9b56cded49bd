-- Who last wrote each field edited field by field, and when (the operation's hybrid
-- clock): the same stamps the server keeps, so that replaying a pulled edit here applies
-- the server's rule — the later change wins — against this laptop's own edits too. Without
-- them an edit the server placed before this laptop's own (and kept under it) would be
-- laid over the laptop's value when pulled, and the laptop would disagree with the server.
CREATE TABLE field_stamps (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    actor      TEXT NOT NULL,
    operation  TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;
