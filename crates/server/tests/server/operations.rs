//! Pushing operations: authority, identity and idempotence.

use chrono::Utc;
use nimbo_domain::ErrorCode;
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::order::Step;
use nimbo_domain::role::Role;
use nimbo_server::admin;
use nimbo_server::wire::Answer;
use nimbo_testkit::files::attachment;
use uuid::Uuid;

use crate::support::{TestServer, code, command, complete_step, open_order};

#[tokio::test]
async fn a_kam_cannot_complete_a_step_that_belongs_to_the_order_manager_even_with_a_hand_made_client()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let (om, _) = server.signed_in("oscar", &[Role::OrderManager]).await;

    let by_kam = complete_step("karina", Step::WelcomeKit, &[]);
    let answers = kam.push(std::slice::from_ref(&by_kam)).await.unwrap();
    match &answers[0].answer {
        Answer::Refused { code, message } => {
            assert_eq!(*code, ErrorCode::NotAllowed);
            assert!(message.contains("Gestor del pedido"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The refusal is kept: sending it again changes nothing.
    assert_eq!(kam.push(&[by_kam]).await.unwrap(), answers);

    // The order manager holds the role; what stops them is that the server never saw
    // the order (stories in authority.rs take an order there for real).
    let by_om = complete_step("oscar", Step::WelcomeKit, &[]);
    let answers = om.push(std::slice::from_ref(&by_om)).await.unwrap();
    assert_eq!(code(&answers[0].answer), "unknown_record");

    let page = om.pull(0, 10).await.unwrap();
    assert!(
        page.operations.is_empty(),
        "a refused operation is never pulled"
    );
}

#[tokio::test]
async fn roles_are_read_from_the_server_at_each_push_not_from_the_session() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, tokens) = server.signed_in("karina", &[Role::Kam]).await;
    assert_eq!(tokens.user.roles, vec![Role::Kam]);
    assert_eq!(
        code(&kam.push(&[open_order("karina", 1)]).await.unwrap()[0].answer),
        "applied"
    );

    admin::revoke(&server.pool, "karina", Role::Kam, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        code(&kam.push(&[open_order("karina", 2)]).await.unwrap()[0].answer),
        "not_allowed"
    );

    admin::grant(&server.pool, "karina", Role::Presales, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        code(&kam.push(&[open_order("karina", 3)]).await.unwrap()[0].answer),
        "applied"
    );
}

#[tokio::test]
async fn an_operation_made_in_someone_elses_name_is_refused_and_does_not_take_their_id() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let (presales, _) = server.signed_in("pedro", &[Role::Presales]).await;

    let pedros = open_order("pedro", 7);
    let answers = kam.push(std::slice::from_ref(&pedros)).await.unwrap();
    match &answers[0].answer {
        Answer::Refused { code, message } => {
            assert_eq!(*code, ErrorCode::ActorMismatch);
            assert!(
                message.contains("pedro") && message.contains("karina"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Pedro's own laptop later sends it: it is his, and applied.
    let answers = presales.push(&[pedros]).await.unwrap();
    assert_eq!(answers[0].answer, Answer::Applied { seq: 1 });
}

#[tokio::test]
async fn a_re_sent_operation_gets_the_same_answer_and_is_applied_once() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let first = open_order("karina", 1);
    let second = open_order("karina", 2);

    let answers = kam.push(&[first.clone(), second.clone()]).await.unwrap();
    assert_eq!(answers[0].answer, Answer::Applied { seq: 1 });
    assert_eq!(answers[1].answer, Answer::Applied { seq: 2 });
    // The reply was lost; the laptop sends the batch again, with the first twice.
    let again = kam
        .push(&[first.clone(), second.clone(), first.clone()])
        .await
        .unwrap();
    assert_eq!(again[0].answer, Answer::Applied { seq: 1 });
    assert_eq!(again[1].answer, Answer::Applied { seq: 2 });
    assert_eq!(again[2].answer, Answer::Applied { seq: 1 });

    let page = kam.pull(0, 100).await.unwrap();
    assert_eq!(page.operations.len(), 2);
    assert_eq!(page.latest_seq, 2);
    assert_eq!(page.operations[0].operation, first);
}

#[tokio::test]
async fn the_same_id_with_different_content_is_refused_and_the_original_stands() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let original = open_order("karina", 1);
    kam.push(std::slice::from_ref(&original)).await.unwrap();

    let mut altered = original.clone();
    if let nimbo_domain::operation::OperationBody::Command {
        command: Command::OpenOrder { title, .. },
    } = &mut altered.body
    {
        *title = "Otro servicio".into();
    }
    let answers = kam.push(&[altered]).await.unwrap();
    assert_eq!(code(&answers[0].answer), "id_reused");
    let page = kam.pull(0, 10).await.unwrap();
    assert_eq!(page.operations.len(), 1);
    assert_eq!(page.operations[0].operation, original);
}

#[tokio::test]
async fn an_operation_whose_file_is_not_uploaded_is_refused_until_the_file_arrives() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (om, _) = server.signed_in("oscar", &[Role::OrderManager]).await;
    let pdf = b"%PDF-1.7 acta de entrega firmada".to_vec();
    let file = attachment("acta.pdf", "application/pdf", &pdf);
    let op = command(
        "oscar",
        EntityKind::Attachment,
        Uuid::now_v7(),
        Command::StoreAttachment { attachment: file },
    );

    let answers = om.push(std::slice::from_ref(&op)).await.unwrap();
    match &answers[0].answer {
        Answer::Refused { code, message } => {
            assert_eq!(*code, ErrorCode::BlobMissing);
            assert!(message.contains("acta.pdf"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    om.put_blob(&pdf).await.unwrap();
    let answers = om.push(&[op]).await.unwrap();
    assert_eq!(answers[0].answer, Answer::Applied { seq: 1 });
}

#[tokio::test]
async fn an_operation_this_server_cannot_read_is_refused_alone() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (_, tokens) = server.signed_in("karina", &[Role::Kam]).await;
    let good = open_order("karina", 1);
    let mut unknown = serde_json::to_value(open_order("karina", 2)).unwrap();
    unknown["body"]["command"] = serde_json::json!({ "command": "teleport_order" });
    let body = serde_json::json!({ "operations": [unknown, good] });
    let answers: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/v1/operations", server.base))
        .bearer_auth(&tokens.access_token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answers["answers"][0]["status"], "refused");
    assert_eq!(answers["answers"][0]["code"], "malformed");
    assert_eq!(answers["answers"][1]["status"], "applied");
}

#[tokio::test]
async fn a_field_edit_of_an_order_is_refused_orders_change_by_commands() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (kam, _) = server.signed_in("karina", &[Role::Kam]).await;
    let id = Uuid::now_v7();
    let mut op = command(
        "karina",
        EntityKind::Order,
        id,
        Command::CancelOrder {
            order_id: id,
            reason: "x".into(),
        },
    );
    op.body = nimbo_domain::operation::OperationBody::Fields {
        entity: EntityKind::Order,
        entity_id: id,
        changes: vec![],
    };
    assert_eq!(
        code(&kam.push(&[op]).await.unwrap()[0].answer),
        "not_editable"
    );
}

#[tokio::test]
async fn concurrent_pushes_leave_a_gap_free_sequence_that_readers_see_in_order() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    const LAPTOPS: usize = 6;
    const BATCHES: usize = 15;
    const PER_BATCH: usize = 20;
    let mut laptops = Vec::new();
    for i in 0..LAPTOPS {
        let (client, _) = server.signed_in(&format!("kam{i}"), &[Role::Kam]).await;
        laptops.push((format!("kam{i}"), client));
    }
    let reader = laptops[0].1.clone();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watching = {
        let done = done.clone();
        tokio::spawn(async move {
            // A reader pulling all along must see every number, in order, no hole.
            let mut after = 0;
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let page = reader.pull(after, 37).await.unwrap();
                for p in &page.operations {
                    assert_eq!(
                        p.seq,
                        after + 1,
                        "a reader saw {} right after {after}",
                        p.seq
                    );
                    after = p.seq;
                }
                if finished && page.operations.is_empty() {
                    return after;
                }
            }
        })
    };
    let started = std::time::Instant::now();
    let mut pushes = Vec::new();
    for (name, client) in laptops {
        pushes.push(tokio::spawn(async move {
            for b in 0..BATCHES {
                let batch: Vec<_> = (0..PER_BATCH)
                    .map(|i| open_order(&name, (b * PER_BATCH + i) as u32))
                    .collect();
                let answers = client.push(&batch).await.unwrap();
                assert!(
                    answers
                        .iter()
                        .all(|a| matches!(a.answer, Answer::Applied { .. }))
                );
            }
        }));
    }
    for push in pushes {
        push.await.unwrap();
    }
    let elapsed = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let total = (LAPTOPS * BATCHES * PER_BATCH) as i64;
    assert_eq!(watching.await.unwrap(), total);
    let seqs: Vec<i64> = sqlx::query_scalar("SELECT seq FROM operations ORDER BY seq")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>());
    eprintln!(
        "{total} operations pushed by {LAPTOPS} laptops at once in {elapsed:?} ({:.0} operations/s, debug build)",
        total as f64 / elapsed.as_secs_f64()
    );
}
