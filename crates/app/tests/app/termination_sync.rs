//! Two laptops at a termination's three authorisations, through a real sync server on the
//! test PostgreSQL (`NIMBO_TEST_DATABASE_URL`): the credit manager authorises offline
//! while the sales manager refuses on another laptop and syncs first. One wins; the other
//! is told why — a specific code and a message saying what happened and what to do — and
//! its laptop holds the process as the server does.

use chrono::Duration;
use nimbo_app::attachments::FileUpload;
use nimbo_app::billing::invoices::{self, InvoiceDraft};
use nimbo_app::processes::{self, ProcessSubmission};
use nimbo_app::{orders, sync};
use nimbo_domain::role::Role;
use nimbo_domain::{ErrorCode, Lang};
use nimbo_testkit::server::set_passwords;

use crate::stories::add_user;
use crate::support::Env;
use crate::sync::{laptop_of, office_synced, server};

/// One person holding every role of the onboarding and the termination's early steps:
/// the story is about the authorisations, not about who did the rest.
const EVERYONE: &str = "tomas";
const CREDIT: &str = "carmen";
const SALES_MANAGER: &str = "gustavo";

/// On `env`'s laptop, signed in as [`EVERYONE`]: a customer, its order taken to the end
/// (the subscription), an unpaid invoice of its account, and a termination the customer
/// will not pay, waiting for the three authorisations. Returns the termination's number.
async fn termination_waiting_for_authorisations(env: &Env) -> String {
    let (_, number) = env.onboarded(EVERYONE, 80_028_061, 40).await;
    let subscription = orders::show(&env.nimbo, &number)
        .await
        .expect("the order")
        .subscription
        .expect("the subscription");
    let due = env.today() - Duration::days(5);
    invoices::record(
        &env.nimbo,
        EVERYONE,
        &InvoiceDraft {
            number: "001-001-0004567".into(),
            billing_account: subscription.billing_account.clone(),
            issued_on: (due - Duration::days(10)).to_string(),
            due_on: due.to_string(),
            amount: "1250.00".into(),
        },
    )
    .await
    .expect("the invoice");
    let letter = FileUpload::from_bytes(
        "carta-baja.pdf",
        b"%PDF-1.4\n% carta de baja firmada\n%%EOF\n".to_vec(),
    )
    .expect("the letter");
    let termination = processes::request_termination(
        &env.nimbo,
        EVERYONE,
        &subscription.subscriber_id,
        env.today() + Duration::days(45),
        &[],
        &[],
        &letter,
    )
    .await
    .expect("the request");
    let number = termination.number().to_string();
    processes::complete_step(
        &env.nimbo,
        EVERYONE,
        &number,
        &ProcessSubmission {
            values: [("leaves_debt".to_string(), "sí".to_string())].into(),
            ..ProcessSubmission::default()
        },
    )
    .await
    .expect("the verification: the customer will not pay");
    number
}

async fn waits_for(env: &Env, number: &str) -> String {
    processes::show(&env.nimbo, number, Lang::Es)
        .await
        .expect("the process")
        .open_step
        .map(|s| s.key)
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_person_authorises_offline_while_another_refuses_the_same_step_one_wins_the_other_is_told_why()
 {
    let Some(server) = server().await else {
        return;
    };
    let office = office_synced(&server).await;
    let mut all_roles: Vec<Role> = Role::ALL.to_vec();
    all_roles.retain(|r| *r != Role::Admin);
    add_user(&office.nimbo, EVERYONE, &all_roles).await;
    add_user(&office.nimbo, CREDIT, &[Role::CreditManager]).await;
    add_user(&office.nimbo, SALES_MANAGER, &[Role::SalesManager]).await;
    sync::sync(&office.nimbo)
        .await
        .expect("the people reach the server");
    set_passwords(&server, [EVERYONE, CREDIT, SALES_MANAGER]).await;

    let desk = laptop_of(&server, EVERYONE).await;
    let number = termination_waiting_for_authorisations(&desk).await;
    let sent = sync::sync(&desk.nimbo)
        .await
        .expect("the termination is sent");
    assert_eq!(sent.refused, 0, "{sent:?}");

    // Both laptops pull the termination waiting at the authorisations.
    let credit = laptop_of(&server, CREDIT).await;
    let manager = laptop_of(&server, SALES_MANAGER).await;
    assert_eq!(waits_for(&credit, &number).await, "authorisation");
    assert_eq!(waits_for(&manager, &number).await, "authorisation");

    // Offline, the credit manager authorises; the sales manager refuses, and syncs first.
    credit.advance(30);
    processes::decide(
        &credit.nimbo,
        CREDIT,
        &number,
        "credit_manager",
        true,
        "Deuda en gestión de cobro",
    )
    .await
    .expect("authorised offline");
    assert_eq!(waits_for(&credit, &number).await, "authorisation");
    manager.advance(10);
    processes::decide(
        &manager.nimbo,
        SALES_MANAGER,
        &number,
        "sales_manager",
        false,
        "El cliente puede pagar: que pague primero",
    )
    .await
    .expect("refused on the other laptop");
    let first = sync::sync(&manager.nimbo).await.expect("the first to sync");
    assert_eq!((first.applied, first.refused), (1, 0), "{first:?}");

    // The credit manager syncs: her authorisation is refused with its own code and a
    // message that says who took the step, what became of the process and what to do.
    let _ = sync::sync(&credit.nimbo).await;
    let refused = sync::unaccepted(&credit.nimbo).await.expect("the refusals");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].state, "refused");
    assert_eq!(
        refused[0].answer["code"],
        ErrorCode::StepTakenMeanwhile.as_str(),
        "{:?}",
        refused[0].answer
    );
    let message = refused[0].answer["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with(&format!(
            "Mientras usted trabajaba, {SALES_MANAGER} ya rechazó el paso 3 «Autorización de baja con deuda» el "
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "{number} ahora espera el paso 2 «Verificación». Lo que usted registró en ese paso no se guardó"
        )),
        "{message}"
    );

    // Her laptop holds the process as the server does: back at the KAM's verification,
    // with the sales manager's refusal and without her authorisation.
    assert_eq!(waits_for(&credit, &number).await, "verification");
    let there = processes::show(&manager.nimbo, &number, Lang::Es)
        .await
        .expect("the process");
    let here = processes::show(&credit.nimbo, &number, Lang::Es)
        .await
        .expect("the process");
    assert_eq!(
        serde_json::to_value(&here.steps).expect("json"),
        serde_json::to_value(&there.steps).expect("json")
    );
    let again = sync::sync(&credit.nimbo).await.expect("a quiet sync");
    assert_eq!(again.refused, 0, "{again:?}");
}
