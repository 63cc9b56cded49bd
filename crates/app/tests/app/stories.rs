//! Stories of the onboarding told through the use cases, on a real SQLite file.

use chrono::{Duration, NaiveDate};
use nimbo_app::attachments::FileUpload;
use nimbo_app::orders::{self, StepSubmission};
use nimbo_app::{AppError, Nimbo, customers, users};
use nimbo_domain::customer::{CustomerPatch, MasterContractDraft};
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{EntityKind, OperationBody};
use nimbo_domain::order::{FieldValue, OrderStatus, Step};
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_domain::{DomainError, ErrorCode};
use nimbo_testkit::customers::{billed_draft, ruc};
use nimbo_testkit::submissions::simple_path;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::{ADMIN, Env, count, fingerprint, journal_counts};

/// The people of a team, one per role that performs steps.
pub const TEAM: &[(&str, Role)] = &[
    ("pedro", Role::Presales),
    ("laura", Role::Regional),
    ("carlos", Role::Offers),
    ("ana", Role::Kam),
    ("maria", Role::CorporateSupport),
    ("diego", Role::OrderManager),
];

/// Who of the team performs a step.
pub fn performer(step: Step) -> &'static str {
    TEAM.iter()
        .find(|(_, r)| *r == step.role())
        .map(|(u, _)| *u)
        .expect("someone holds every step's role")
}

/// Adds a user with roles.
pub async fn add_user(nimbo: &Nimbo, username: &str, roles: &[Role]) {
    users::add(
        nimbo,
        ADMIN,
        &UserDraft {
            username: username.into(),
            full_name: format!("Usuario {username}"),
            email: None,
            roles: roles.to_vec(),
        },
    )
    .await
    .expect("the user is added");
}

/// Adds the team.
pub async fn add_team(nimbo: &Nimbo) {
    for (username, role) in TEAM {
        add_user(nimbo, username, &[*role]).await;
    }
}

/// A customer with a cycle-15 account and, if asked, a signed master contract.
pub async fn add_customer(nimbo: &Nimbo, base: u32, contract: bool) -> String {
    let ruc_text = ruc(base);
    customers::create(nimbo, "ana", &billed_draft(base, &ruc_text))
        .await
        .expect("the customer is created");
    if contract {
        customers::record_master_contract(
            nimbo,
            "ana",
            &ruc_text,
            &MasterContractDraft {
                signed_on: "2025-03-01".into(),
                reference: "CMS-2025-0001".into(),
            },
        )
        .await
        .expect("the contract is recorded");
    }
    ruc_text
}

/// A team, a ready customer and an order opened for it.
pub async fn team_and_order(env: &Env) -> (String, String) {
    add_team(&env.nimbo).await;
    let ruc_text = add_customer(&env.nimbo, 80_028_061, true).await;
    let order = orders::create(&env.nimbo, "ana", &ruc_text, "AWS para el ERP")
        .await
        .expect("the order opens");
    (ruc_text, order.number)
}

/// Takes an order along the simple path until it waits for `until` (or completes).
pub async fn walk(env: &Env, number: &str, until: Option<Step>, activation: NaiveDate) {
    loop {
        let order = orders::show(&env.nimbo, number)
            .await
            .expect("the order")
            .order;
        let Some(step) = order.current else { return };
        if Some(step) == until {
            return;
        }
        env.advance(60);
        orders::complete_step(
            &env.nimbo,
            performer(step),
            number,
            simple_path(step, activation, env.today()),
        )
        .await
        .unwrap_or_else(|e| panic!("step {step}: {e:?}"));
    }
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[tokio::test(flavor = "current_thread")]
async fn completing_step_22_creates_the_subscription_active_from_the_activation_date_of_step_13() {
    let env = Env::new().await;
    let (ruc_text, number) = team_and_order(&env).await;
    let activation = env.today() - Duration::days(3);
    walk(&env, &number, Some(Step::CloseBackValidation), activation).await;
    env.advance(60 * 24 * 5);
    let page = orders::show(&env.nimbo, &number).await.unwrap();
    assert_eq!(page.order.status, OrderStatus::Open);
    assert!(page.subscription.is_none());
    assert_eq!(count(&env.nimbo, "subscriptions").await, 0);

    let done = orders::complete_step(
        &env.nimbo,
        "maria",
        &number,
        StepSubmission {
            step: Some(Step::CloseBackValidation),
            values: [("closing_note".to_string(), "Todo en orden".to_string())].into(),
            ..StepSubmission::default()
        },
    )
    .await
    .unwrap();

    assert_eq!(done.status, OrderStatus::Completed);
    assert_eq!(done.current, None);
    let page = orders::show(&env.nimbo, &number).await.unwrap();
    let subscription = page.subscription.expect("a subscription");
    assert_eq!(subscription.activation_date, activation);
    assert_ne!(subscription.activation_date, env.today());
    assert_eq!(subscription.order_id, done.id);
    assert_eq!(subscription.subscriber_id, "1-7ABCD12");
    assert_eq!(subscription.billing_account, "200300400");
    assert_eq!(subscription.plans, ["aws", "aws-vip"]);
    assert_eq!(subscription.aws_accounts, ["123456789012"]);
    assert_eq!(count(&env.nimbo, "subscriptions").await, 1);
    let customer = customers::show(&env.nimbo, &ruc_text).await.unwrap();
    assert_eq!(customer.subscriptions, [subscription]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_attached_at_two_steps_is_stored_once_by_its_sha256() {
    let env = Env::new().await;
    let (_, number) = team_and_order(&env).await;
    let today = env.today();
    walk(&env, &number, Some(Step::CustomerSignature), today).await;
    let bytes = b"%PDF-1.7\n% oferta y SOW firmados juntos\n%%EOF\n".to_vec();
    let attachments_before = count(&env.nimbo, "attachments").await;

    for (step, key, name) in [
        (
            Step::CustomerSignature,
            "signed_offer",
            "oferta-firmada.pdf",
        ),
        (Step::Sow, "sow", "sow-firmado.pdf"),
    ] {
        let submission = StepSubmission {
            step: Some(step),
            files: [(
                key.to_string(),
                FileUpload {
                    name: name.into(),
                    bytes: bytes.clone(),
                },
            )]
            .into(),
            ..StepSubmission::default()
        };
        orders::complete_step(&env.nimbo, "ana", &number, submission)
            .await
            .unwrap();
    }

    assert_eq!(
        count(&env.nimbo, "attachments").await,
        attachments_before + 1
    );
    let mut conn = env.nimbo.store().read().await.unwrap();
    let stored: Vec<(String, i64, Vec<u8>)> =
        sqlx::query_as("SELECT sha256, size, content FROM attachments WHERE sha256 = ?")
            .bind(sha256(&bytes))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    drop(conn);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].1, i64::try_from(bytes.len()).unwrap());
    assert_eq!(stored[0].2, bytes);
    let order = orders::show(&env.nimbo, &number).await.unwrap().order;
    for (step, key) in [
        (Step::CustomerSignature, "signed_offer"),
        (Step::Sow, "sow"),
    ] {
        match order.records[&step].values.get(key) {
            Some(FieldValue::File(f)) => {
                assert_eq!(f.sha256, sha256(&bytes));
                assert_eq!(f.media_type, "application/pdf");
            }
            other => panic!("step {step} recorded {other:?}"),
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_refused_step_does_not_leave_its_file_behind() {
    let env = Env::new().await;
    add_team(&env.nimbo).await;
    let without_contract = add_customer(&env.nimbo, 80_028_061, false).await;
    let order = orders::create(&env.nimbo, "ana", &without_contract, "AWS")
        .await
        .unwrap();
    let number = order.number;
    let today = env.today();
    walk(&env, &number, Some(Step::CustomerSignature), today).await;
    let file = |text: &str| FileUpload {
        name: "oferta.pdf".into(),
        bytes: format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes(),
    };
    let signature = |f: FileUpload| StepSubmission {
        step: Some(Step::CustomerSignature),
        files: [("signed_offer".to_string(), f)].into(),
        ..StepSubmission::default()
    };
    let left_behind = |text: &'static str| {
        let nimbo = env.nimbo.clone();
        let sha = sha256(&file(text).bytes);
        async move {
            let mut conn = nimbo.store().read().await.unwrap();
            let n: i64 = sqlx::query_scalar("SELECT count(*) FROM attachments WHERE sha256 = ?")
                .bind(sha)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            n
        }
    };
    let before = fingerprint(&env.nimbo).await;
    let journal = journal_counts(&env.nimbo).await;

    // Refused by the master contract the customer has not signed.
    let e = orders::complete_step(&env.nimbo, "ana", &number, signature(file("sin contrato")))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            AppError::Domain(DomainError::MasterContractMissing { .. })
        ),
        "{e:?}"
    );
    // Refused for who acts.
    let e = orders::complete_step(&env.nimbo, "pedro", &number, signature(file("preventa")))
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::NotAllowed { .. })),
        "{e:?}"
    );
    assert_eq!(fingerprint(&env.nimbo).await, before);
    assert_eq!(journal_counts(&env.nimbo).await, journal);
    assert_eq!(left_behind("sin contrato").await, 0);
    assert_eq!(left_behind("preventa").await, 0);

    customers::record_master_contract(
        &env.nimbo,
        "ana",
        &without_contract,
        &MasterContractDraft {
            signed_on: "2026-11-01".into(),
            reference: "CMS-2026-0007".into(),
        },
    )
    .await
    .unwrap();
    let before = fingerprint(&env.nimbo).await;
    let journal = journal_counts(&env.nimbo).await;

    // Refused for what else was given with the file.
    let mut spoiled = signature(file("campo de más"));
    spoiled.values.insert("nota".into(), "de más".into());
    let e = orders::complete_step(&env.nimbo, "ana", &number, spoiled)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidFields, "{e:?}");
    // Refused because it is not the step the order waits for.
    let e = orders::complete_step(
        &env.nimbo,
        "ana",
        &number,
        StepSubmission {
            step: Some(Step::Sow),
            files: [("sow".to_string(), file("paso equivocado"))].into(),
            ..StepSubmission::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::NotCurrentStep { .. })),
        "{e:?}"
    );
    // Refused because the signed copy is not a PDF.
    let not_pdf = FileUpload {
        name: "oferta.png".into(),
        bytes: b"\x89PNG\r\n\x1a\n una foto de la oferta".to_vec(),
    };
    let not_pdf_sha = sha256(&not_pdf.bytes);
    let e = orders::complete_step(&env.nimbo, "ana", &number, signature(not_pdf))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidFields, "{e:?}");
    assert_eq!(fingerprint(&env.nimbo).await, before);
    assert_eq!(journal_counts(&env.nimbo).await, journal);
    let mut conn = env.nimbo.store().read().await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM attachments WHERE sha256 = ?")
        .bind(not_pdf_sha)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(n, 0, "the picture was left behind");
    assert_eq!(left_behind("campo de más").await, 0);
    assert_eq!(left_behind("paso equivocado").await, 0);

    // Now the file the contract held back is accepted, and stored.
    orders::complete_step(&env.nimbo, "ana", &number, signature(file("sin contrato")))
        .await
        .unwrap();
    assert_eq!(left_behind("sin contrato").await, 1);
    assert_eq!(
        journal_counts(&env.nimbo).await,
        (journal.0 + 1, journal.1 + 1)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn tasks_are_the_open_orders_waiting_for_the_users_roles_oldest_waiting_first() {
    let env = Env::new().await;
    let nimbo = &env.nimbo;
    add_team(nimbo).await;
    add_user(nimbo, "pluri", &[Role::Kam, Role::Presales]).await;
    add_user(nimbo, "nadie", &[]).await;
    let ruc_text = add_customer(nimbo, 80_028_061, true).await;
    let today = env.today();
    let mut opened = Vec::new();
    for title in ["A", "B", "C", "D", "E", "F"] {
        env.advance(10);
        let order = orders::create(nimbo, "ana", &ruc_text, title)
            .await
            .unwrap();
        opened.push(order.number);
    }
    let [a, b, c, d, e, f] = <[String; 6]>::try_from(opened).unwrap();
    // C reaches the signature (KAM) before B; E goes on to the SOW (KAM) after both.
    walk(&env, &c, Some(Step::CustomerSignature), today).await;
    walk(&env, &b, Some(Step::CustomerSignature), today).await;
    walk(&env, &e, Some(Step::Sow), today).await;
    // D is cancelled, F goes to corporate support.
    env.advance(10);
    orders::cancel(nimbo, "ana", &d, "el cliente desistió")
        .await
        .unwrap();
    walk(&env, &f, Some(Step::DocumentValidation), today).await;

    let numbers = |list: orders::OrderList| -> Vec<String> {
        list.orders.into_iter().map(|o| o.number).collect()
    };

    let kam = orders::tasks(nimbo, "ana", 50, 0).await.unwrap();
    assert_eq!(kam.total, 3);
    assert!(
        kam.orders
            .iter()
            .all(|o| o.current_role.as_deref() == Some("kam") && o.status == "open")
    );
    assert!(
        kam.orders
            .windows(2)
            .all(|w| w[0].step_since <= w[1].step_since)
    );
    assert_eq!(numbers(kam), [c.clone(), b.clone(), e.clone()]);

    let presales = orders::tasks(nimbo, "pedro", 50, 0).await.unwrap();
    assert_eq!(numbers(presales), std::slice::from_ref(&a));

    let both = orders::tasks(nimbo, "pluri", 50, 0).await.unwrap();
    assert_eq!(both.total, 4);
    assert_eq!(numbers(both), [a, c.clone(), b.clone(), e]);

    let page = orders::tasks(nimbo, "pluri", 2, 1).await.unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(numbers(page), [c, b]);

    let support = orders::tasks(nimbo, "maria", 50, 0).await.unwrap();
    assert_eq!(numbers(support), [f]);

    let offers = orders::tasks(nimbo, "carlos", 50, 0).await.unwrap();
    assert_eq!(offers.total, 0);
    assert!(offers.orders.is_empty());

    let none = orders::tasks(nimbo, "nadie", 50, 0).await.unwrap();
    assert_eq!(none.total, 0);
    assert!(none.orders.is_empty());

    let e = orders::tasks(nimbo, "nobody", 50, 0).await.unwrap_err();
    assert!(matches!(e, AppError::UnknownUser { .. }), "{e:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_last_administrator_keeps_the_admin_role() {
    let env = Env::new().await;
    let nimbo = &env.nimbo;
    let journal = journal_counts(nimbo).await;
    let state = fingerprint(nimbo).await;
    let e = users::set_role(nimbo, ADMIN, ADMIN, Role::Admin, false)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::LastAdmin { ref username }) if username == ADMIN),
        "{e:?}"
    );
    assert_eq!(e.code(), ErrorCode::LastAdmin);
    let e = users::set_active(nimbo, ADMIN, ADMIN, false)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::LastAdmin { .. })),
        "{e:?}"
    );
    assert_eq!(journal_counts(nimbo).await, journal);
    assert_eq!(fingerprint(nimbo).await, state);

    // A second administrator lets the first give the role up; then the second is the
    // last, for a deactivated administrator does not count.
    add_user(nimbo, "segunda", &[Role::Admin]).await;
    add_user(nimbo, "tercera", &[Role::Admin]).await;
    users::set_active(nimbo, ADMIN, "tercera", false)
        .await
        .unwrap();
    users::set_role(nimbo, ADMIN, ADMIN, Role::Admin, false)
        .await
        .unwrap();
    let journal = journal_counts(nimbo).await;
    let e = users::set_role(nimbo, "segunda", "segunda", Role::Admin, false)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::LastAdmin { .. })),
        "{e:?}"
    );
    let e = users::set_active(nimbo, "segunda", "segunda", false)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Domain(DomainError::LastAdmin { .. })),
        "{e:?}"
    );
    assert_eq!(journal_counts(nimbo).await, journal);
    let segunda = users::show(nimbo, "segunda").await.unwrap();
    assert!(segunda.active && segunda.roles.contains(&Role::Admin));
}

async fn last_outbox_body(nimbo: &Nimbo) -> OperationBody {
    let mut conn = nimbo.store().read().await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM outbox ORDER BY rowid DESC LIMIT 1")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    serde_json::from_str(&body).unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn a_customer_edit_sends_only_the_changed_fields_and_an_edit_that_changes_nothing_writes_nothing()
 {
    let env = Env::new().await;
    let nimbo = &env.nimbo;
    add_team(nimbo).await;
    let ruc_text = add_customer(nimbo, 80_028_061, true).await;
    let customer = customers::show(nimbo, &ruc_text).await.unwrap().customer;
    let (audit, outbox) = journal_counts(nimbo).await;
    env.advance(5);

    let edited = customers::edit(
        nimbo,
        "maria",
        &ruc_text,
        &CustomerPatch {
            name: Some("Cliente Nuevo S.A.".into()),
            segment: Some("Corporativo".into()),
            billing_cycle: Some("15".into()),
            ..CustomerPatch::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(edited.name, "Cliente Nuevo S.A.");
    assert_eq!(journal_counts(nimbo).await, (audit + 1, outbox + 1));
    match last_outbox_body(nimbo).await {
        OperationBody::Fields {
            entity,
            entity_id,
            changes,
        } => {
            assert_eq!(entity, EntityKind::Customer);
            assert_eq!(entity_id, customer.id);
            assert_eq!(changes.len(), 1, "{changes:?}");
            assert_eq!(changes[0].field, "name");
            assert_eq!(changes[0].old, json!(customer.name));
            assert_eq!(changes[0].new, json!("Cliente Nuevo S.A."));
        }
        other => panic!("not a per-field edit: {other:?}"),
    }

    // The same values again, however typed, change nothing and write nothing.
    let state = fingerprint(nimbo).await;
    let journal = journal_counts(nimbo).await;
    env.advance(5);
    for patch in [
        CustomerPatch::default(),
        CustomerPatch {
            name: Some("  Cliente Nuevo S.A. ".into()),
            segment: Some("corporate".into()),
            address: None,
            billing_account: Some("200300400".into()),
            billing_cycle: Some("015".into()),
        },
    ] {
        let same = customers::edit(nimbo, "maria", &ruc_text, &patch)
            .await
            .unwrap();
        assert_eq!(same.name, "Cliente Nuevo S.A.");
        assert_eq!(journal_counts(nimbo).await, journal);
        assert_eq!(fingerprint(nimbo).await, state);
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_hlc_of_successive_operations_strictly_increases_when_the_clock_stands_still_or_goes_back()
 {
    let env = Env::new().await;
    let nimbo = &env.nimbo;
    // The clock stands still for all of this…
    add_team(nimbo).await;
    let ruc_text = add_customer(nimbo, 80_028_061, true).await;
    let number = orders::create(nimbo, "ana", &ruc_text, "AWS")
        .await
        .unwrap()
        .number;
    let today = env.today();
    let step = |s: Step| simple_path(s, today, today);
    orders::complete_step(nimbo, "pedro", &number, step(Step::NeedsSurvey))
        .await
        .unwrap();
    // …then goes back two hours…
    env.advance(-120);
    orders::complete_step(nimbo, "pedro", &number, step(Step::ApnOpportunity))
        .await
        .unwrap();
    add_user(nimbo, "nuevo", &[Role::Kam]).await;
    // …further back by a day…
    env.advance(-60 * 24);
    orders::complete_step(nimbo, "pedro", &number, step(Step::Offer))
        .await
        .unwrap();
    // …and forward again, not yet to where it was.
    env.advance(60);
    users::set_role(nimbo, ADMIN, "nuevo", Role::Presales, true)
        .await
        .unwrap();

    let mut conn = nimbo.store().read().await.unwrap();
    let stamps: Vec<String> = sqlx::query_scalar("SELECT hlc FROM outbox ORDER BY rowid")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert!(stamps.len() >= 15, "{stamps:?}");
    let parsed: Vec<Hlc> = stamps.iter().map(|s| s.parse().unwrap()).collect();
    for (i, pair) in parsed.windows(2).enumerate() {
        assert!(
            pair[0] < pair[1],
            "operation {i}: {} then {}",
            pair[0],
            pair[1]
        );
        assert!(stamps[i] < stamps[i + 1], "the text form sorts too");
    }
    let first_wall = parsed[0].wall_ms;
    assert!(
        parsed.iter().all(|h| h.wall_ms == first_wall),
        "the clock never passed its first reading"
    );
    assert!(parsed.iter().all(|h| h.node == parsed[0].node));
    let verification = nimbo_app::audit::verify(nimbo).await.unwrap();
    assert!(verification.broken.is_none(), "{:?}", verification.broken);
}

#[tokio::test(flavor = "current_thread")]
async fn an_orders_history_is_in_the_order_things_happened_even_when_the_clock_went_back() {
    let env = Env::new().await;
    let nimbo = &env.nimbo;
    add_team(nimbo).await;
    let ruc_text = add_customer(nimbo, 80_028_061, true).await;
    let number = orders::create(nimbo, "ana", &ruc_text, "AWS")
        .await
        .unwrap()
        .number;
    let today = env.today();
    orders::complete_step(
        nimbo,
        "pedro",
        &number,
        simple_path(Step::NeedsSurvey, today, today),
    )
    .await
    .unwrap();
    // The laptop's clock is corrected back by two hours (the HLC exists for this).
    env.advance(-120);
    orders::complete_step(
        nimbo,
        "pedro",
        &number,
        simple_path(Step::ApnOpportunity, today, today),
    )
    .await
    .unwrap();

    let history = orders::history(nimbo, &number).await.unwrap();
    let seqs: Vec<i64> = history
        .iter()
        .filter_map(|e| match e.origin {
            nimbo_domain::history::Origin::Here { seq, .. } => Some(seq),
            nimbo_domain::history::Origin::Replayed { .. } => None,
        })
        .collect();
    assert_eq!(seqs.len(), history.len(), "every entry was made here");
    let mut sorted = seqs.clone();
    sorted.sort_unstable();
    assert_eq!(
        seqs,
        sorted,
        "history {:?}",
        history
            .iter()
            .map(|e| (e.hlc.as_str(), e.action.as_str()))
            .collect::<Vec<_>>()
    );
}
