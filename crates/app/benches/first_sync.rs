//! A new laptop's first sync (BENCHMARKS.md §6): how many operations per second an empty
//! laptop replays when it pulls a large organisation from the sync server.
//!
//! Needs a PostgreSQL: `NIMBO_TEST_DATABASE_URL` names a database whose server lets the
//! bench create databases beside it. The usual way:
//!
//! ```sh
//! ./scripts/with-postgres cargo bench -p nimbo-app --bench first_sync
//! ```
//!
//! The organisation is made as it is in an office: the administrator's laptop sets it up
//! with one KAM who also does pre-sales and syncs; the KAM's laptop joins, then records
//! per customer a `CreateCustomer`, an `OpenOrder` and steps 1 and 2 through the use cases
//! (each change one transaction with its audit event and outbox operation) and pushes them
//! — [`CUSTOMERS`] customers, 4 operations each. Then, [`REPS`] times, a fresh empty
//! laptop signs in and runs `sync::sync` — a push of nothing and the pull of every
//! operation, replayed through the domain's `operation::apply` into its own SQLite file —
//! timed from the call to its return. Beside it, the same pages fetched and decoded by the
//! laptop's client alone (no replay), to tell the transfer from the replay.
//!
//! Prints min / median / max of operations replayed per second, and the transfer's share.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use nimbo_app::orders;
use nimbo_app::organisation::{self, Setup};
use nimbo_app::{Nimbo, customers, sync, users};
use nimbo_domain::order::Step;
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_testkit::customers::{draft, ruc};
use nimbo_testkit::server::{DATABASE_VARIABLE, Throwaway};
use nimbo_testkit::submissions::simple_path;

const ADMIN: &str = "admin";
const KAM: &str = "karina.duarte";
const PASSWORD: &str = "clave-del-benchmark-123";
const SECRET: &[u8] = b"the first-sync benchmark's token secret, 32+ bytes";
/// Customers recorded by the KAM's laptop; 4 operations each.
const CUSTOMERS: u32 = 5_000;
/// Empty laptops timed.
const REPS: usize = 3;
/// The laptop's pull page (crates/app/src/sync/pull.rs).
const PAGE: i64 = 500;

fn main() {
    let Ok(url) = std::env::var(DATABASE_VARIABLE) else {
        eprintln!(
            "{} is not set: the first-sync benchmark needs a PostgreSQL.\n\
             Run: ./scripts/with-postgres cargo bench -p nimbo-app --bench first_sync",
            DATABASE_VARIABLE
        );
        std::process::exit(2);
    };
    // `cargo bench` passes `--bench`; nothing else is read.
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(run(&url));
}

async fn run(url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let server = nimbo_testkit::server::start(url, SECRET).await.unwrap();
    let total = organisation_on(&server, dir.path()).await;
    println!("first sync: the server holds {total} operations");

    let mut rates = Vec::new();
    let mut transfers = Vec::new();
    for rep in 0..REPS {
        let transfer = transfer(&server).await;
        let path = dir.path().join(format!("empty-{rep}.sqlite"));
        let laptop = Nimbo::open(&path).await.unwrap();
        sync::login(&laptop, &server.base, KAM, PASSWORD)
            .await
            .unwrap();
        let started = Instant::now();
        let report = sync::sync(&laptop).await.unwrap();
        let took = started.elapsed();
        assert_eq!(
            i64::try_from(report.pulled).unwrap(),
            total,
            "every operation replayed"
        );
        let rate = report.pulled as f64 / took.as_secs_f64();
        println!(
            "  run {}: {} operations in {:.2} s = {:.0} ops/s (transfer and decoding alone: {:.2} s, {:.0}%)",
            rep + 1,
            report.pulled,
            took.as_secs_f64(),
            rate,
            transfer.as_secs_f64(),
            100.0 * transfer.as_secs_f64() / took.as_secs_f64()
        );
        rates.push(rate);
        transfers.push(transfer.as_secs_f64() / took.as_secs_f64());
        laptop.close().await;
    }
    rates.sort_by(f64::total_cmp);
    transfers.sort_by(f64::total_cmp);
    println!(
        "first sync of {total} operations on an empty laptop: min {:.0} / median {:.0} / max {:.0} ops/s; transfer and decoding {:.0}% of the time (median)",
        rates[0],
        rates[rates.len() / 2],
        rates[rates.len() - 1],
        100.0 * transfers[transfers.len() / 2]
    );
}

/// The office's organisation on the server: set up by the administrator, then
/// [`CUSTOMERS`] customers with an order at step 3 recorded and pushed by the KAM's laptop.
/// Returns how many operations the server holds.
async fn organisation_on(server: &Throwaway, dir: &Path) -> i64 {
    server
        .add_user(ADMIN, "Administradora", &[Role::Admin], PASSWORD)
        .await
        .unwrap();
    let office = Nimbo::open(&dir.join("office.sqlite")).await.unwrap();
    organisation::init(
        &office,
        &Setup {
            org_name: "Telecom Paraguay B2B Cloud".into(),
            org_ruc: ruc(80028061),
            admin_username: ADMIN.into(),
            admin_full_name: "Administradora".into(),
            admin_email: None,
            logo: None,
        },
    )
    .await
    .unwrap();
    users::add(
        &office,
        ADMIN,
        &UserDraft {
            username: KAM.into(),
            full_name: "Karina Duarte".into(),
            email: None,
            roles: vec![Role::Kam, Role::Presales],
        },
    )
    .await
    .unwrap();
    sync::login(&office, &server.base, ADMIN, PASSWORD)
        .await
        .unwrap();
    sync::sync(&office).await.unwrap();
    office.close().await;
    server.set_password(KAM, PASSWORD).await.unwrap();

    let kam = Nimbo::open(&dir.join("kam.sqlite")).await.unwrap();
    sync::login(&kam, &server.base, KAM, PASSWORD)
        .await
        .unwrap();
    sync::sync(&kam).await.unwrap();
    let today = chrono::Utc::now().date_naive();
    let started = Instant::now();
    for i in 0..CUSTOMERS {
        let ruc = ruc(1_000_000 + i);
        customers::create(&kam, KAM, &draft(i, &ruc)).await.unwrap();
        let order = orders::create(&kam, KAM, &ruc, "Migración a AWS")
            .await
            .unwrap();
        // Steps 1 and 2 take text only: the dates are not read.
        for step in [Step::NeedsSurvey, Step::ApnOpportunity] {
            let submission = simple_path(step, today, today);
            orders::complete_step(&kam, KAM, &order.number, submission)
                .await
                .unwrap();
        }
    }
    println!(
        "first sync: {} customers, orders and steps 1–2 recorded on the KAM's laptop in {:.1} s",
        CUSTOMERS,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let pushed = sync::sync(&kam).await.unwrap();
    println!(
        "first sync: {} operations pushed in {:.1} s",
        pushed.applied,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(pushed.refused + pushed.conflicts, 0, "all applied");
    let report = sync::status(&kam).await.unwrap();
    kam.close().await;
    report.pulled_through
}

/// Every page fetched and decoded by the laptop's client alone, as the pull asks for them.
async fn transfer(server: &Throwaway) -> Duration {
    let client = nimbo_sync::client::Client::new(&server.base).unwrap();
    let (client, _) = client.sign_in(KAM, PASSWORD).await.unwrap();
    let started = Instant::now();
    let mut after = 0;
    loop {
        let page = client.pull(after, PAGE).await.unwrap();
        if page.operations.is_empty() {
            break;
        }
        after = page.next_after;
    }
    started.elapsed()
}
