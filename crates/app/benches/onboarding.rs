//! Speed of the onboarding use cases on a database of 100,000 demonstration orders.
//!
//! Run: `cargo bench -p nimbo-app --bench onboarding` (figures go to BENCHMARKS.md).
//!
//! The database is built once with `demo::fill` (seed 2026) and cached at
//! `target/bench-data/orders-100000.sqlite`; it is rebuilt when missing, or when a copy of
//! it no longer opens or reads with this build (a changed migration or order JSON). Every
//! run copies the cache to `target/bench-data/scratch.sqlite` and works on the copy, so
//! that the steps completed here never reach the cache.
//!
//! Besides criterion's figures (mean per call, with its confidence interval), each group
//! ends by printing the distribution of single calls (min, p50, p95, p99, max, warm-up
//! included): BENCHMARKS.md quotes both.
//!
//! Groups:
//! - `complete_step`: `orders::complete_step` (state + audit + outbox in one transaction),
//!   each call on a different order standing at a step whose input is text only, by a user
//!   of the step's role; beside it `raw_3_writes`, the same three writes (UPDATE order,
//!   INSERT audit event, INSERT outbox operation) in one transaction with bare sqlx.
//! - `list_first_page`: `orders::list` (limit 50) by customer name, RUC prefix and step,
//!   and `orders::tasks` of a KAM, with and without the total; beside each, the same SQL
//!   run bare through sqlx.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/cached.rs"]
mod cached;
#[path = "common/calls.rs"]
mod calls;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cached::{cached, scratch};
use calls::{record, report};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use nimbo_app::orders::{self, StepSubmission};
use nimbo_app::{Nimbo, demo};
use nimbo_domain::audit::canonical_time;
use nimbo_domain::operation::{Command, OperationBody};
use nimbo_domain::order::{Step, StepInput};
use nimbo_store::orders::{OrderFilter, OrderSort};
use serde_json::json;
use sqlx::Row;
use tokio::runtime::Runtime;
use uuid::Uuid;

const ORDERS: usize = 100_000;
const SEED: u64 = 2026;
const PAGE: i64 = 50;

/// Steps whose input is text only, with the user who completes them.
const TEXT_STEPS: &[(Step, &str)] = &[
    (Step::NeedsSurvey, "pedro.gimenez"),
    (Step::ApnOpportunity, "pedro.gimenez"),
    (Step::BackValidationCase, "ana.duarte"),
    (Step::ProvisioningCase, "maria.gonzalez"),
    (Step::ProvisioningRequest, "diego.rojas"),
];

struct Env {
    rt: Runtime,
    nimbo: Nimbo,
}

/// Whether a copy of the cached database reads with this build (an order's JSON may
/// have changed shape since it was built): one order at each step, shown whole.
fn readable(rt: &Runtime, probe: &Path) -> bool {
    rt.block_on(async {
        let Ok(nimbo) = Nimbo::open(probe).await else {
            return false;
        };
        let mut ok = true;
        for step in Step::ALL {
            let filter = OrderFilter {
                step: Some(step),
                limit: 1,
                ..OrderFilter::default()
            };
            ok &= match orders::list(&nimbo, &filter, false).await {
                Ok(page) => match page.orders.first() {
                    Some(line) => orders::show(&nimbo, &line.number).await.is_ok(),
                    None => false,
                },
                Err(_) => false,
            };
        }
        nimbo.close().await;
        ok
    })
}

/// The cached database of 100,000 orders, built if missing or stale.
fn cached_db(rt: &Runtime) -> PathBuf {
    cached(
        &format!("orders-{ORDERS}"),
        |probe| readable(rt, probe),
        |building| {
            eprintln!("building {} with {ORDERS} demo orders…", building.display());
            let started = Instant::now();
            rt.block_on(async {
                let nimbo = Nimbo::open(building).await.expect("open");
                let summary = demo::fill(&nimbo, ORDERS, SEED).await.expect("demo fill");
                assert_eq!(summary.orders, ORDERS);
                nimbo.close().await;
            });
            eprintln!("built in {:.1} s", started.elapsed().as_secs_f64());
        },
    )
}

/// A scratch copy of the cached database, opened; made once per run.
fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let scratch = scratch(&cached_db(&rt), "scratch");
        let nimbo = rt.block_on(Nimbo::open(&scratch)).expect("open scratch");
        Env { rt, nimbo }
    })
}

// ---------------------------------------------------------------------------------------
// Completing one step.

fn submission(step: Step, i: usize) -> StepSubmission {
    let values: &[(&str, String)] = &match step {
        Step::NeedsSurvey => vec![
            (
                "needs",
                "Migración de servidores y respaldo en la nube.".into(),
            ),
            ("complex", "no".into()),
        ],
        Step::ApnOpportunity => vec![("apn_opportunity_id", format!("O{:07}", i % 10_000_000))],
        Step::BackValidationCase | Step::ProvisioningCase => {
            vec![("case_number", format!("{:08}", i % 100_000_000))]
        }
        Step::ProvisioningRequest => {
            vec![("servicenow_request", format!("REQ{:07}", i % 10_000_000))]
        }
        other => panic!("step {other} is not a text-only step of this benchmark"),
    };
    StepSubmission {
        step: None,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        files: BTreeMap::new(),
    }
}

/// Every order standing at `step`.
async fn numbers_at(nimbo: &Nimbo, step: Step) -> Vec<String> {
    let mut all = Vec::new();
    loop {
        let filter = OrderFilter {
            step: Some(step),
            status: Some("open".into()),
            limit: 500,
            offset: all.len() as i64,
            ..OrderFilter::default()
        };
        let page = orders::list(nimbo, &filter, false).await.expect("list");
        if page.orders.is_empty() {
            return all;
        }
        all.extend(page.orders.into_iter().map(|o| o.number));
    }
}

/// Orders to complete, the text-only steps interleaved, used once each.
fn step_pool(env: &Env) -> Vec<(String, Step, &'static str)> {
    env.rt.block_on(async {
        let per_step: Vec<Vec<String>> = {
            let mut v = Vec::new();
            for (step, _) in TEXT_STEPS {
                v.push(numbers_at(&env.nimbo, *step).await);
            }
            v
        };
        let longest = per_step.iter().map(Vec::len).max().unwrap_or(0);
        let mut pool = Vec::new();
        for i in 0..longest {
            for (k, (step, user)) in TEXT_STEPS.iter().enumerate() {
                if let Some(n) = per_step[k].get(i) {
                    pool.push((n.clone(), *step, *user));
                }
            }
        }
        pool.reverse(); // popped from the end: interleaved from the start
        pool
    })
}

/// What the raw reference writes for one order, prepared before the clock starts.
struct RawWrite {
    id: String,
    title: String,
    next_step: i64,
    next_role: &'static str,
    body: String,
    audit_id: String,
    seq: i64,
    changes: String,
    op_id: String,
    op_body: String,
    hlc: String,
}

fn complete_step(c: &mut Criterion) {
    let env = env();
    let mut pool = step_pool(env);
    eprintln!("complete_step: {} orders at text-only steps", pool.len());

    let mut g = c.benchmark_group("complete_step");
    g.sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sampling_mode(SamplingMode::Flat);
    let mut i = 0usize;
    g.bench_function("use_case", |b| {
        b.iter_custom(|iters| {
            assert!(
                pool.len() as u64 >= iters,
                "the pool of orders ran out ({} left, {iters} needed)",
                pool.len()
            );
            let batch: Vec<_> = (0..iters).map(|_| pool.pop().expect("pool")).collect();
            env.rt.block_on(async {
                let mut calls = Vec::with_capacity(batch.len());
                let started = Instant::now();
                for (number, step, user) in batch {
                    i += 1;
                    let sub = submission(step, i);
                    let t = Instant::now();
                    let next = orders::complete_step(&env.nimbo, user, &number, sub)
                        .await
                        .unwrap_or_else(|e| {
                            panic!("step {step} of order {number} by {user} was refused: {e}")
                        });
                    calls.push(t.elapsed());
                    assert_ne!(next.current, Some(step), "order {number} did not move");
                    black_box(next);
                }
                let total = started.elapsed();
                for took in calls {
                    record("complete_step/use_case", took);
                }
                total
            })
        })
    });

    // The same three writes, bare: on other open orders (not at the steps above).
    let device = Uuid::new_v4().to_string();
    let mut raw_ids: Vec<(String, i64)> = env.rt.block_on(async {
        let mut conn = env.nimbo.store().read().await.expect("conn");
        sqlx::query(
            "SELECT id, current_step FROM orders WHERE status = 'open' \
             AND current_step NOT IN (1, 2, 11, 14, 16) ORDER BY number DESC",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("raw pool")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
    });
    let mut seq = 0i64;
    g.bench_function("raw_3_writes", |b| {
        b.iter_custom(|iters| {
            assert!(
                raw_ids.len() as u64 >= iters,
                "the raw pool ran out ({} left, {iters} needed)",
                raw_ids.len()
            );
            let ids: Vec<_> = (0..iters).map(|_| raw_ids.pop().expect("pool")).collect();
            env.rt.block_on(async {
                // Prepared off the clock: the rows the use case would write.
                let mut writes = Vec::with_capacity(ids.len());
                {
                    let mut conn = env.nimbo.store().read().await.expect("conn");
                    for (id, step) in ids {
                        let row = sqlx::query("SELECT title, body FROM orders WHERE id = ?")
                            .bind(&id)
                            .fetch_one(&mut *conn)
                            .await
                            .expect("order");
                        let step_now = Step::from_number(step as u8).expect("step");
                        let next = step_now.following().unwrap_or(step_now);
                        let input = StepInput::with([("case_number", "00012345")]);
                        let order_id = Uuid::parse_str(&id).expect("uuid");
                        seq += 1;
                        let millis = chrono::Utc::now().timestamp_millis();
                        let hlc = format!("{millis:015}-{seq:06}-{device}");
                        writes.push(RawWrite {
                            title: row.get(0),
                            body: row.get(1),
                            next_step: i64::from(next.number()),
                            next_role: next.role().id(),
                            audit_id: Uuid::now_v7().to_string(),
                            seq,
                            changes: json!({
                                "step": step, "values": input.values,
                                "next_step": next.number(), "status": "open"
                            })
                            .to_string(),
                            op_id: Uuid::now_v7().to_string(),
                            hlc,
                            op_body: serde_json::to_string(&OperationBody::Command {
                                command: Command::CompleteStep {
                                    order_id,
                                    step: step_now,
                                    input,
                                },
                            })
                            .expect("op body"),
                            id,
                        });
                    }
                }
                let hash = "0".repeat(64);
                let started = Instant::now();
                for w in writes {
                    let t = Instant::now();
                    let now = canonical_time(chrono::Utc::now());
                    let mut tx = env.nimbo.store().begin().await.expect("begin");
                    sqlx::query(
                        "UPDATE orders SET title = ?, status = ?, current_step = ?, current_role = ?, \
                         step_since = ?, updated_at = ?, body = ? WHERE id = ?",
                    )
                    .bind(&w.title)
                    .bind("open")
                    .bind(w.next_step)
                    .bind(w.next_role)
                    .bind(&now)
                    .bind(&now)
                    .bind(&w.body)
                    .bind(&w.id)
                    .execute(&mut *tx)
                    .await
                    .expect("update");
                    sqlx::query(
                        "INSERT INTO audit_events (id, device, seq, at, hlc, actor, action, entity, entity_id, \
                         changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    )
                    .bind(&w.audit_id)
                    .bind(&device)
                    .bind(w.seq)
                    .bind(&now)
                    .bind(&w.hlc)
                    .bind("ana.duarte")
                    .bind("order.step_completed")
                    .bind("order")
                    .bind(&w.id)
                    .bind(&w.changes)
                    .bind(&hash)
                    .bind(&hash)
                    .execute(&mut *tx)
                    .await
                    .expect("audit");
                    sqlx::query(
                        "INSERT INTO outbox (op_id, hlc, actor, entity, entity_id, body, state, created_at) \
                         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
                    )
                    .bind(&w.op_id)
                    .bind(&w.hlc)
                    .bind("ana.duarte")
                    .bind("order")
                    .bind(&w.id)
                    .bind(&w.op_body)
                    .bind(&now)
                    .execute(&mut *tx)
                    .await
                    .expect("outbox");
                    tx.commit().await.expect("commit");
                    record("complete_step/raw_3_writes", t.elapsed());
                }
                started.elapsed()
            })
        })
    });
    g.finish();
    report("complete_step/");
}

// ---------------------------------------------------------------------------------------
// Listing the first page.

const SELECT: &str = "SELECT o.number, o.title, c.name AS customer, c.ruc, o.status, o.current_step, \
     o.current_role, o.step_since, o.created_at FROM orders o JOIN customers c ON c.id = o.customer_id";
const NEWEST: &str = " ORDER BY o.created_at DESC, o.number DESC LIMIT 50 OFFSET 0";
const LONGEST: &str = " ORDER BY o.step_since ASC, o.number ASC LIMIT 50 OFFSET 0";

struct ListCase {
    name: String,
    filter: OrderFilter,
    /// The same query, bare: WHERE clause with `?1` for the one parameter, its value, sort.
    bare_where: &'static str,
    bare_param: String,
    bare_sort: &'static str,
    kam_tasks: bool,
}

fn list_first_page(c: &mut Criterion) {
    let env = env();
    // A rare name: the full name of one customer.
    let rare: String = env.rt.block_on(async {
        let mut conn = env.nimbo.store().read().await.expect("conn");
        sqlx::query_scalar(
            "SELECT search_name FROM customers WHERE search_name NOT LIKE '%agro%' ORDER BY ruc LIMIT 1",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("a customer")
    });
    let by_name = |text: &str| OrderFilter {
        customer_name: Some(text.into()),
        limit: PAGE,
        ..OrderFilter::default()
    };
    let name_where = " WHERE 1 = 1 AND o.customer_id IN (SELECT id FROM customers WHERE search_name LIKE ?1 ESCAPE '\\')";
    let cases = vec![
        ListCase {
            name: "name_common_agro".into(),
            filter: by_name("agro"),
            bare_where: name_where,
            bare_param: "%agro%".into(),
            bare_sort: NEWEST,
            kam_tasks: false,
        },
        ListCase {
            name: "name_rare_one_customer".into(),
            filter: by_name(&rare),
            bare_where: name_where,
            bare_param: format!("%{rare}%"),
            bare_sort: NEWEST,
            kam_tasks: false,
        },
        ListCase {
            name: "ruc_prefix_8012".into(),
            filter: OrderFilter {
                ruc: Some("8012".into()),
                limit: PAGE,
                ..OrderFilter::default()
            },
            bare_where: " WHERE 1 = 1 AND o.customer_id IN (SELECT id FROM customers WHERE ruc LIKE ?1 ESCAPE '\\')",
            bare_param: "8012%".into(),
            bare_sort: NEWEST,
            kam_tasks: false,
        },
        ListCase {
            name: "step_9".into(),
            filter: OrderFilter {
                step: Some(Step::CustomerSignature),
                limit: PAGE,
                ..OrderFilter::default()
            },
            bare_where: " WHERE 1 = 1 AND o.current_step = ?1",
            bare_param: "9".into(),
            bare_sort: NEWEST,
            kam_tasks: false,
        },
        ListCase {
            name: "tasks_kam".into(),
            filter: OrderFilter {
                roles: vec![nimbo_domain::role::Role::Kam],
                status: Some("open".into()),
                sort: OrderSort::LongestWaiting,
                limit: PAGE,
                ..OrderFilter::default()
            },
            bare_where: " WHERE 1 = 1 AND o.current_role IN (?1) AND o.status = 'open'",
            bare_param: "kam".into(),
            bare_sort: LONGEST,
            kam_tasks: true,
        },
    ];

    // What each case finds, for the record.
    env.rt.block_on(async {
        for case in &cases {
            let page = orders::list(&env.nimbo, &case.filter, true)
                .await
                .expect("list");
            assert!(!page.orders.is_empty(), "{} found nothing", case.name);
            eprintln!(
                "list {}: {} matching, first page {} rows",
                case.name,
                page.total,
                page.orders.len()
            );
        }
    });

    let mut g = c.benchmark_group("list_first_page");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sampling_mode(SamplingMode::Flat);
    for case in &cases {
        for with_total in [true, false] {
            let suffix = if with_total { "total" } else { "no_total" };
            let name = format!("{}/{suffix}/use_case", case.name);
            g.bench_function(&name, |b| {
                b.iter(|| {
                    env.rt.block_on(async {
                        let t = Instant::now();
                        let page = if case.kam_tasks && with_total {
                            orders::tasks(&env.nimbo, "ana.duarte", PAGE, 0).await
                        } else {
                            orders::list(&env.nimbo, &case.filter, with_total).await
                        }
                        .expect("list");
                        record(&format!("list_first_page/{name}"), t.elapsed());
                        assert!(!page.orders.is_empty());
                        black_box(page)
                    })
                })
            });
            let page_sql = format!("{SELECT}{}{}", case.bare_where, case.bare_sort);
            let count_sql = format!("SELECT count(*) FROM orders o{}", case.bare_where);
            let name = format!("{}/{suffix}/bare_sql", case.name);
            g.bench_function(&name, |b| {
                b.iter(|| {
                    env.rt.block_on(async {
                        let t = Instant::now();
                        let mut conn = env.nimbo.store().read().await.expect("conn");
                        let rows = sqlx::query(sqlx::AssertSqlSafe(page_sql.as_str()))
                            .bind(&case.bare_param)
                            .fetch_all(&mut *conn)
                            .await
                            .expect("page");
                        assert!(!rows.is_empty());
                        let total: i64 = if with_total {
                            sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql.as_str()))
                                .bind(&case.bare_param)
                                .fetch_one(&mut *conn)
                                .await
                                .expect("count")
                        } else {
                            -1
                        };
                        record(&format!("list_first_page/{name}"), t.elapsed());
                        black_box((rows, total))
                    })
                })
            });
        }
    }
    g.finish();
    report("list_first_page/");
}

criterion_group!(benches, list_first_page, complete_step);
criterion_main!(benches);
