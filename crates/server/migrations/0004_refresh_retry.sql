-- A refresh whose answer was lost may be retried (session.rs, REFRESH_RETRY_GRACE); the
-- pair that answer carried is then voided: it was never delivered, so presenting it means
-- someone holds a copy.
ALTER TABLE refresh_tokens ADD COLUMN voided boolean NOT NULL DEFAULT false;
