//! Per-field edits from laptops that were offline at once: a base still current applies;
//! a stale one is settled by the later hybrid-clock time and kept as a conflict that both
//! people read; a money field is never settled by the rule.

use nimbo_domain::ErrorCode;
use nimbo_domain::customer::Customer;
use nimbo_domain::operation::{EntityKind, FieldChange, OperationBody};
use nimbo_domain::role::Role;
use nimbo_server::wire::Answer;
use serde_json::{Value, json};

use crate::support::{Laptop, SEEDED_CUSTOMER, TestServer, code, fingerprint, refusal, stored};

fn edit(
    laptop: &mut Laptop,
    field: &str,
    old: Value,
    new: Value,
) -> nimbo_domain::operation::Operation {
    laptop.op(
        EntityKind::Customer,
        SEEDED_CUSTOMER,
        OperationBody::Fields {
            entity: EntityKind::Customer,
            entity_id: SEEDED_CUSTOMER,
            changes: vec![FieldChange {
                field: field.into(),
                old,
                new,
            }],
        },
    )
}

#[tokio::test]
async fn concurrent_edits_of_a_customers_name_the_later_clock_wins_and_both_people_read_the_conflict()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut karina = Laptop::of(&server, "karina", &[Role::Kam]).await;
    let mut pedro = Laptop::of(&server, "pedro", &[Role::Presales]).await;
    let mut sonia = Laptop::of(&server, "sonia", &[Role::CorporateSupport]).await;
    let seen = json!("Cooperativa Ñandutí Ltda.");
    // Offline, Karina renames first; Pedro a little later; Karina's reaches the server first.
    let by_karina = edit(
        &mut karina,
        "name",
        seen.clone(),
        json!("Cooperativa Ñandutí S.A."),
    );
    pedro.skew_ms = 1_000;
    let by_pedro = edit(&mut pedro, "name", seen.clone(), json!("Coop. Ñandutí"));
    assert_eq!(code(&karina.send(&by_karina).await), "applied");
    let answer = pedro.send(&by_pedro).await;
    let Answer::Conflict {
        seq,
        conflicts,
        message,
    } = &answer
    else {
        panic!("{answer:?}");
    };
    assert!(
        seq.is_some(),
        "the winning value changed the record: it is pulled"
    );
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "name");
    assert_eq!(conflicts[0].yours, json!("Coop. Ñandutí"));
    assert_eq!(conflicts[0].theirs, json!("Cooperativa Ñandutí S.A."));
    assert_eq!(conflicts[0].kept, json!("Coop. Ñandutí"));
    assert_eq!(conflicts[0].other.as_deref(), Some("karina"));
    assert!(message.contains("karina"), "{message}");
    let customer: Customer = stored(&server.pool, EntityKind::Customer, SEEDED_CUSTOMER)
        .await
        .unwrap();
    assert_eq!(customer.name, "Coop. Ñandutí");

    // An edit made earlier still, from the original value, arrives last: it loses, and
    // is recorded too; the record does not change and nothing is pulled for it.
    sonia.skew_ms = -60_000;
    let by_sonia = edit(&mut sonia, "name", seen, json!("Ñandutí"));
    let before = fingerprint(&server.pool).await;
    let answer = sonia.send(&by_sonia).await;
    let Answer::Conflict { seq, conflicts, .. } = &answer else {
        panic!("{answer:?}");
    };
    assert_eq!(*seq, None);
    assert_eq!(conflicts[0].kept, json!("Coop. Ñandutí"));
    assert_eq!(conflicts[0].other.as_deref(), Some("pedro"));
    assert_eq!(fingerprint(&server.pool).await, before);
    assert_eq!(
        sonia.send(&by_sonia).await,
        answer,
        "a re-send gets the same answer"
    );

    // Each person reads the conflicts they are part of.
    let karinas = karina.client.conflicts().await.unwrap();
    assert_eq!(karinas.len(), 1);
    assert_eq!(
        (karinas[0].author.as_str(), karinas[0].other.as_deref()),
        ("pedro", Some("karina"))
    );
    assert!(!karinas[0].by_hand);
    let pedros = pedro.client.conflicts().await.unwrap();
    assert_eq!(pedros.len(), 2);
    assert_eq!(sonia.client.conflicts().await.unwrap().len(), 1);

    // An edit whose base is current applies without conflict, another field alike.
    let segment = edit(&mut karina, "segment", json!("corporate"), json!("large"));
    assert_eq!(code(&karina.send(&segment).await), "applied");
    let pulled = karina.client.pull(0, 100).await.unwrap();
    assert_eq!(pulled.operations.len(), 3);
}

#[tokio::test]
async fn a_money_field_is_never_settled_automatically_the_later_edit_is_refused_to_settle_by_hand()
{
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut karina = Laptop::of(&server, "karina", &[Role::Kam]).await;
    // No record has a money field yet: a made-up one shows the rule. Its value is not
    // what Karina saw, and it is money: refused, however late her clock.
    karina.skew_ms = 60_000;
    let before = fingerprint(&server.pool).await;
    let fee = edit(&mut karina, "monthly_fee", json!("75.00"), json!("80.00"));
    let answer = karina.send(&fee).await;
    let (said, message) = refusal(&answer);
    assert_eq!(said, ErrorCode::MoneyConflict);
    assert!(
        message.contains("importes no se resuelven solos"),
        "{message}"
    );
    assert_eq!(fingerprint(&server.pool).await, before);
    assert_eq!(karina.send(&fee).await, answer);
    let recorded = karina.client.conflicts().await.unwrap();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].by_hand);
    assert_eq!(recorded[0].yours, json!("80.00"));
    assert_eq!(recorded[0].kept, recorded[0].theirs);

    // With a current base the made-up field goes no further: the customer has none.
    let unknown = edit(&mut karina, "monthly_fee", Value::Null, json!("80.00"));
    assert_eq!(code(&karina.send(&unknown).await), "unknown_field");
}

#[tokio::test]
async fn a_value_the_domain_refuses_is_refused_here_as_on_the_laptop() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut karina = Laptop::of(&server, "karina", &[Role::Kam]).await;
    let cycle = edit(&mut karina, "billing_cycle", json!(15), json!(31));
    let answer = karina.send(&cycle).await;
    let (said, message) = refusal(&answer);
    assert_eq!(said, ErrorCode::InvalidFields);
    assert!(message.contains("31"), "{message}");
}
