//! Two laptops and one sync server on the test PostgreSQL (`NIMBO_TEST_DATABASE_URL`;
//! `scripts/test` starts one). The administrator's laptop sets up the organisation and
//! the team and syncs; the server's administrator gives them passwords; the KAM's laptop
//! starts empty, signs in, and the pull brings the organisation, the team and the work;
//! work done on each laptop offline reaches the other after both sync; the same step
//! completed on two laptops offline is applied once and refused once, with the reason.

use nimbo_app::sync;
use nimbo_app::{AppError, Nimbo, customers, orders};
use nimbo_domain::order::Step;
use sqlx::PgPool;

use crate::stories::{add_customer, add_team, performer};
use crate::support::{ADMIN, Env, simple_path};

const PASSWORD: &str = "clave-de-prueba-123";

/// The sync server on a fresh database of the test PostgreSQL, or `None` (with a notice)
/// when there is none outside CI.
async fn server() -> Option<(String, PgPool)> {
    let Ok(url) = std::env::var("NIMBO_TEST_DATABASE_URL") else {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "NIMBO_TEST_DATABASE_URL is not set: the sync stories need a PostgreSQL \
             (scripts/test starts one; by hand: ./scripts/with-postgres cargo test -p nimbo-app)"
        );
        eprintln!("notice: sync stories skipped: NIMBO_TEST_DATABASE_URL is not set");
        return None;
    };
    let server = nimbo_server::throwaway::start(&url, b"the sync stories' token secret, 32+ bytes")
        .await
        .expect("a sync server on the test PostgreSQL");
    Some((server.base, server.pool))
}

/// The server's administrator, before anyone syncs.
async fn server_admin(pool: &PgPool) {
    nimbo_server::users::add(
        pool,
        &nimbo_domain::user::UserDraft {
            username: ADMIN.into(),
            full_name: "Administradora".into(),
            email: None,
            roles: [nimbo_domain::role::Role::Admin].into(),
        },
        PASSWORD,
        chrono::Utc::now(),
    )
    .await
    .expect("the administrator on the server");
}

async fn step(nimbo: &Nimbo, env: &Env, number: &str, step: Step) -> Result<(), AppError> {
    env.advance(5);
    orders::complete_step(
        nimbo,
        performer(step),
        number,
        simple_path(step, env.today(), env.today()),
    )
    .await
    .map(|_| ())
}

async fn current(nimbo: &Nimbo, number: &str) -> Option<Step> {
    orders::show(nimbo, number)
        .await
        .expect("the order")
        .order
        .current
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_advanced_offline_on_one_laptop_appears_on_the_other_after_both_sync() {
    let Some((base, pool)) = server().await else {
        return;
    };
    server_admin(&pool).await;

    // The administrator's laptop: the organisation and the team, then the first sync.
    let office = Env::new().await;
    add_team(&office.nimbo).await;
    sync::login(&office.nimbo, &base, ADMIN, PASSWORD)
        .await
        .expect("the administrator connects");
    let first = sync::sync(&office.nimbo).await.expect("the first sync");
    assert_eq!(
        (first.applied, first.refused, first.deferred),
        (7, 0, 0),
        "the organisation and six users reach the server: {first:?}"
    );
    for (username, _) in crate::stories::TEAM {
        nimbo_server::users::set_password(&pool, username, PASSWORD, chrono::Utc::now())
            .await
            .expect("a password for the team");
    }

    // The KAM's laptop starts empty and gets everything from the server.
    let kam = Env::blank().await;
    sync::login(&kam.nimbo, &base, "ana", PASSWORD)
        .await
        .expect("the KAM connects");
    let pulled = sync::sync(&kam.nimbo).await.expect("the KAM's first sync");
    assert_eq!(pulled.pulled, 7, "{pulled:?}");
    assert!(nimbo_app::users::show(&kam.nimbo, "diego").await.is_ok());

    // Offline, the KAM records a customer and opens an order.
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    let order = orders::create(&kam.nimbo, "ana", &ruc, "AWS para el ERP")
        .await
        .expect("the order opens")
        .number;
    let sent = sync::sync(&kam.nimbo).await.expect("the KAM syncs");
    assert_eq!((sent.applied, sent.refused), (3, 0), "{sent:?}");

    // The pre-sales engineer works on the administrator's laptop? No: each laptop acts
    // as the one who signed in. The administrator's laptop pulls the KAM's work.
    let seen = sync::sync(&office.nimbo).await.expect("the office syncs");
    assert_eq!(seen.pulled, 3, "{seen:?}");
    assert_eq!(
        current(&office.nimbo, &order).await,
        Some(Step::NeedsSurvey)
    );
    let customer = customers::show(&office.nimbo, &ruc)
        .await
        .expect("the customer");
    assert!(customer.customer.has_master_contract());

    // Pre-sales signs in on a third laptop, pulls, advances the order offline, syncs.
    let presales = Env::blank().await;
    sync::login(&presales.nimbo, &base, "pedro", PASSWORD)
        .await
        .expect("pre-sales connects");
    sync::sync(&presales.nimbo).await.expect("pre-sales pulls");
    for s in [Step::NeedsSurvey, Step::ApnOpportunity, Step::Offer] {
        step(&presales.nimbo, &presales, &order, s)
            .await
            .expect("pre-sales' steps");
    }
    let up = sync::sync(&presales.nimbo).await.expect("pre-sales syncs");
    assert_eq!((up.applied, up.refused), (3, 0), "{up:?}");

    // The KAM's laptop sees the order waiting for the KAM at step 9.
    sync::sync(&kam.nimbo).await.expect("the KAM syncs again");
    assert_eq!(
        current(&kam.nimbo, &order).await,
        Some(Step::CustomerSignature)
    );
    let status = sync::status(&kam.nimbo).await.expect("the status");
    assert_eq!((status.pending, status.unaccepted), (0, 0), "{status:?}");
    assert!(status.last_sync_at.is_some() && status.last_error.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_step_completed_on_two_laptops_offline_is_applied_once_and_refused_once() {
    let Some((base, pool)) = server().await else {
        return;
    };
    server_admin(&pool).await;
    let office = Env::new().await;
    add_team(&office.nimbo).await;
    sync::login(&office.nimbo, &base, ADMIN, PASSWORD)
        .await
        .expect("connects");
    sync::sync(&office.nimbo).await.expect("first sync");
    for (username, _) in crate::stories::TEAM {
        nimbo_server::users::set_password(&pool, username, PASSWORD, chrono::Utc::now())
            .await
            .expect("a password");
    }
    let kam = Env::blank().await;
    sync::login(&kam.nimbo, &base, "ana", PASSWORD)
        .await
        .expect("connects");
    sync::sync(&kam.nimbo).await.expect("pulls");
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    let order = orders::create(&kam.nimbo, "ana", &ruc, "AWS para el ERP")
        .await
        .expect("opens")
        .number;
    sync::sync(&kam.nimbo).await.expect("sends");

    // Two pre-sales laptops (the same engineer, two machines) both pull, then both
    // complete step 1 offline.
    let (one, two) = (Env::blank().await, Env::blank().await);
    for laptop in [&one, &two] {
        sync::login(&laptop.nimbo, &base, "pedro", PASSWORD)
            .await
            .expect("connects");
        sync::sync(&laptop.nimbo).await.expect("pulls");
        step(&laptop.nimbo, laptop, &order, Step::NeedsSurvey)
            .await
            .expect("step 1 offline");
    }
    let first = sync::sync(&one.nimbo).await.expect("the first to sync");
    assert_eq!((first.applied, first.refused), (1, 0), "{first:?}");
    let second = sync::sync(&two.nimbo).await;
    let refused = sync::unaccepted(&two.nimbo).await.expect("the refusals");
    assert_eq!(refused.len(), 1, "{second:?}");
    assert_eq!(refused[0].state, "refused");
    let message = refused[0].answer["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        !message.is_empty(),
        "the refusal says why: {:?}",
        refused[0].answer
    );
}
