//! Issue 5's sync benchmarks on loopback (BENCHMARKS.md §6): pushing 10,000 operations
//! and pulling 100,000, each beside the same rows written and read straight with sqlx.
//!
//! Needs a PostgreSQL: `NIMBO_TEST_DATABASE_URL` names a database whose server lets the
//! bench create databases beside it. The usual way:
//!
//! ```sh
//! ./scripts/with-postgres cargo bench -p nimbo-server --bench sync
//! ```
//!
//! The server is `nimbo_server::throwaway::start` on 127.0.0.1, in this process; the
//! laptop is `nimbo_sync::client::Client`, signed in as a user with the KAM and pre-sales
//! roles. Each push measurement starts on a fresh database; the pull measurements read one
//! database seeded through the API with 100,000 applied operations. Every figure is
//! repeated ([`REPS`]) and printed as min / median / max.
//!
//! - **push, API:** 10,000 operations as a laptop makes them — per customer a
//!   `CreateCustomer` (a distinct, valid RUC), an `OpenOrder`, and steps 1 and 2 completed
//!   — in the laptop's batches of 200 (crates/app/src/sync/push.rs), one request after the
//!   other, from the first request to the last answer. Every answer must be `applied`.
//! - **push, raw:** the same 10,000 rows (the same operation JSON, hash and answer) into a
//!   table shaped like `operations` (`LIKE operations INCLUDING ALL`), 200 per `INSERT …
//!   SELECT … FROM UNNEST(…)` (the push's own statement), each its own transaction, on
//!   one sqlx connection. The rows are made before the clock starts.
//! - **pull, API:** every page from `after = 0` to the empty page, with the laptop's page
//!   size 500 (crates/app/src/sync/pull.rs), and 1,000 (the server's default maximum);
//!   5,000 from a second server on the same database configured with
//!   `max_pull_operations = 5000`. Transfer and JSON decoding into the protocol's types
//!   only: the laptop's SQLite replay is not part of it.
//! - **pull, raw:** the pull's own `SELECT` by the same pages on one sqlx connection, once
//!   fetching only, once also decoding each row's JSON into an `Operation`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;
use std::time::{Duration, Instant};

use chrono::Utc;
use nimbo_domain::customer::CustomerDraft;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{Command, EntityKind, Operation, OperationBody};
use nimbo_domain::order::Step;
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_server::client::Client;
use nimbo_server::throwaway::{self, Throwaway};
use nimbo_server::wire::Answer;
use nimbo_server::{AppState, Config, admin};
use nimbo_testkit::customers::ruc;
use nimbo_testkit::steps;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, Row};
use uuid::Uuid;

const SECRET: &[u8] = b"the sync benchmark's token secret, 32+ bytes";
const USER: &str = "bench.kam";
const PASSWORD: &str = "clave-del-benchmark-123";
/// The laptop's push batch (crates/app/src/sync/push.rs).
const BATCH: usize = 200;
const PUSH_OPS: usize = 10_000;
const PULL_OPS: usize = 100_000;
/// The laptop's page (crates/app/src/sync/pull.rs), the server's default maximum, and a
/// larger page from a server configured for it.
const PAGES: [i64; 3] = [500, 1_000, 5_000];
/// Repetitions of each measurement in one run.
const REPS: usize = 3;

fn main() {
    let Ok(url) = std::env::var("NIMBO_TEST_DATABASE_URL") else {
        eprintln!(
            "NIMBO_TEST_DATABASE_URL is not set: the sync benchmark needs a PostgreSQL.\n\
             Run: ./scripts/with-postgres cargo bench -p nimbo-server --bench sync"
        );
        std::process::exit(2);
    };
    // `cargo bench` passes `--bench`; nothing else is read.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(run(&url));
}

async fn run(url: &str) {
    let mut admin = PgConnection::connect(url).await.unwrap();
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let fsync: String = sqlx::query_scalar("SHOW fsync")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    println!("PostgreSQL {version}, fsync={fsync}, synchronous_commit={commit}");
    println!(
        "client, server and bench on one tokio runtime ({} worker threads)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // Push 10,000, each repetition on a fresh database.
    let mut api = Vec::new();
    let mut raw = Vec::new();
    let mut requests = Vec::new();
    for rep in 0..REPS {
        let server = Server::start(url).await;
        let ops = workload(PUSH_OPS, 0);
        let (elapsed, per_request) = push_all(&server.client, &ops).await;
        api.push(elapsed);
        requests.extend(per_request);
        let taken = raw_push(&server.throwaway, &ops).await;
        raw.push(taken);
        println!(
            "push {PUSH_OPS} #{}: API {:.3} s ({:.0} ops/s), raw {:.3} s ({:.0} ops/s), API/raw {:.1}",
            rep + 1,
            elapsed.as_secs_f64(),
            rate(PUSH_OPS, elapsed),
            taken.as_secs_f64(),
            rate(PUSH_OPS, taken),
            elapsed.as_secs_f64() / taken.as_secs_f64()
        );
        server.drop_database(&mut admin).await;
    }
    summary(&format!("push {PUSH_OPS}, API"), PUSH_OPS, &api);
    summary(&format!("push {PUSH_OPS}, raw"), PUSH_OPS, &raw);
    ratio(&format!("push {PUSH_OPS}"), &api, &raw);
    latencies(&format!("push, one request of {BATCH}"), &mut requests);

    // Pull 100,000: seeded through the API.
    let server = Server::start(url).await;
    let ops = workload(PULL_OPS, 0);
    let (seeding, _) = push_all(&server.client, &ops).await;
    drop(ops);
    println!(
        "seeded {PULL_OPS} operations through the API in {:.1} s ({:.0} ops/s)",
        seeding.as_secs_f64(),
        rate(PULL_OPS, seeding)
    );
    let size: String = sqlx::query_scalar(
        "SELECT pg_size_pretty(pg_total_relation_size('operations'))
                || ', avg operation ' || avg(octet_length(operation::text))::int || ' bytes'
         FROM operations",
    )
    .fetch_one(&server.throwaway.pool)
    .await
    .unwrap();
    println!("operations table: {size}");
    sqlx::query("VACUUM ANALYZE operations")
        .execute(&server.throwaway.pool)
        .await
        .unwrap();
    let wide = server.wide_pull_server(url, 5_000).await;
    let mut raw_conn = server.connection(url).await;
    for page in PAGES {
        let client = if page > 1_000 { &wide } else { &server.client };
        let mut api = Vec::new();
        let mut fetch = Vec::new();
        let mut decode = Vec::new();
        let mut bytes = 0;
        for _ in 0..REPS {
            let (elapsed, body) = pull_all(client, page).await;
            bytes = body;
            api.push(elapsed);
            fetch.push(raw_pull(&mut raw_conn, page, false).await);
            decode.push(raw_pull(&mut raw_conn, page, true).await);
        }
        println!(
            "pull page {page}: {} pages, {:.1} MB of JSON",
            PULL_OPS.div_ceil(page as usize) + 1,
            bytes as f64 / 1e6
        );
        summary(&format!("pull {PULL_OPS} by {page}, API"), PULL_OPS, &api);
        summary(
            &format!("pull {PULL_OPS} by {page}, raw SELECT"),
            PULL_OPS,
            &fetch,
        );
        summary(
            &format!("pull {PULL_OPS} by {page}, raw SELECT + decode"),
            PULL_OPS,
            &decode,
        );
        ratio(&format!("pull by {page} vs SELECT"), &api, &fetch);
        ratio(&format!("pull by {page} vs SELECT + decode"), &api, &decode);
    }

    // Push 10,000 more into the server that already holds 100,000.
    let mut loaded = Vec::new();
    for rep in 0..REPS {
        let ops = workload(PUSH_OPS, PULL_OPS + rep * PUSH_OPS);
        let (elapsed, _) = push_all(&server.client, &ops).await;
        loaded.push(elapsed);
    }
    summary(
        &format!("push {PUSH_OPS} onto {PULL_OPS}+, API"),
        PUSH_OPS,
        &loaded,
    );
    raw_conn.close().await.unwrap();
    server.drop_database(&mut admin).await;
}

/// A throwaway server with the bench's user signed in.
struct Server {
    throwaway: Throwaway,
    client: Client,
    name: String,
}

impl Server {
    async fn start(url: &str) -> Server {
        let throwaway = throwaway::start(url, SECRET).await.unwrap();
        let draft = UserDraft {
            username: USER.into(),
            full_name: "Benchmark KAM".into(),
            email: None,
            roles: vec![Role::Kam, Role::Presales],
        };
        admin::add_user(&throwaway.pool, &draft, PASSWORD, Utc::now())
            .await
            .unwrap();
        let (client, _) = Client::new(&throwaway.base)
            .unwrap()
            .sign_in(USER, PASSWORD)
            .await
            .unwrap();
        let name: String = sqlx::query_scalar("SELECT current_database()")
            .fetch_one(&throwaway.pool)
            .await
            .unwrap();
        Server {
            throwaway,
            client,
            name,
        }
    }

    fn options(&self, url: &str) -> PgConnectOptions {
        PgConnectOptions::from_str(url)
            .unwrap()
            .database(&self.name)
    }

    /// A connection of the bench's own to the server's database.
    async fn connection(&self, url: &str) -> PgConnection {
        PgConnection::connect_with(&self.options(url))
            .await
            .unwrap()
    }

    /// A second server on the same database whose pages may be `max` long, signed in.
    async fn wide_pull_server(&self, url: &str, max: i64) -> Client {
        let mut config = Config::new(url, SECRET);
        config.max_pull_operations = max;
        let state = AppState::new(self.throwaway.pool.clone(), config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(nimbo_server::serve(listener, state, std::future::pending()));
        Client::new(&base)
            .unwrap()
            .sign_in(USER, PASSWORD)
            .await
            .unwrap()
            .0
    }

    async fn drop_database(self, admin: &mut PgConnection) {
        self.throwaway.pool.close().await;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {} WITH (FORCE)",
            self.name
        )))
        .execute(admin)
        .await
        .unwrap();
    }
}

/// `n` operations as one laptop makes them: per customer, `CreateCustomer` (RUC base
/// 10,000,000 + its number, with its check digit), `OpenOrder`, and steps 1 and 2
/// completed. `from` numbers the first customer's operations, so that later workloads
/// on the same database take other RUCs and order numbers.
fn workload(n: usize, from: usize) -> Vec<Operation> {
    assert_eq!(n % 4, 0);
    let mut clock = Hlc::zero("bench-laptop");
    let mut op = |entity: EntityKind, entity_id: Uuid, command: Command| {
        clock = clock.tick(Utc::now().timestamp_millis());
        Operation {
            id: Uuid::now_v7(),
            hlc: clock.clone(),
            device: Uuid::from_u128(0x0199_0000_0000_7000_8000_0000_0000_00b0),
            actor: USER.into(),
            entity,
            entity_id,
            body: OperationBody::Command { command },
        }
    };
    let mut ops = Vec::with_capacity(n);
    for i in (from / 4)..((from + n) / 4) {
        let customer_id = Uuid::now_v7();
        let customer = CustomerDraft {
            name: format!("Cliente de prueba {i} S.A."),
            ruc: ruc(10_000_000 + u32::try_from(i).unwrap()),
            segment: "corporate".into(),
            address: Some("Av. Mariscal López 1234, Asunción".into()),
            billing_account: Some(format!("1{i:08}")),
            billing_cycle: Some("15".into()),
        }
        .validate(customer_id, Utc::now())
        .unwrap();
        ops.push(op(
            EntityKind::Customer,
            customer_id,
            Command::CreateCustomer { customer },
        ));
        let order_id = Uuid::now_v7();
        ops.push(op(
            EntityKind::Order,
            order_id,
            Command::OpenOrder {
                order_id,
                number: format!("BK7Q-{i:07}"),
                customer_id,
                title: "Tigo Cloud AWS con administración VIP".into(),
            },
        ));
        for step in [Step::NeedsSurvey, Step::ApnOpportunity] {
            let input = steps::input(step, steps::Path::default());
            let complete = Command::CompleteStep {
                order_id,
                step,
                input,
            };
            ops.push(op(EntityKind::Order, order_id, complete));
        }
    }
    ops
}

/// Pushes every operation in batches of [`BATCH`], one request after the other; every
/// answer must be `applied`. The whole time and each request's.
async fn push_all(client: &Client, ops: &[Operation]) -> (Duration, Vec<Duration>) {
    let mut each = Vec::with_capacity(ops.len() / BATCH + 1);
    let start = Instant::now();
    for batch in ops.chunks(BATCH) {
        let sent = Instant::now();
        let answers = client.push(batch).await.unwrap();
        each.push(sent.elapsed());
        assert_eq!(answers.len(), batch.len());
        for answer in &answers {
            assert!(
                matches!(answer.answer, Answer::Applied { .. }),
                "every operation is applied: {answer:?}"
            );
        }
    }
    (start.elapsed(), each)
}

/// The same rows straight into a table shaped like `operations`, batch by batch.
async fn raw_push(server: &Throwaway, ops: &[Operation]) -> Duration {
    let mut conn = server.pool.acquire().await.unwrap();
    sqlx::query("CREATE TABLE raw_operations (LIKE operations INCLUDING ALL)")
        .execute(&mut *conn)
        .await
        .unwrap();
    let actor: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(USER)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    struct Batch {
        id: Vec<Uuid>,
        content_sha256: Vec<String>,
        device: Vec<Uuid>,
        entity_kind: Vec<String>,
        entity_id: Vec<Uuid>,
        operation: Vec<String>,
        answer: Vec<String>,
        seq: Vec<Option<i64>>,
    }
    let mut seq = 0i64;
    let batches: Vec<Batch> = ops
        .chunks(BATCH)
        .map(|chunk| {
            let operation: Vec<String> = chunk
                .iter()
                .map(|op| serde_json::to_string(op).unwrap())
                .collect();
            let seqs: Vec<i64> = chunk
                .iter()
                .map(|_| {
                    seq += 1;
                    seq
                })
                .collect();
            Batch {
                id: chunk.iter().map(|op| op.id).collect(),
                content_sha256: operation
                    .iter()
                    .map(|text| nimbo_server::tokens::sha256_hex(text.as_bytes()))
                    .collect(),
                device: chunk.iter().map(|op| op.device).collect(),
                entity_kind: chunk.iter().map(|op| op.entity.id().to_string()).collect(),
                entity_id: chunk.iter().map(|op| op.entity_id).collect(),
                operation,
                answer: seqs
                    .iter()
                    .map(|seq| serde_json::to_string(&Answer::Applied { seq: *seq }).unwrap())
                    .collect(),
                seq: seqs.into_iter().map(Some).collect(),
            }
        })
        .collect();
    let start = Instant::now();
    for b in &batches {
        sqlx::query(
            "INSERT INTO raw_operations
               (id, content_sha256, actor_id, device, entity_kind, entity_id, operation, answer, seq, received_at)
             SELECT u.id, u.content_sha256, $9, u.device, u.entity_kind, u.entity_id,
                    u.operation::jsonb, u.answer::jsonb, u.seq, $10
             FROM UNNEST($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[],
                         $7::text[], $8::int8[])
               AS u(id, content_sha256, device, entity_kind, entity_id, operation, answer, seq)",
        )
        .bind(&b.id)
        .bind(&b.content_sha256)
        .bind(&b.device)
        .bind(&b.entity_kind)
        .bind(&b.entity_id)
        .bind(&b.operation)
        .bind(&b.answer)
        .bind(&b.seq)
        .bind(actor)
        .bind(Utc::now())
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    let elapsed = start.elapsed();
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM raw_operations")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(count as usize, ops.len());
    elapsed
}

/// Pulls every page from the start to the empty page; the time and the bytes of JSON
/// (measured again afterwards, outside the clock).
async fn pull_all(client: &Client, page: i64) -> (Duration, usize) {
    let start = Instant::now();
    let mut after = 0;
    let mut count = 0;
    let mut pages = Vec::new();
    loop {
        let got = client.pull(after, page).await.unwrap();
        if got.operations.is_empty() {
            break;
        }
        assert!(got.operations.len() as i64 <= page);
        count += got.operations.len();
        after = got.next_after;
        pages.push(got);
    }
    let elapsed = start.elapsed();
    assert_eq!(count, PULL_OPS);
    assert_eq!(after, PULL_OPS as i64);
    let bytes = pages
        .iter()
        .map(|p| serde_json::to_vec(p).unwrap().len())
        .sum();
    (elapsed, bytes)
}

/// The pull's own query by the same pages, straight through sqlx; with `decode`, each
/// operation's JSON is also read into an [`Operation`].
async fn raw_pull(conn: &mut PgConnection, page: i64, decode: bool) -> Duration {
    let start = Instant::now();
    let mut after = 0i64;
    let mut count = 0;
    loop {
        let rows = sqlx::query(
            "SELECT seq, operation::text AS operation FROM operations
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(page)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let Some(last) = rows.last() else {
            break;
        };
        after = last.try_get("seq").unwrap();
        count += rows.len();
        if decode {
            let ops: Vec<(i64, Operation)> = rows
                .iter()
                .map(|row| {
                    let text: &str = row.try_get("operation").unwrap();
                    (
                        row.try_get("seq").unwrap(),
                        serde_json::from_str(text).unwrap(),
                    )
                })
                .collect();
            std::hint::black_box(ops);
        } else {
            std::hint::black_box(&rows);
        }
    }
    let elapsed = start.elapsed();
    assert_eq!(count, PULL_OPS);
    elapsed
}

fn rate(n: usize, elapsed: Duration) -> f64 {
    n as f64 / elapsed.as_secs_f64()
}

fn sorted(times: &[Duration]) -> Vec<Duration> {
    let mut times = times.to_vec();
    times.sort();
    times
}

/// min / median / max of the times, and the matching rates.
fn summary(what: &str, n: usize, times: &[Duration]) {
    let t = sorted(times);
    let (min, median, max) = (t[0], t[t.len() / 2], t[t.len() - 1]);
    println!(
        "{what:<44} time min {:>7.3} / median {:>7.3} / max {:>7.3} s   ops/s best {:>7.0} / median {:>7.0} / worst {:>7.0}",
        min.as_secs_f64(),
        median.as_secs_f64(),
        max.as_secs_f64(),
        rate(n, min),
        rate(n, median),
        rate(n, max),
    );
}

/// The ratio of the medians, API / raw.
fn ratio(what: &str, api: &[Duration], raw: &[Duration]) {
    let (a, r) = (sorted(api), sorted(raw));
    println!(
        "{what:<44} API / raw (medians): {:.2}",
        a[a.len() / 2].as_secs_f64() / r[r.len() / 2].as_secs_f64()
    );
}

fn latencies(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what:<44} {} requests: min {:.1} / p50 {:.1} / p95 {:.1} / max {:.1} ms",
        times.len(),
        at(0.0),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
