//! The server as the authority on the records: commands are run through the domain
//! against the state the server holds, so what the domain would refuse on a laptop —
//! for the order's step, the customer's contract, a record never seen — is refused here
//! too, whatever client sent it, and a refusal changes nothing.

use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::order::{Order, Step};
use nimbo_domain::role::Role;
use nimbo_domain::{DomainError, ErrorCode, Lang};
use nimbo_server::wire::Answer;
use nimbo_testkit::customers::master_contract;
use nimbo_testkit::steps::{self, PDF};
use uuid::Uuid;

use crate::support::{
    Laptop, SEEDED_CUSTOMER, TestServer, code, customer, fingerprint, refusal, stored,
};

/// A KAM's new order for a customer; returns its id.
async fn open(kam: &mut Laptop, customer_id: Uuid, number: &str) -> Uuid {
    let order_id = Uuid::now_v7();
    kam.applied(
        EntityKind::Order,
        order_id,
        Command::OpenOrder {
            order_id,
            number: number.into(),
            customer_id,
            title: "Tigo Cloud AWS con administración VIP".into(),
        },
    )
    .await;
    order_id
}

fn complete(laptop: &mut Laptop, order_id: Uuid, step: Step) -> nimbo_domain::operation::Operation {
    laptop.command(
        EntityKind::Order,
        order_id,
        Command::CompleteStep {
            order_id,
            step,
            input: steps::input(step, steps::Path::default()),
        },
    )
}

#[tokio::test]
async fn an_order_advanced_by_two_laptops_at_the_same_step_is_applied_once_and_the_second_is_refused_with_the_domains_reason()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut kam = Laptop::of(&server, "karina", &[Role::Kam]).await;
    let mut pedro = Laptop::of(&server, "pedro", &[Role::Presales]).await;
    let mut paula = Laptop::of(&server, "paula", &[Role::Presales]).await;
    let order_id = open(&mut kam, SEEDED_CUSTOMER, "7K3F-000001").await;
    let survey = complete(&mut pedro, order_id, Step::NeedsSurvey);
    assert_eq!(code(&pedro.send(&survey).await), "applied");

    // Both pre-sales engineers record the APN opportunity offline, then sync.
    let by_pedro = complete(&mut pedro, order_id, Step::ApnOpportunity);
    let by_paula = complete(&mut paula, order_id, Step::ApnOpportunity);
    assert_eq!(code(&pedro.send(&by_pedro).await), "applied");
    let before = fingerprint(&server.pool).await;
    let answer = paula.send(&by_paula).await;

    let order: Order = stored(&server.pool, EntityKind::Order, order_id)
        .await
        .unwrap();
    let expected = DomainError::NotCurrentStep {
        number: order.number.clone(),
        asked: Step::ApnOpportunity,
        current: Step::Offer,
    };
    assert_eq!(
        answer,
        Answer::Refused {
            code: expected.code(),
            message: expected.message(Lang::Es),
        }
    );
    assert!(expected.message(Lang::Es).contains("espera el paso 7"));
    assert_eq!(
        fingerprint(&server.pool).await,
        before,
        "a refusal changes nothing"
    );
    assert_eq!(order.current, Some(Step::Offer));
    assert_eq!(order.records[&Step::ApnOpportunity].by, "pedro");
    let pulled = kam.client.pull(0, 100).await.unwrap();
    assert_eq!(
        pulled.operations.len(),
        3,
        "the refused step is never pulled"
    );
}

/// Takes a new order of a customer to step 9, the KAM's.
async fn to_customer_signature(server: &TestServer, customer_id: Uuid) -> (Laptop, Uuid) {
    let mut kam = Laptop::of(server, "karina", &[Role::Kam]).await;
    let mut pedro = Laptop::of(server, "pedro", &[Role::Presales]).await;
    let order_id = open(&mut kam, customer_id, "7K3F-000002").await;
    for step in [Step::NeedsSurvey, Step::ApnOpportunity, Step::Offer] {
        let op = complete(&mut pedro, order_id, step);
        assert_eq!(code(&pedro.send(&op).await), "applied", "step {step}");
    }
    kam.client.put_blob(PDF).await.unwrap();
    (kam, order_id)
}

/// The KAM records the seeded customer's signed Master Solutions Contract.
async fn record_contract(kam: &mut Laptop) {
    kam.applied(
        EntityKind::Customer,
        SEEDED_CUSTOMER,
        Command::RecordMasterContract {
            customer_id: SEEDED_CUSTOMER,
            contract: master_contract(),
        },
    )
    .await;
}

#[tokio::test]
async fn a_kam_completing_step_9_for_a_customer_without_a_master_contract_is_refused_by_the_server_even_from_a_hand_made_client()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (mut kam, order_id) = to_customer_signature(&server, SEEDED_CUSTOMER).await;
    // No laptop check stands between: the operation goes straight to the server.
    let signature = complete(&mut kam, order_id, Step::CustomerSignature);
    let answer = kam.send(&signature).await;
    let (said, message) = refusal(&answer);
    assert_eq!(said, ErrorCode::MasterContractMissing);
    assert!(
        message.contains("Contrato Marco") && message.contains("Cooperativa Ñandutí Ltda."),
        "{message}"
    );
    let order: Order = stored(&server.pool, EntityKind::Order, order_id)
        .await
        .unwrap();
    assert_eq!(order.current, Some(Step::CustomerSignature));
    assert!(!order.records.contains_key(&Step::CustomerSignature));

    // Once the contract is recorded, the KAM's new attempt goes through.
    record_contract(&mut kam).await;
    let again = complete(&mut kam, order_id, Step::CustomerSignature);
    assert_eq!(code(&kam.send(&again).await), "applied");
    let order: Order = stored(&server.pool, EntityKind::Order, order_id)
        .await
        .unwrap();
    assert_eq!(order.current, Some(Step::Sow));
}

#[tokio::test]
async fn a_re_sent_refused_operation_gets_the_same_refusal_and_changes_nothing_even_once_it_would_pass()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let (mut kam, order_id) = to_customer_signature(&server, SEEDED_CUSTOMER).await;
    let signature = complete(&mut kam, order_id, Step::CustomerSignature);
    let first = kam.send(&signature).await;
    assert_eq!(code(&first), "master_contract_missing");
    let before = fingerprint(&server.pool).await;
    assert_eq!(kam.send(&signature).await, first);
    assert_eq!(fingerprint(&server.pool).await, before);

    // The contract arrives; the old operation, re-sent, is still the refused one: the
    // laptop shows the refusal and its person completes the step again.
    record_contract(&mut kam).await;
    let before = fingerprint(&server.pool).await;
    assert_eq!(kam.send(&signature).await, first);
    assert_eq!(fingerprint(&server.pool).await, before);
    let order: Order = stored(&server.pool, EntityKind::Order, order_id)
        .await
        .unwrap();
    assert_eq!(order.current, Some(Step::CustomerSignature));
}

#[tokio::test]
async fn a_command_for_an_order_or_document_the_server_never_saw_is_refused_and_says_so() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut kam = Laptop::of(&server, "karina", &[Role::Kam, Role::OrderManager]).await;
    let ghost = Uuid::now_v7();
    let before = fingerprint(&server.pool).await;
    for command in [
        Command::CancelOrder {
            order_id: ghost,
            reason: "el cliente desistió".into(),
        },
        Command::CompleteStep {
            order_id: ghost,
            step: Step::Sow,
            input: steps::input(Step::Sow, steps::Path::default()),
        },
        Command::VoidDocument {
            document_id: ghost,
            version: 1,
            reason: "error en el nombre".into(),
        },
        Command::OpenOrder {
            order_id: ghost,
            number: "7K3F-000099".into(),
            customer_id: Uuid::now_v7(),
            title: "Servicio".into(),
        },
    ] {
        if let Command::CompleteStep { .. } = command {
            kam.client.put_blob(PDF).await.unwrap();
        }
        let op = kam.command(EntityKind::Order, ghost, command);
        let answer = kam.send(&op).await;
        let (said, message) = refusal(&answer);
        assert_eq!(said, ErrorCode::UnknownRecord);
        assert!(message.contains("no conoce"), "{message}");
    }
    assert_eq!(fingerprint(&server.pool).await, before);
}

#[tokio::test]
async fn a_customer_with_a_ruc_already_taken_and_an_order_number_already_used_are_refused() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut kam = Laptop::of(&server, "karina", &[Role::Kam]).await;
    let twin = customer(Uuid::now_v7(), "Ñandutí Duplicada", "80028061-0");
    let op = kam.command(
        EntityKind::Customer,
        twin.id,
        Command::CreateCustomer { customer: twin },
    );
    let answer = kam.send(&op).await;
    assert_eq!(code(&answer), "record_exists");
    let first = open(&mut kam, SEEDED_CUSTOMER, "7K3F-000005").await;
    let second = Uuid::now_v7();
    let op = kam.command(
        EntityKind::Order,
        second,
        Command::OpenOrder {
            order_id: second,
            number: "7K3F-000005".into(),
            customer_id: SEEDED_CUSTOMER,
            title: "Otro".into(),
        },
    );
    assert_eq!(code(&kam.send(&op).await), "record_exists");
    assert!(
        stored::<Order>(&server.pool, EntityKind::Order, first)
            .await
            .is_some()
    );
    assert!(
        stored::<Order>(&server.pool, EntityKind::Order, second)
            .await
            .is_none()
    );
}

#[tokio::test]
async fn a_laptop_whose_clock_is_ten_minutes_ahead_is_told_to_fix_it_and_its_operation_waits() {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut kam = Laptop::of(&server, "karina", &[Role::Kam]).await;
    kam.skew_ms = 10 * 60 * 1000;
    let order_id = Uuid::now_v7();
    let op = kam.command(
        EntityKind::Order,
        order_id,
        Command::OpenOrder {
            order_id,
            number: "7K3F-000010".into(),
            customer_id: SEEDED_CUSTOMER,
            title: "Servicio".into(),
        },
    );
    let answer = kam.send(&op).await;
    let (said, message) = refusal(&answer);
    assert_eq!(said, ErrorCode::ClockAhead);
    assert!(
        message.contains("reloj") && message.contains("10 min") && message.contains("5 min"),
        "{message}"
    );
    assert!(
        stored::<Order>(&server.pool, EntityKind::Order, order_id)
            .await
            .is_none()
    );
    assert!(kam.client.pull(0, 10).await.unwrap().operations.is_empty());
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM operations")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(
        kept, 0,
        "the refusal is not kept: the operation waits for a right clock"
    );

    // Four minutes ahead is within the bound.
    kam.skew_ms = 4 * 60 * 1000;
    let order_id = Uuid::now_v7();
    let op = kam.command(
        EntityKind::Order,
        order_id,
        Command::OpenOrder {
            order_id,
            number: "7K3F-000011".into(),
            customer_id: SEEDED_CUSTOMER,
            title: "Servicio".into(),
        },
    );
    // The laptop's hybrid clock never goes back, so this one is still 10 minutes ahead.
    assert_eq!(code(&kam.send(&op).await), "clock_ahead");
    let mut kiara = Laptop::of(&server, "kiara", &[Role::Kam]).await;
    kiara.skew_ms = 4 * 60 * 1000;
    open(&mut kiara, SEEDED_CUSTOMER, "7K3F-000012").await;
}
