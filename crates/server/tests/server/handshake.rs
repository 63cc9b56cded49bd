//! The protocol version handshake.

use nimbo_domain::ErrorCode;
use nimbo_domain::role::Role;
use nimbo_server::client::ClientError;
use nimbo_server::wire::PROTOCOL;

use crate::support::{TestServer, open_order};

#[tokio::test]
async fn a_current_laptop_learns_the_servers_versions_and_clock() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let handshake = server.client.handshake().await.unwrap();
    assert_eq!(handshake.protocol, PROTOCOL);
    assert!(handshake.min_protocol <= PROTOCOL);
    assert!(
        (chrono::Utc::now() - handshake.server_time)
            .num_seconds()
            .abs()
            < 5
    );
}

#[tokio::test]
async fn a_laptop_with_an_unsupported_version_is_told_to_update_nimbo_in_spanish_then_english() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    for version in [0, PROTOCOL + 1] {
        let old = server.client.with_protocol(version);
        match old.handshake().await {
            Err(ClientError::Refused {
                status,
                code,
                message,
            }) => {
                assert_eq!((status, code), (426, ErrorCode::UpdateRequired));
                let es = message.find("actualice Nimbo").expect(&message);
                let en = message.find("update Nimbo").expect(&message);
                assert!(es < en, "Spanish first: {message}");
            }
            other => panic!("{other:?}"),
        }
        // Every route refuses it, so nothing it sends is taken in a shape the server
        // might misread.
        let pushed = kam
            .with_protocol(version)
            .push(&[open_order("karina", 1)])
            .await;
        assert_eq!(pushed.unwrap_err().code(), Some(ErrorCode::UpdateRequired));
    }
}
