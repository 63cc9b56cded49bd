-- Files by the SHA-256 of their content, uploaded before the operations that refer to
-- them.
CREATE TABLE blobs (
    sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size        bigint NOT NULL CHECK (size = octet_length(content)),
    content     bytea NOT NULL,
    uploaded_by uuid NOT NULL REFERENCES users (id),
    uploaded_at timestamptz NOT NULL
);

-- The one counter the pull sequence is given out from. A push locks this row for its
-- whole transaction, so sequence numbers are handed out in commit order: no reader ever
-- sees 8 before 7 commits, and nothing rolled back leaves a hole.
CREATE TABLE sync_sequence (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_seq bigint NOT NULL CHECK (last_seq >= 0)
);
INSERT INTO sync_sequence (only_row, last_seq) VALUES (true, 0);

-- Every operation id the server has answered for good, with its answer, so that a re-send
-- gets the same answer and is never applied twice. Applied operations carry their place
-- in the pull sequence; refused ones have none and are never pulled.
CREATE TABLE operations (
    id             uuid PRIMARY KEY,
    content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    actor_id       uuid NOT NULL REFERENCES users (id),
    device         uuid NOT NULL,
    entity_kind    text NOT NULL,
    entity_id      uuid NOT NULL,
    operation      jsonb NOT NULL,
    answer         jsonb NOT NULL,
    seq            bigint UNIQUE,
    received_at    timestamptz NOT NULL,
    CHECK ((answer ->> 'status' = 'applied') = (seq IS NOT NULL))
);
