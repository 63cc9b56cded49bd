-- The server's administrator makes users and changes their roles with operations of its
-- own (nimbo-server user add|grant|revoke|activate|deactivate, crates/server/src/admin.rs),
-- so laptops pull them like everyone else's. Those operations are authored by no person:
-- their actor is the reserved name no username can take (crates/domain
-- operation::SERVER_ACTOR) and their device the nil one, so they have no user row to
-- point to. A NULL actor is allowed for them only: a laptop's push always writes the
-- signed-in user's id.
ALTER TABLE operations ALTER COLUMN actor_id DROP NOT NULL;
ALTER TABLE operations ADD CONSTRAINT operations_actor_check CHECK (
    actor_id IS NOT NULL OR device = '00000000-0000-0000-0000-000000000000'::uuid
);
