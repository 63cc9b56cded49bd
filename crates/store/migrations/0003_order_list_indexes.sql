-- The orders list, newest first or longest waiting first, filtered by customer: these
-- indexes carry the customer, so a page of 50 is found by walking the index in order
-- and reading only the 50 rows shown (instead of sorting every matching order).
CREATE INDEX orders_newest ON orders (created_at, number, customer_id);
CREATE INDEX orders_waiting ON orders (step_since, number, customer_id);
