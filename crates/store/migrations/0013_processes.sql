-- The service's life after onboarding (DOMAIN §6, §8): terminations, suspensions and
-- reconnections, each a workflow instance written by the domain's own apply and synced
-- as operations. The body is the domain's JSON; the columns beside it are what lists
-- select and order by.
CREATE TABLE processes (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('termination', 'suspension', 'reconnection')),
    number           TEXT NOT NULL UNIQUE,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id),
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    status           TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
    step_since       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX processes_subscription ON processes(subscription_id, created_at);
CREATE INDEX processes_customer ON processes(customer_id, created_at);
CREATE INDEX processes_kind_status ON processes(kind, status, created_at);

-- «Mis tareas»: one row per role an open process's step waits for (a decision step
-- waits for several), with its deadline when the step has a time limit; rewritten with
-- the process. Listed by role, oldest wait first, from this index alone.
CREATE TABLE process_waits (
    process_id  TEXT NOT NULL REFERENCES processes(id),
    role        TEXT NOT NULL,
    step        TEXT NOT NULL,
    since       TEXT NOT NULL,
    deadline    TEXT,
    PRIMARY KEY (process_id, role)
);
CREATE INDEX process_waits_role ON process_waits(role, since);
