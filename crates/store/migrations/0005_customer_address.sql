-- A customer's postal address, printed on its documents (the Welcome KIT, the acts).
-- Optional: customers recorded before have none until someone adds it.
ALTER TABLE customers ADD COLUMN address TEXT;
