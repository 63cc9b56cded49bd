-- Billing's and the catalogue's records live in `entities` like the others (kinds plan,
-- risk, holiday, subscription, hours, adjustment, consumption_import, period_lock,
-- invoice). The lookups the rules make, and the uniqueness they promise.
CREATE UNIQUE INDEX entities_invoice_number ON entities ((state ->> 'number')) WHERE kind = 'invoice';
CREATE INDEX entities_hours_person ON entities ((state ->> 'person')) WHERE kind = 'hours';
CREATE INDEX entities_adjustment_period ON entities ((state ->> 'period')) WHERE kind = 'adjustment';
CREATE INDEX entities_by_kind ON entities (kind);
