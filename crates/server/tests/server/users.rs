//! The server administrator's user commands (`nimbo-server user add|grant|revoke|
//! deactivate|activate`, driven here through the library functions `main.rs` calls):
//! each is an operation the server authors, decided by the domain, placed in the pull
//! sequence for the laptops, and the same user the pushes are decided with. A refusal
//! writes nothing and uses no sequence number; no laptop can claim the server's name.

use chrono::Utc;
use nimbo_domain::ErrorCode;
use nimbo_domain::operation::{
    Command, EntityKind, Operation, OperationBody, SERVER_ACTOR, SERVER_DEVICE,
};
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_server::client::{Client, ClientError};
use nimbo_server::wire::Answer;
use nimbo_server::{ServerError, admin, postgres};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{PASSWORD, TestServer, code, open_order};

fn draft(username: &str, roles: &[Role]) -> UserDraft {
    UserDraft {
        username: username.into(),
        full_name: format!("{username} de prueba"),
        email: None,
        roles: roles.to_vec(),
    }
}

/// `nimbo-server user add`, with [`PASSWORD`].
async fn add(server: &TestServer, username: &str, roles: &[Role]) -> admin::Changed {
    admin::add_user(&server.pool, &draft(username, roles), PASSWORD, Utc::now())
        .await
        .unwrap()
}

async fn last_seq(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT last_seq FROM sync_sequence")
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn operations(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM operations")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Every operation of the pull sequence, as a laptop signed in as `reader` gets them.
async fn pulled(reader: &Client) -> Vec<Operation> {
    reader
        .pull(0, 1000)
        .await
        .unwrap()
        .operations
        .into_iter()
        .map(|p| p.operation)
        .collect()
}

fn command(op: &Operation) -> &Command {
    match &op.body {
        OperationBody::Command { command } => command,
        other => panic!("a command, not {other:?}"),
    }
}

fn refused_code<T: std::fmt::Debug>(result: Result<T, ClientError>) -> ErrorCode {
    match result {
        Err(ClientError::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_user_added_on_the_server_enters_the_pull_sequence_as_a_create_user_authored_by_the_server()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let added = add(&server, "ana", &[Role::Kam]).await;
    assert_eq!(added.seq, Some(1));

    // Her password works: she signs in and reads the sequence herself.
    let (ana, tokens) = server.client.sign_in("ana", PASSWORD).await.unwrap();
    assert_eq!(tokens.user.roles, vec![Role::Kam]);
    let ops = pulled(&ana).await;
    assert_eq!(ops.len(), 1);
    let op = &ops[0];
    assert!(op.is_by_server(), "{op:?}");
    assert_eq!(
        (op.actor.as_str(), op.device),
        (SERVER_ACTOR, SERVER_DEVICE)
    );
    assert_eq!((op.entity, op.entity_id), (EntityKind::User, added.user.id));
    assert_eq!(
        command(op),
        &Command::CreateUser {
            user: added.user.clone()
        }
    );
    // Stored as applied, by no person (migration 0005).
    let (actor, answer): (Option<Uuid>, serde_json::Value) =
        sqlx::query_as("SELECT actor_id, answer FROM operations WHERE id = $1")
            .bind(op.id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(actor, None);
    assert_eq!(
        serde_json::from_value::<Answer>(answer).unwrap(),
        Answer::Applied { seq: 1 }
    );

    // A name taken is refused and nothing is written.
    let again = admin::add_user(&server.pool, &draft("ana", &[]), PASSWORD, Utc::now()).await;
    assert!(
        matches!(again, Err(ServerError::UserExists(ref u)) if u == "ana"),
        "{again:?}"
    );
    assert_eq!(
        (last_seq(&server.pool).await, operations(&server.pool).await),
        (1, 1)
    );
}

#[tokio::test]
async fn a_role_granted_with_nimbo_server_user_grant_lets_the_users_next_push_be_applied_and_a_revoked_one_refuses_it()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    add(&server, "karina", &[]).await;
    let (karina, _) = server.client.sign_in("karina", PASSWORD).await.unwrap();
    let push = |n: u32| {
        let karina = karina.clone();
        async move {
            let answers = karina.push(&[open_order("karina", n)]).await.unwrap();
            code(&answers[0].answer).to_string()
        }
    };
    assert_eq!(push(1).await, "not_allowed", "no role yet");

    let granted = admin::grant(&server.pool, "karina", Role::Kam, Utc::now())
        .await
        .unwrap();
    assert_eq!(granted.seq, Some(2));
    assert!(granted.user.roles.contains(&Role::Kam));
    // Both the push's check of the session's roles and the domain's own check agree.
    assert_eq!(push(2).await, "applied");

    let revoked = admin::revoke(&server.pool, "karina", Role::Kam, Utc::now())
        .await
        .unwrap();
    assert_eq!(revoked.seq, Some(4));
    assert_eq!(push(3).await, "not_allowed");

    // A role already held (or not held) changes nothing and writes no operation.
    let again = admin::revoke(&server.pool, "karina", Role::Kam, Utc::now())
        .await
        .unwrap();
    assert_eq!(again.seq, None);

    let ops = pulled(&karina).await;
    let kinds: Vec<(bool, &str)> = ops
        .iter()
        .map(|op| {
            let name = match command(op) {
                Command::CreateUser { .. } => "create_user",
                Command::GrantRole { .. } => "grant_role",
                Command::RevokeRole { .. } => "revoke_role",
                Command::OpenOrder { .. } => "open_order",
                other => panic!("{other:?}"),
            };
            (op.is_by_server(), name)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (true, "create_user"),
            (true, "grant_role"),
            (false, "open_order"),
            (true, "revoke_role")
        ]
    );
}

#[tokio::test]
async fn the_last_administrator_cannot_lose_the_admin_role_and_nothing_is_written_nor_a_sequence_number_used()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    add(&server, "nora", &[Role::Admin]).await;
    let before = (last_seq(&server.pool).await, operations(&server.pool).await);
    assert_eq!(before, (1, 1));

    let refused = admin::revoke(&server.pool, "nora", Role::Admin, Utc::now()).await;
    let Err(ServerError::Refused { code, message }) = &refused else {
        panic!("refused: {refused:?}");
    };
    assert_eq!(*code, ErrorCode::LastAdmin);
    assert!(
        message.contains("nora") && message.contains("asigne el rol a otra persona"),
        "the message says what to do: {message}"
    );
    let deactivated = admin::set_active(&server.pool, "nora", false, Utc::now()).await;
    assert!(
        matches!(
            &deactivated,
            Err(ServerError::Refused {
                code: ErrorCode::LastAdmin,
                ..
            })
        ),
        "{deactivated:?}"
    );
    // An unknown user, and a username the rule refuses (the server's own name among them).
    let unknown = admin::grant(&server.pool, "nadie", Role::Kam, Utc::now()).await;
    assert!(
        matches!(&unknown, Err(ServerError::UserNotFound(u)) if u == "nadie"),
        "{unknown:?}"
    );
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .contains("nimbo-server user list")
    );
    for bad in ["Ana Benítez", SERVER_ACTOR] {
        let invalid = admin::add_user(&server.pool, &draft(bad, &[]), PASSWORD, Utc::now()).await;
        assert!(
            matches!(&invalid, Err(ServerError::InvalidUser(m)) if m.contains("minúsculas")),
            "{bad}: {invalid:?}"
        );
    }

    assert_eq!(
        (last_seq(&server.pool).await, operations(&server.pool).await),
        before,
        "nothing written, no number used"
    );
    let mut conn = server.pool.acquire().await.unwrap();
    let nora = postgres::users::by_username(&mut conn, "nora")
        .await
        .unwrap()
        .unwrap();
    assert!(nora.active && nora.roles.contains(&Role::Admin));

    // With a second administrator, the first may step down.
    add(&server, "sonia", &[Role::Admin]).await;
    let stepped_down = admin::revoke(&server.pool, "nora", Role::Admin, Utc::now())
        .await
        .unwrap();
    assert_eq!(stepped_down.seq, Some(3));
}

#[tokio::test]
async fn a_laptop_claiming_the_servers_reserved_actor_is_refused() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (nora, _) = server.signed_in("nora", &[Role::Admin]).await;
    // A hand-made client sends the server's own kind of operation: the server's actor,
    // the nil device, a new administrator.
    let mallory = draft("mallory", &[Role::Admin])
        .validate(Uuid::now_v7(), Utc::now())
        .unwrap();
    let forged = Operation::by_server(
        Uuid::now_v7(),
        Utc::now(),
        EntityKind::User,
        mallory.id,
        Command::CreateUser { user: mallory },
    );
    let answers = nora.push(&[forged]).await.unwrap();
    match &answers[0].answer {
        Answer::Refused { code, message } => {
            assert_eq!(*code, ErrorCode::ActorMismatch);
            assert!(
                message.contains(SERVER_ACTOR) && message.contains("nora"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(pulled(&nora).await.is_empty());
    let mut conn = server.pool.acquire().await.unwrap();
    assert!(
        postgres::users::by_username(&mut conn, "mallory")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn deactivating_a_user_on_the_server_closes_their_sessions_and_activating_lets_them_sign_in_again()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    add(&server, "ana", &[Role::Kam]).await;
    let (ana, _) = server.client.sign_in("ana", PASSWORD).await.unwrap();
    assert!(ana.pull(0, 10).await.is_ok());

    let deactivated = admin::set_active(&server.pool, "ana", false, Utc::now())
        .await
        .unwrap();
    assert_eq!(deactivated.seq, Some(2));
    assert!(!deactivated.user.active);
    let open: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE u.username = 'ana' AND s.revoked_at IS NULL",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(open, 0, "her sessions are closed");
    assert_eq!(refused_code(ana.pull(0, 10).await), ErrorCode::TokenInvalid);
    assert_eq!(
        refused_code(server.client.sign_in("ana", PASSWORD).await),
        ErrorCode::UserInactive
    );

    let activated = admin::set_active(&server.pool, "ana", true, Utc::now())
        .await
        .unwrap();
    assert_eq!(activated.seq, Some(3));
    // The old session stays closed; a new sign-in works.
    assert_eq!(refused_code(ana.pull(0, 10).await), ErrorCode::TokenInvalid);
    let (again, _) = server.client.sign_in("ana", PASSWORD).await.unwrap();
    let ops = pulled(&again).await;
    assert_eq!(
        ops.iter().map(command).cloned().collect::<Vec<_>>()[1..],
        [
            Command::SetUserActive {
                username: "ana".into(),
                active: false
            },
            Command::SetUserActive {
                username: "ana".into(),
                active: true
            }
        ]
    );
}
