//! Pulling by the sequence, page by page: the boundaries that skipped or looped elsewhere.

use nimbo_domain::operation::Operation;
use nimbo_domain::role::Role;
use nimbo_server::client::Client;
use uuid::Uuid;

use crate::support::{TestServer, open_order};

/// Pulls page by page until an empty page; returns the ids and the size of each page.
async fn pull_all(client: &Client, limit: i64) -> (Vec<Uuid>, Vec<usize>) {
    let mut after = 0;
    let mut ids = Vec::new();
    let mut sizes = Vec::new();
    loop {
        let page = client.pull(after, limit).await.unwrap();
        sizes.push(page.operations.len());
        if page.operations.is_empty() {
            assert_eq!(page.next_after, after, "an empty page keeps the cursor");
            return (ids, sizes);
        }
        for p in &page.operations {
            assert_eq!(p.seq, after + 1);
            after = p.seq;
            ids.push(p.operation.id);
        }
        assert_eq!(page.next_after, after);
        assert!(sizes.len() < 100, "the pull does not end");
    }
}

/// Pushes `n` new orders, numbered on from the last push (an order number is unique).
async fn pushed(client: &Client, actor: &str, n: usize) -> Vec<Uuid> {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let ops: Vec<Operation> = (0..n)
        .map(|_| {
            open_order(
                actor,
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            )
        })
        .collect();
    client.push(&ops).await.unwrap();
    ops.iter().map(|o| o.id).collect()
}

#[tokio::test]
async fn a_laptop_joining_an_empty_server_gets_one_empty_page() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let page = kam.pull(0, 50).await.unwrap();
    assert!(page.operations.is_empty());
    assert_eq!((page.next_after, page.latest_seq), (0, 0));
    assert_eq!(pull_all(&kam, 50).await.1, vec![0]);
}

#[tokio::test]
async fn exactly_one_page_of_operations_is_followed_by_an_empty_page() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let ids = pushed(&kam, "karina", 25).await;
    let (got, sizes) = pull_all(&kam, 25).await;
    assert_eq!(got, ids);
    assert_eq!(sizes, vec![25, 0]);
}

#[tokio::test]
async fn a_partial_last_page_holds_the_rest_and_nothing_is_skipped() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let ids = pushed(&kam, "karina", 53).await;
    let (got, sizes) = pull_all(&kam, 25).await;
    assert_eq!(got, ids);
    assert_eq!(sizes, vec![25, 25, 3, 0]);
}

#[tokio::test]
async fn a_laptop_that_is_up_to_date_pulls_nothing_and_then_only_what_is_new() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    pushed(&kam, "karina", 10).await;
    let page = kam.pull(10, 25).await.unwrap();
    assert!(page.operations.is_empty());
    assert_eq!(page.latest_seq, 10);
    let newer = pushed(&kam, "karina", 2).await;
    let page = kam.pull(10, 25).await.unwrap();
    let ids: Vec<Uuid> = page.operations.iter().map(|p| p.operation.id).collect();
    assert_eq!(ids, newer);
    assert_eq!(page.next_after, 12);
}

#[tokio::test]
async fn a_limit_beyond_the_servers_maximum_is_cut_to_it() {
    let Some(server) = TestServer::start_with(|c| c.max_pull_operations = 4).await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    pushed(&kam, "karina", 6).await;
    assert_eq!(kam.pull(0, 1000).await.unwrap().operations.len(), 4);
    assert_eq!(kam.pull(0, 0).await.unwrap().operations.len(), 1);
}
