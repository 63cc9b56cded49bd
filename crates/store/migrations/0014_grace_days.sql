-- The organisation's suspension grace period: how many days an invoice may stay overdue
-- before the credit manager sees it listed for suspension (DOMAIN §8). Empty on an
-- existing profile: the domain then uses its default of 15 days (DEFAULT_GRACE_DAYS).
ALTER TABLE organisation ADD COLUMN suspension_grace_days INTEGER;
