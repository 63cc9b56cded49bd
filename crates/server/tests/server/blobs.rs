//! Files by hash.

use nimbo_domain::ErrorCode;
use nimbo_domain::role::Role;
use nimbo_server::client::ClientError;
use nimbo_server::tokens::sha256_hex;

use crate::support::TestServer;

fn refusal<T: std::fmt::Debug>(result: Result<T, ClientError>) -> (u16, ErrorCode, String) {
    match result {
        Err(ClientError::Refused {
            status,
            code,
            message,
        }) => (status, code, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_signed_contract_uploaded_twice_is_stored_once_and_read_back_exactly() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (om, _) = server.signed_in("oscar", &[Role::OrderManager]).await;
    let pdf: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let first = om.put_blob(&pdf).await.unwrap();
    assert!(first.created);
    assert_eq!(first.size, pdf.len() as u64);
    let second = om.put_blob(&pdf).await.unwrap();
    assert!(!second.created, "uploading again changes nothing");
    assert_eq!(om.get_blob(&first.sha256).await.unwrap(), pdf);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM blobs")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn bytes_that_do_not_match_their_hash_are_refused_and_not_stored() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (om, _) = server.signed_in("oscar", &[Role::OrderManager]).await;
    let claimed = sha256_hex(b"the real contract");
    let (status, code, message) = refusal(om.put_blob_as(&claimed, b"a tampered contract").await);
    assert_eq!((status, code), (422, ErrorCode::BlobHashMismatch));
    assert!(message.contains(&claimed), "{message}");
    let (status, code, _) = refusal(om.get_blob(&claimed).await);
    assert_eq!((status, code), (404, ErrorCode::BlobNotFound));
    let (status, code, _) = refusal(om.put_blob_as("NOT-A-HASH", b"x").await);
    assert_eq!((status, code), (400, ErrorCode::BadHash));
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_the_limit_named() {
    let Some(server) = TestServer::start_with(|c| c.max_blob_bytes = 1024).await else {
        return;
    };
    let (om, _) = server.signed_in("oscar", &[Role::OrderManager]).await;
    assert!(om.put_blob(&[1u8; 1024]).await.is_ok());
    let (status, code, message) = refusal(om.put_blob(&[2u8; 1025]).await);
    assert_eq!((status, code), (413, ErrorCode::BlobTooLarge));
    assert!(message.contains("1024"), "{message}");
}

#[tokio::test]
async fn files_are_neither_stored_nor_served_without_signing_in() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (status, code, _) = refusal(server.client.put_blob(b"anonymous").await);
    assert_eq!((status, code), (401, ErrorCode::NotSignedIn));
    let (status, _, _) = refusal(server.client.get_blob(&sha256_hex(b"anonymous")).await);
    assert_eq!(status, 401);
}
