//! «Mis tareas» over 100,000 orders and 10,000 subscriptions in open terminations,
//! suspensions and reconnections: its first page, as the desktop app asks for it.
//!
//! Run: `cargo bench -p nimbo-app --bench tasks` (figures go to BENCHMARKS.md §10).
//!
//! The database is built once and cached at `target/bench-data/tasks-100000.sqlite`:
//! `demo::fill` (100,000 orders, seed 2026) on a clock standing 30 days before
//! [`MEASURED_AT`], then [`service_life::fill`] puts 10,000 of its subscriptions into
//! processes through the app's use cases. It is rebuilt when missing or when a copy no
//! longer reads with this build. Every run works on a scratch copy, opened on a clock
//! standing at [`MEASURED_AT`], so the same waits are overdue on every run.
//!
//! The screen «Mis tareas» asks two commands at once when it opens: `my_tasks` (the
//! orders waiting for the user's roles, longest waiting first, page of 50 with its total)
//! and `process_tasks` (the process waits, oldest first, page of 50 with its total). Their
//! use cases are `views::orders::tasks` and `views::processes::tasks`; the benchmark calls
//! them as the commands do, for a user of each role, apart and both at once
//! (`tokio::join!`, what the screen waits for). Each group ends by printing the
//! distribution of single calls (min, p50, p95, p99, max), as the onboarding bench does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/cached.rs"]
mod cached;
#[path = "../common/calls.rs"]
mod calls;
mod service_life;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use cached::{cached, scratch};
use calls::{record, report};
use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use nimbo_app::views::{orders as order_views, processes as process_views};
use nimbo_app::{FixedClock, Nimbo, demo};
use nimbo_domain::Lang;
use nimbo_store::Store;
use tokio::runtime::Runtime;

const ORDERS: usize = 100_000;
const SEED: u64 = 2026;
const PAGE: u32 = 50;

/// The instant «Mis tareas» is read at: Tuesday 1 December 2026, noon in Asunción.
fn measured_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0)
        .single()
        .expect("a valid instant")
}

/// A user of each role whose «Mis tareas» is measured.
const USERS: &[(&str, &str)] = &[
    ("kam", "ana.duarte"),
    ("service_executive", "sofia.ramirez"),
    ("credit_manager", "ricardo.ortiz"),
    ("order_manager", "diego.rojas"),
    ("corporate_support", "maria.gonzalez"),
];

struct Env {
    rt: Runtime,
    nimbo: Nimbo,
}

async fn open_at(path: &Path, at: DateTime<Utc>) -> (Nimbo, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(at));
    let store = Store::open(path).await.expect("open the database");
    (Nimbo::with_clock(store, clock.clone()), clock)
}

/// Whether a copy of the cached database reads with this build: every user's «Mis
/// tareas».
fn readable(rt: &Runtime, probe: &Path) -> bool {
    rt.block_on(async {
        let Ok(store) = Store::open(probe).await else {
            return false;
        };
        let nimbo = Nimbo::with_clock(store, Arc::new(FixedClock::new(measured_at())));
        let mut ok = true;
        for (_, user) in USERS {
            ok &= process_views::tasks(&nimbo, user, (PAGE, 0), Lang::Es)
                .await
                .is_ok();
            ok &= order_views::tasks(&nimbo, user, (50, 0), None, Lang::Es)
                .await
                .is_ok();
        }
        nimbo.close().await;
        ok
    })
}

/// The demonstration's 100,000 orders and its service's life, written into `building`.
fn build(rt: &Runtime, building: &Path) {
    rt.block_on(async {
        let (nimbo, clock) = open_at(building, measured_at() - chrono::Duration::days(30)).await;
        eprintln!("building {} with {ORDERS} demo orders…", building.display());
        let started = Instant::now();
        let summary = demo::fill(&nimbo, ORDERS, SEED).await.expect("demo fill");
        assert_eq!(summary.orders, ORDERS);
        eprintln!("demo built in {:.1} s", started.elapsed().as_secs_f64());
        let subs = {
            let mut conn = nimbo.store().read().await.expect("conn");
            nimbo_store::subscriptions::all(&mut conn)
                .await
                .expect("subscriptions")
        };
        let started = Instant::now();
        let made = service_life::fill(&nimbo, &clock, &subs, measured_at(), SEED)
            .await
            .expect("the service's life");
        eprintln!(
            "service life: {} of {} subscriptions in {} processes, {} invoices, {} acts through the use cases in {:.1} s",
            made.subscriptions,
            subs.len(),
            made.processes,
            made.invoices,
            made.acts,
            started.elapsed().as_secs_f64()
        );
        nimbo.close().await;
    });
}

/// The cached database, built if missing or stale.
fn cached_db(rt: &Runtime) -> PathBuf {
    cached(
        &format!("tasks-{ORDERS}"),
        |probe| readable(rt, probe),
        |building| build(rt, building),
    )
}

/// A scratch copy of the cached database, opened at [`measured_at`]; made once per run.
fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let scratch = scratch(&cached_db(&rt), "tasks-scratch");
        let (nimbo, _) = rt.block_on(open_at(&scratch, measured_at()));
        describe(&rt, &nimbo);
        Env { rt, nimbo }
    })
}

/// Prints what the database holds: processes by kind, status and step, and waits by role.
fn describe(rt: &Runtime, nimbo: &Nimbo) {
    rt.block_on(async {
        let mut conn = nimbo.store().read().await.expect("conn");
        let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql);
        let orders = count("SELECT count(*) FROM orders")
            .fetch_one(&mut *conn)
            .await
            .expect("orders");
        let subs = count("SELECT count(*) FROM subscriptions")
            .fetch_one(&mut *conn)
            .await
            .expect("subscriptions");
        let in_process = count(
            "SELECT count(DISTINCT subscription_id) FROM processes WHERE status = 'open'",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("in process");
        eprintln!(
            "data: {orders} orders, {subs} subscriptions, {in_process} with an open process"
        );
        let by_kind: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT kind, status, count(*) FROM processes GROUP BY kind, status ORDER BY kind, status",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("by kind");
        for (kind, status, n) in by_kind {
            eprintln!("  {kind} {status}: {n}");
        }
        let at = nimbo_domain::audit::canonical_time(measured_at());
        let by_role: Vec<(String, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT role, count(*), count(deadline), count(CASE WHEN deadline < '{at}' THEN 1 END) \
             FROM process_waits GROUP BY role ORDER BY role"
        )))
        .fetch_all(&mut *conn)
        .await
        .expect("by role");
        for (role, n, with_deadline, overdue) in by_role {
            eprintln!(
                "  waits for {role}: {n} ({with_deadline} with a deadline, {overdue} overdue)"
            );
        }
        let by_step: Vec<(String, i64)> = sqlx::query_as(
            "SELECT step, count(DISTINCT process_id) FROM process_waits GROUP BY step ORDER BY step",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("by step");
        let steps: Vec<String> = by_step.iter().map(|(s, n)| format!("{s} {n}")).collect();
        eprintln!("  open processes by step: {}", steps.join(", "));
    });
}

/// What the screen asks when it opens, for one user: which of the two commands.
#[derive(Clone, Copy)]
enum Ask {
    Orders,
    Processes,
    Both,
}

async fn ask(nimbo: &Nimbo, user: &str, what: Ask) -> (u64, u64) {
    let orders = || async {
        let list = order_views::tasks(nimbo, user, (i64::from(PAGE), 0), None, Lang::Es)
            .await
            .expect("my_tasks");
        u64::from(list.total)
    };
    let processes = || async {
        let list = process_views::tasks(nimbo, user, (PAGE, 0), Lang::Es)
            .await
            .expect("process_tasks");
        list.total
    };
    match what {
        Ask::Orders => (orders().await, 0),
        Ask::Processes => (0, processes().await),
        Ask::Both => tokio::join!(orders(), processes()),
    }
}

fn tasks_first_page(c: &mut Criterion) {
    let env = env();
    env.rt.block_on(async {
        for (role, user) in USERS {
            let (orders, processes) = ask(&env.nimbo, user, Ask::Both).await;
            let page = process_views::tasks(&env.nimbo, user, (PAGE, 0), Lang::Es)
                .await
                .expect("process_tasks");
            let overdue = page.processes.iter().filter(|p| p.overdue).count();
            eprintln!(
                "{role} ({user}): {orders} orders waiting, {processes} process waits; first page: {} processes, {overdue} overdue",
                page.processes.len()
            );
        }
    });

    let mut g = c.benchmark_group("tasks_first_page");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
    for (role, user) in USERS {
        for (what, label) in [
            (Ask::Both, "screen"),
            (Ask::Orders, "my_tasks"),
            (Ask::Processes, "process_tasks"),
        ] {
            let name = format!("{role}/{label}");
            g.bench_function(&name, |b| {
                b.iter(|| {
                    env.rt.block_on(async {
                        let t = Instant::now();
                        let totals = ask(&env.nimbo, user, what).await;
                        record(&format!("tasks_first_page/{name}"), t.elapsed());
                        black_box(totals)
                    })
                })
            });
        }
    }
    g.finish();
    report("tasks_first_page/");
}

criterion_group!(benches, tasks_first_page);
criterion_main!(benches);
