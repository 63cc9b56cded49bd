//! Operations the sync server authors itself: what its administrator does with
//! `nimbo-server user add|grant|revoke|activate|deactivate` travels to the laptops as the
//! same commands a laptop's administrator sends (`CreateUser`, `GrantRole`, …), in the
//! same pull sequence, so every laptop learns the users and roles made on the server.
//!
//! Such an operation names a reserved actor that the username rule
//! ([`check_username`](crate::user::check_username)) never accepts — no person can hold
//! the name, so no laptop's session can send an operation in it — and the nil device. The
//! server decides it, and a laptop replays it, as [`server_administrator`]: a synthetic
//! administrator that exists in no table.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::hlc::Hlc;
use crate::role::Role;
use crate::user::User;

use super::{Command, EntityKind, Operation, OperationBody};

/// The actor of every operation the server authors. It starts with `@`, which the
/// username rule refuses, so it can never be a person's username.
pub const SERVER_ACTOR: &str = "@server";

/// The device of every operation the server authors (laptops name themselves by a
/// random id, never the nil one).
pub const SERVER_DEVICE: Uuid = Uuid::nil();

/// The administrator the server's own operations are decided and replayed as.
pub fn server_administrator() -> User {
    User {
        id: Uuid::nil(),
        username: SERVER_ACTOR.to_string(),
        full_name: "Servidor de sincronización".to_string(),
        email: None,
        roles: BTreeSet::from([Role::Admin]),
        active: true,
        created_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

impl Operation {
    /// An operation authored by the sync server: `command` on the record `entity_id` of
    /// `entity`, made at `at` (the server's clock).
    pub fn by_server(
        id: Uuid,
        at: DateTime<Utc>,
        entity: EntityKind,
        entity_id: Uuid,
        command: Command,
    ) -> Operation {
        Operation {
            id,
            hlc: Hlc {
                wall_ms: at.timestamp_millis(),
                counter: 0,
                node: "server".to_string(),
            },
            device: SERVER_DEVICE,
            actor: SERVER_ACTOR.to_string(),
            entity,
            entity_id,
            body: OperationBody::Command { command },
        }
    }

    /// Whether the sync server authored it (its reserved actor, from the nil device).
    pub fn is_by_server(&self) -> bool {
        self.actor == SERVER_ACTOR && self.device == SERVER_DEVICE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{MemoryRecords, Record, apply};
    use crate::user::{UserDraft, check_username};

    #[test]
    fn no_person_can_take_the_servers_name() {
        assert!(check_username(SERVER_ACTOR).is_err());
        let draft = UserDraft {
            username: SERVER_ACTOR.into(),
            full_name: "Alguien".into(),
            email: None,
            roles: vec![Role::Admin],
        };
        assert!(draft.validate(Uuid::nil(), Utc::now()).is_err());
    }

    #[test]
    fn only_the_reserved_actor_from_the_nil_device_is_the_server() {
        let at = DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(20_000);
        let op = Operation::by_server(
            Uuid::now_v7(),
            at,
            EntityKind::User,
            Uuid::nil(),
            Command::GrantRole {
                username: "ana".into(),
                role: Role::Kam,
            },
        );
        assert!(op.is_by_server());
        let from_a_laptop = Operation {
            device: Uuid::from_u128(7),
            ..op.clone()
        };
        assert!(!from_a_laptop.is_by_server());
        let by_a_person = Operation {
            actor: "ana".into(),
            ..op
        };
        assert!(!by_a_person.is_by_server());
    }

    #[test]
    fn the_servers_administrator_creates_a_user_through_the_domains_rules() {
        let at = DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(20_000);
        let ana = UserDraft {
            username: "ana".into(),
            full_name: "Ana Benítez".into(),
            email: None,
            roles: vec![Role::Kam],
        }
        .validate(Uuid::now_v7(), at)
        .unwrap_or_else(|e| panic!("a valid draft: {e:?}"));
        let op = Operation::by_server(
            Uuid::now_v7(),
            at,
            EntityKind::User,
            ana.id,
            Command::CreateUser { user: ana.clone() },
        );
        let outcome = apply(&op, &server_administrator(), &MemoryRecords::default())
            .unwrap_or_else(|e| panic!("applied: {e:?}"));
        assert_eq!(outcome.records, vec![Record::User(ana)]);

        // The last administrator keeps the role even when the server asks.
        let mut view = MemoryRecords::default();
        view.put(Record::User(User {
            id: Uuid::now_v7(),
            username: "nora".into(),
            full_name: "Nora Giménez".into(),
            ..server_administrator()
        }));
        let revoke = Operation::by_server(
            Uuid::now_v7(),
            at,
            EntityKind::User,
            Uuid::nil(),
            Command::RevokeRole {
                username: "nora".into(),
                role: Role::Admin,
            },
        );
        let refusal = apply(&revoke, &server_administrator(), &view)
            .err()
            .map(|r| r.code());
        assert_eq!(refusal, Some(crate::ErrorCode::LastAdmin));
    }
}
