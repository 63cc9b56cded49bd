//! Signing in, tokens and sessions.

use chrono::Utc;
use nimbo_domain::ErrorCode;
use nimbo_domain::role::Role;
use nimbo_server::tokens::Keys;
use nimbo_server::users;

use crate::support::{PASSWORD, TestServer};

fn assert_refused<T: std::fmt::Debug>(
    result: Result<T, nimbo_server::client::ClientError>,
    code: ErrorCode,
) {
    match result {
        Err(nimbo_server::client::ClientError::Refused {
            code: got, message, ..
        }) => {
            assert_eq!(got, code, "{message}");
            assert!(!message.is_empty());
        }
        other => panic!("expected a refusal {code}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_kam_signs_in_with_the_right_password_and_not_with_a_wrong_one_or_an_unknown_name() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    server.user("karina", &[Role::Kam]).await;
    let (client, tokens) = server.client.sign_in("karina", PASSWORD).await.unwrap();
    assert_eq!(tokens.user.username, "karina");
    assert_eq!(
        tokens.user.roles,
        vec![Role::Kam],
        "roles come from the server"
    );
    let lifetime = tokens.access_expires_at - Utc::now();
    assert!(lifetime <= chrono::Duration::minutes(15) && lifetime > chrono::Duration::minutes(14));
    assert!(client.pull(0, 10).await.is_ok());

    assert_refused(
        server.client.sign_in("karina", "otra-clave-123").await,
        ErrorCode::BadCredentials,
    );
    assert_refused(
        server.client.sign_in("nadie", PASSWORD).await,
        ErrorCode::BadCredentials,
    );
    assert_refused(server.client.pull(0, 10).await, ErrorCode::NotSignedIn);
}

#[tokio::test]
async fn an_expired_access_token_is_refused_with_the_advice_to_sign_in_again() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let user = server.user("karina", &[Role::Kam]).await;
    let keys = Keys::new(crate::support::SECRET, chrono::Duration::minutes(15));
    let (stale, _) = keys
        .issue(
            user.id,
            uuid::Uuid::now_v7(),
            Utc::now() - chrono::Duration::minutes(16),
        )
        .unwrap();
    let result = server.client.with_access_token(&stale).pull(0, 10).await;
    match &result {
        Err(nimbo_server::client::ClientError::Refused {
            status, message, ..
        }) => {
            assert_eq!(*status, 401);
            assert!(message.contains("inicie sesión de nuevo"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_refused(result, ErrorCode::SessionExpired);
}

#[tokio::test]
async fn a_forged_token_is_refused_whoever_it_claims_to_be() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let admin = server.user("ana", &[Role::Admin]).await;
    let (_, tokens) = server.signed_in("karina", &[Role::Kam]).await;

    // Signed with another key, naming the administrator.
    let other = Keys::new(&[9u8; 32], chrono::Duration::minutes(15));
    let (forged, _) = other
        .issue(admin.id, uuid::Uuid::now_v7(), Utc::now())
        .unwrap();
    assert_refused(
        server.client.with_access_token(&forged).pull(0, 1).await,
        ErrorCode::TokenInvalid,
    );

    // The KAM's own token with its payload swapped for the administrator's.
    let parts: Vec<&str> = tokens.access_token.split('.').collect();
    let swapped_payload = other
        .issue(admin.id, uuid::Uuid::now_v7(), Utc::now())
        .unwrap()
        .0
        .split('.')
        .nth(1)
        .unwrap()
        .to_string();
    let spliced = format!("{}.{}.{}", parts[0], swapped_payload, parts[2]);
    assert_refused(
        server.client.with_access_token(&spliced).pull(0, 1).await,
        ErrorCode::TokenInvalid,
    );

    // No signature at all ("alg": "none").
    let none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
    let unsigned = format!("{none_header}.{swapped_payload}.");
    assert_refused(
        server.client.with_access_token(&unsigned).pull(0, 1).await,
        ErrorCode::TokenInvalid,
    );

    assert_refused(
        server.client.with_access_token("garbage").pull(0, 1).await,
        ErrorCode::TokenInvalid,
    );
}

#[tokio::test]
async fn a_refresh_rotates_the_tokens_and_a_spent_refresh_token_closes_the_session() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (_, first) = server.signed_in("karina", &[Role::Kam]).await;

    let (client, second) = server.client.refresh(&first.refresh_token).await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    assert!(
        client.pull(0, 1).await.is_ok(),
        "the new access token works"
    );

    // The laptop refreshes again with the second token: the first is now stale for good.
    let (client, third) = server.client.refresh(&second.refresh_token).await.unwrap();
    // The first refresh token again: spent long ago (its successor was used), so someone
    // holds a copy.
    assert_refused(
        server.client.refresh(&first.refresh_token).await,
        ErrorCode::TokenInvalid,
    );
    // The whole session is closed: its latest tokens are refused too.
    assert_refused(
        server.client.refresh(&third.refresh_token).await,
        ErrorCode::TokenInvalid,
    );
    assert_refused(client.pull(0, 1).await, ErrorCode::TokenInvalid);
    assert_refused(
        server.client.refresh("not-a-token").await,
        ErrorCode::TokenInvalid,
    );

    // Signing in again opens a new session.
    assert!(server.client.sign_in("karina", PASSWORD).await.is_ok());
}

#[tokio::test]
async fn a_refresh_whose_answer_was_lost_can_be_tried_again_and_only_the_newest_pair_stays_valid() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (_, first) = server.signed_in("karina", &[Role::Kam]).await;
    // The server spends `first` and answers `lost`, but the answer never arrives.
    let (_, lost) = server.client.refresh(&first.refresh_token).await.unwrap();
    // The laptop tries again with the token it still holds: a new pair, which works and
    // refreshes on.
    let (client, retried) = server.client.refresh(&first.refresh_token).await.unwrap();
    assert!(client.pull(0, 1).await.is_ok(), "the retried pair works");
    let (_, retried) = server.client.refresh(&retried.refresh_token).await.unwrap();
    // The pair lost on the way was never delivered: presenting it means someone holds a
    // copy, so it is refused and the session closes.
    assert_refused(
        server.client.refresh(&lost.refresh_token).await,
        ErrorCode::TokenInvalid,
    );
    assert_refused(
        server.client.refresh(&retried.refresh_token).await,
        ErrorCode::TokenInvalid,
    );
    assert!(
        server.client.sign_in("karina", PASSWORD).await.is_ok(),
        "signing in again works"
    );
}

#[tokio::test]
async fn signing_out_or_a_new_password_closes_the_sessions() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (client, tokens) = server.signed_in("karina", &[Role::Kam]).await;
    client.sign_out().await.unwrap();
    assert_refused(client.pull(0, 1).await, ErrorCode::TokenInvalid);
    assert_refused(
        server.client.refresh(&tokens.refresh_token).await,
        ErrorCode::TokenInvalid,
    );

    let (client, _) = server.client.sign_in("karina", PASSWORD).await.unwrap();
    users::set_password(&server.pool, "karina", "una-clave-nueva-456", Utc::now())
        .await
        .unwrap();
    assert_refused(client.pull(0, 1).await, ErrorCode::TokenInvalid);
    assert_refused(
        server.client.sign_in("karina", PASSWORD).await,
        ErrorCode::BadCredentials,
    );
    assert!(
        server
            .client
            .sign_in("karina", "una-clave-nueva-456")
            .await
            .is_ok()
    );
}
