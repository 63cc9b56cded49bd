-- The documents of a termination, suspension or reconnection (issue 13) are found by
-- their process, as an order's are by their order (migration 0003).
CREATE INDEX entities_document_process ON entities ((state ->> 'process_id')) WHERE kind = 'document';
