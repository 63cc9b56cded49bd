-- The organisation's profile: one row.
CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    ruc         TEXT NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0,
    logo        BLOB,
    created_at  TEXT NOT NULL
);

-- This device: its id, the head of its audit chain, its clock and its order numbering.
CREATE TABLE device (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    device_id    TEXT NOT NULL,
    code         TEXT NOT NULL,
    audit_seq    INTEGER NOT NULL DEFAULT 0,
    audit_head   TEXT NOT NULL,
    hlc          TEXT NOT NULL,
    order_seq    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL,
    email       TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE user_roles (
    username    TEXT NOT NULL REFERENCES users(username),
    role        TEXT NOT NULL,
    PRIMARY KEY (username, role)
) WITHOUT ROWID;

CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,
    ruc                 TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    search_name         TEXT NOT NULL,
    segment             TEXT NOT NULL CHECK (segment IN ('corporate', 'large', 'government')),
    billing_account     TEXT,
    billing_cycle       INTEGER,
    contract_signed_on  TEXT,
    contract_reference  TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE legal_representatives (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    name         TEXT NOT NULL,
    document     TEXT NOT NULL,
    email        TEXT NOT NULL,
    phone        TEXT NOT NULL,
    position     INTEGER NOT NULL
);
CREATE INDEX legal_representatives_customer ON legal_representatives(customer_id, position);

-- Orders: the domain's order as JSON, with the columns lists filter and sort on.
CREATE TABLE orders (
    id            TEXT PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    customer_id   TEXT NOT NULL REFERENCES customers(id),
    title         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
    current_step  INTEGER,
    current_role  TEXT,
    step_since    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id, created_at);
CREATE INDEX orders_step ON orders(current_step, step_since);
CREATE INDEX orders_role ON orders(current_role, step_since);
-- "My tasks": the open orders of some roles, counted from this index alone, oldest first.
CREATE INDEX orders_role_status ON orders(current_role, status, step_since);
CREATE INDEX orders_status_created ON orders(status, created_at);
CREATE INDEX orders_created ON orders(created_at);

CREATE TABLE subscriptions (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL UNIQUE REFERENCES orders(id),
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    subscriber_id    TEXT NOT NULL,
    billing_account  TEXT NOT NULL,
    activation_date  TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'terminated')),
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions(customer_id);

-- Files, named by the SHA-256 of their content.
CREATE TABLE attachments (
    sha256      TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    content     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

-- The catalogue: data an admin edits, seeded from the domain's initial content.
CREATE TABLE plans (
    code        TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    name        TEXT NOT NULL,
    pricing     TEXT NOT NULL,
    PRIMARY KEY (code, valid_from)
);

CREATE TABLE risks (
    code     TEXT PRIMARY KEY,
    name_es  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

-- The audit trail: append-only, hash-chained per device.
CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    device      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    hlc         TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    changes     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (device, seq)
);
CREATE INDEX audit_events_entity ON audit_events(entity_id, hlc);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Operations waiting for the sync server, written with the change they describe.
CREATE TABLE outbox (
    op_id       TEXT PRIMARY KEY,
    hlc         TEXT NOT NULL,
    actor       TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'refused', 'conflict')),
    created_at  TEXT NOT NULL
);
CREATE INDEX outbox_pending ON outbox(state, hlc);
