-- Billing (DOMAIN §3, §5): the records billing keeps, each written by the domain's own
-- apply and synced as operations. Bodies are the domain's JSON; the columns beside them
-- are what the queries select and order by.

-- The catalogue the organisation started with is in force from the start: a period is
-- priced with the prices in force on its first day, and periods before the set-up day
-- (the demo's year of history, an import of older months) are priced too.
UPDATE plans SET valid_from = '2020-01-01'
WHERE valid_from = (SELECT min(q.valid_from) FROM plans q WHERE q.code = plans.code);

CREATE TABLE holidays (
    day     TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    active  INTEGER NOT NULL
);

CREATE TABLE hours (
    id               TEXT PRIMARY KEY,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id),
    person           TEXT NOT NULL,
    start            TEXT NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX hours_person ON hours(person, start);
CREATE INDEX hours_start ON hours(start);
CREATE INDEX hours_subscription ON hours(subscription_id, start);

CREATE TABLE adjustments (
    id               TEXT PRIMARY KEY,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id),
    period           TEXT NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX adjustments_period ON adjustments(period);

-- One row per imported file (its sums below, not the file's rows).
CREATE TABLE consumption_imports (
    id         TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE,
    months     TEXT NOT NULL,
    at         TEXT NOT NULL,
    body       TEXT NOT NULL
);

CREATE TABLE consumption (
    import_id        TEXT NOT NULL REFERENCES consumption_imports(id),
    subscription_id  TEXT NOT NULL,
    aws_account      TEXT NOT NULL,
    period           TEXT NOT NULL,
    month            TEXT NOT NULL,
    service          TEXT NOT NULL,
    category         TEXT NOT NULL,
    amount           TEXT NOT NULL,
    rows             INTEGER NOT NULL,
    PRIMARY KEY (import_id, subscription_id, aws_account, period, month, service, category)
);
CREATE INDEX consumption_period ON consumption(period);
CREATE INDEX consumption_subscription ON consumption(subscription_id, period);

-- A locked period and its frozen lines.
CREATE TABLE period_locks (
    period    TEXT PRIMARY KEY,
    run_hash  TEXT NOT NULL,
    by_user   TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE TABLE charge_lines (
    id               TEXT PRIMARY KEY,
    period           TEXT NOT NULL REFERENCES period_locks(period),
    subscription_id  TEXT NOT NULL,
    position         INTEGER NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX charge_lines_period ON charge_lines(period, position);
CREATE INDEX charge_lines_subscription ON charge_lines(subscription_id, period);

CREATE TABLE invoices (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    billing_account  TEXT NOT NULL,
    issued_on        TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    body             TEXT NOT NULL
);
CREATE INDEX invoices_customer ON invoices(customer_id, due_on);
CREATE INDEX invoices_due ON invoices(due_on);

-- The risk catalogue is data (issue 12): what each risk means, printed under it in the
-- risk act, is kept beside its name instead of in the template's code. The initial
-- catalogue's five get the words the template printed.
ALTER TABLE risks ADD COLUMN description_es TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
UPDATE risks SET description_es = 'No se configuran copias de respaldo de los datos ni de los servidores. Ante un borrado, una falla o un ataque, la información puede perderse sin posibilidad de recuperarla.', description_en = 'No backups of the data or the servers are configured. After a deletion, a failure or an attack, the information may be lost with no way to recover it.' WHERE code = 'no-backup';
UPDATE risks SET description_es = 'Los recursos funcionan en una sola zona de disponibilidad de AWS. Una falla de esa zona deja el servicio sin funcionar hasta que AWS la resuelva.', description_en = 'The resources run in a single AWS availability zone. A failure of that zone leaves the service down until AWS resolves it.' WHERE code = 'single-az';
UPDATE risks SET description_es = 'Los datos se almacenan y procesan en centros de datos de AWS fuera del territorio paraguayo y quedan sujetos también a las leyes del país donde se encuentran.', description_en = 'The data are stored and processed in AWS data centres outside Paraguay and are also subject to the laws of the country where they are.' WHERE code = 'data-abroad';
UPDATE risks SET description_es = 'La cuenta raíz de AWS no tiene autenticación de múltiples factores. Quien obtenga su contraseña tiene control total de la cuenta, sus datos y sus costos.', description_en = 'The AWS root account has no multi-factor authentication. Whoever obtains its password has full control of the account, its data and its costs.' WHERE code = 'root-without-mfa';
UPDATE risks SET description_es = 'El costo mensual depende del consumo real de los servicios de AWS y puede variar de un mes a otro; un uso mayor al previsto se factura en su totalidad.', description_en = 'The monthly cost depends on the actual use of the AWS services and may vary from month to month; a greater use than expected is billed in full.' WHERE code = 'variable-cost';
