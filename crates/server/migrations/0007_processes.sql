-- Terminations, suspensions and reconnections (DOMAIN §6, §8) are kept as the other
-- records are, in `entities`; their rules read a subscription's processes and its
-- billing account's invoices, found by these indexes.
CREATE INDEX entities_process_subscription ON entities ((state ->> 'subscription_id')) WHERE kind = 'process';
CREATE INDEX entities_invoice_account ON entities ((state ->> 'billing_account')) WHERE kind = 'invoice';
