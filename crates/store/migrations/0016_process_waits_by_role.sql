-- «Mis tareas»' process waits chosen from one index: a role's waits in the page's order
-- (oldest first, then by process), carrying the deadline, so the first page reads 50
-- index entries and 50 processes instead of every wait of the role and its process's
-- body (BENCHMARKS.md §10). Replaces the index on (role, since), which it extends.
CREATE INDEX process_waits_role_since ON process_waits(role, since, process_id, deadline);
DROP INDEX process_waits_role;
