//! The fault harness of SYNC.md: three laptops work at random and sync through a TCP
//! proxy that drops connections, delays them and cuts answers half-way (the server
//! applied, the laptop never heard), while the server itself is killed and started again
//! on its database. When the faults stop and everyone syncs: nothing is pending, every
//! operation a laptop saw applied is on the server exactly once and in the gap-free
//! sequence, no refused operation is applied, and every laptop holds the server's orders.
//! It prints what it covered.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nimbo_app::sync;
use nimbo_testkit::PASSWORD;
use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::{ADMIN, Env};
use crate::sync::{assert_all_hold_the_servers_orders, office_synced, random_work};

/// What the proxy did to connections.
#[derive(Default)]
struct Faults {
    on: AtomicBool,
    seed: AtomicU64,
    connections: AtomicUsize,
    dropped: AtomicUsize,
    delayed: AtomicUsize,
    cut: AtomicUsize,
}

/// A TCP proxy in front of the server, whose backend moves when the server restarts.
struct Proxy {
    base: String,
    backend: Arc<Mutex<String>>,
    faults: Arc<Faults>,
}

fn host_port(base: &str) -> String {
    base.trim_start_matches("http://").to_string()
}

async fn proxy(server_base: &str) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("its address");
    let backend = Arc::new(Mutex::new(host_port(server_base)));
    let faults = Arc::new(Faults::default());
    let (b, f) = (backend.clone(), faults.clone());
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            let to = b.lock().map(|s| s.clone()).unwrap_or_default();
            tokio::spawn(forward(inbound, to, f.clone()));
        }
    });
    Proxy {
        base: format!("http://{address}"),
        backend,
        faults,
    }
}

/// One connection: maybe dropped at once, maybe delayed, maybe its answer cut after a
/// random number of bytes.
async fn forward(mut inbound: TcpStream, to: String, faults: Arc<Faults>) {
    faults.connections.fetch_add(1, Ordering::Relaxed);
    let on = faults.on.load(Ordering::Relaxed);
    let mut rng = fastrand::Rng::with_seed(faults.seed.fetch_add(1, Ordering::Relaxed));
    if on && rng.u8(..10) == 0 {
        faults.dropped.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let Ok(mut outbound) = TcpStream::connect(&to).await else {
        return;
    };
    if on && rng.u8(..4) == 0 {
        faults.delayed.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(rng.u64(5..80))).await;
    }
    let cut_after = (on && rng.u8(..6) == 0).then(|| rng.usize(1..600));
    let (mut ri, mut wi) = inbound.split();
    let (mut ro, mut wo) = outbound.split();
    let up = tokio::io::copy(&mut ri, &mut wo);
    let down = async {
        let mut sent = 0usize;
        let mut buf = [0u8; 4096];
        loop {
            let n = match ro.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let n = match cut_after {
                Some(limit) if sent + n >= limit => {
                    let _ = wi.write_all(&buf[..limit - sent]).await;
                    faults.cut.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                _ => n,
            };
            if wi.write_all(&buf[..n]).await.is_err() {
                return;
            }
            sent += n;
        }
    };
    tokio::select! {
        _ = up => {}
        () = down => {}
    }
}

/// Each laptop's operations with the state its outbox holds.
async fn outbox_of(env: &Env) -> Vec<(String, String)> {
    let mut conn = env.nimbo.store().read().await.expect("a connection");
    sqlx::query("SELECT op_id, state FROM outbox")
        .fetch_all(&mut *conn)
        .await
        .expect("the outbox")
        .iter()
        .map(|r| (r.get("op_id"), r.get("state")))
        .collect()
}

/// Connects a laptop through the proxy, trying again while the faults get in the way.
async fn connect(env: &Env, base: &str, user: &str) {
    for _ in 0..50 {
        if sync::login(&env.nimbo, base, user, PASSWORD).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{user} could not connect through the proxy in 50 tries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_dropped_delayed_and_cut_connections_and_server_restarts_nothing_is_lost_or_doubled()
 {
    let Some(mut server) = crate::sync::server().await else {
        return;
    };
    let _office = office_synced(&server).await;

    let proxy = proxy(&server.base).await;
    let mut kills = 0usize;
    let mut applied_total = 0usize;
    let mut work = (0usize, 0usize, 0usize);
    let seeds = 3u64;
    for seed in 1..=seeds {
        let mut rng = fastrand::Rng::with_seed(100 + seed);
        proxy.faults.seed.store(seed * 1_000, Ordering::Relaxed);
        let (kam, one, two) = (Env::blank().await, Env::blank().await, Env::blank().await);
        let laptops: [(&Env, &str); 3] = [(&kam, "ana"), (&one, "pedro"), (&two, "pedro")];
        for (env, user) in laptops {
            connect(env, &proxy.base, user).await;
            while sync::sync(&env.nimbo).await.is_err() {}
        }
        proxy.faults.on.store(true, Ordering::Relaxed);
        let base_ruc = 80_040_000 + u32::try_from(seed).unwrap_or(0) * 100;
        for round in 0..4 {
            let done = random_work(&laptops, &mut rng, base_ruc + round * 10, 20).await;
            work.0 += done.syncs;
            work.1 += done.orders;
            work.2 += done.steps;
            // The server dies while a laptop syncs, and comes back on its database.
            let (env, _) = laptops[rng.usize(..3)];
            let syncing = sync::sync(&env.nimbo);
            let killing = async {
                tokio::time::sleep(Duration::from_millis(rng.u64(0..40))).await;
                server.kill();
            };
            let _ = tokio::join!(syncing, killing);
            kills += 1;
            server.restart().await.expect("the server starts again");
            if let Ok(mut b) = proxy.backend.lock() {
                *b = host_port(&server.base);
            }
        }
        // The network heals: everyone syncs until nothing moves.
        proxy.faults.on.store(false, Ordering::Relaxed);
        let mut last_errors = Vec::new();
        for round in 0..4 {
            for (env, user) in laptops {
                if let Err(e) = sync::sync(&env.nimbo).await
                    && round == 3
                {
                    last_errors.push(format!("{user}: {e:?}"));
                }
            }
        }
        assert!(
            last_errors.is_empty(),
            "seed {seed}: syncs still fail once the network healed: {last_errors:?}"
        );
        let mut applied_here = 0usize;
        for (env, user) in laptops {
            let status = sync::status(&env.nimbo).await.expect("status");
            assert_eq!(status.pending, 0, "seed {seed}: {user}: {status:?}");
            for (op, state) in outbox_of(env).await {
                let row = sqlx::query("SELECT seq FROM operations WHERE id = $1::uuid")
                    .bind(&op)
                    .fetch_optional(&server.pool)
                    .await
                    .expect("the server's operations");
                let seq: Option<i64> = row.and_then(|r| r.get("seq"));
                match state.as_str() {
                    "applied" => {
                        assert!(
                            seq.is_some(),
                            "seed {seed}: {op} acknowledged but not applied"
                        );
                        applied_here += 1;
                    }
                    "refused" => {
                        assert!(seq.is_none(), "seed {seed}: refused {op} was applied");
                    }
                    _ => {}
                }
            }
        }
        let (count, max): (i64, Option<i64>) =
            sqlx::query_as("SELECT count(*), max(seq) FROM operations WHERE seq IS NOT NULL")
                .fetch_one(&server.pool)
                .await
                .expect("the sequence");
        assert_eq!(
            Some(count),
            max,
            "seed {seed}: the sequence has no gap or double"
        );
        applied_total += applied_here;
        let (reader, _) = nimbo_sync::client::Client::new(&server.base)
            .expect("a client")
            .sign_in(ADMIN, PASSWORD)
            .await
            .expect("the admin reads");
        assert_all_hold_the_servers_orders(&reader, &laptops, seed).await;
    }
    let f = &proxy.faults;
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM operations")
        .fetch_one(&server.pool)
        .await
        .expect("the operations");
    assert!(applied_total > 0, "the laptops' work reached the server");
    eprintln!(
        "fault harness: {count} operations answered by the server ({applied_total} of the \
         laptops' acknowledged, each present once); {} connections, {} dropped, \
         {} delayed, {} answers cut; {kills} server kills during a sync; {} syncs, {} orders, \
         {} steps of random work over {seeds} seeds",
        f.connections.load(Ordering::Relaxed),
        f.dropped.load(Ordering::Relaxed),
        f.delayed.load(Ordering::Relaxed),
        f.cut.load(Ordering::Relaxed),
        work.0,
        work.1,
        work.2
    );
    assert!(
        f.dropped.load(Ordering::Relaxed) > 0 && f.cut.load(Ordering::Relaxed) > 0,
        "the harness injected faults"
    );
}
