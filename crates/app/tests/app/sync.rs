//! Two laptops and one sync server on the test PostgreSQL (`NIMBO_TEST_DATABASE_URL`;
//! `scripts/test` starts one). The administrator's laptop sets up the organisation and
//! the team and syncs; the server's administrator gives them passwords; the KAM's laptop
//! starts empty, signs in, and the pull brings the organisation, the team and the work;
//! work done on each laptop offline reaches the other after both sync; the same step
//! completed on two laptops offline is applied once and refused once, with the reason;
//! users and roles the server's administrator makes with `nimbo-server user …` reach
//! every laptop.

use nimbo_app::sync;
use nimbo_app::{AppError, Nimbo, customers, orders};
use nimbo_domain::ErrorCode;
use nimbo_domain::order::Step;
use nimbo_domain::role::Role;
use nimbo_testkit::PASSWORD;
use nimbo_testkit::customers::{representative, ruc};
use nimbo_testkit::server::{Throwaway, set_passwords, with_admin};
use nimbo_testkit::submissions::simple_path;

use crate::stories::{TEAM, add_customer, add_team, performer};
use crate::support::{ADMIN, Env};

/// The sync server on a fresh database of the test PostgreSQL, with its administrator;
/// `None` (after a notice) without one outside CI.
pub async fn server() -> Option<Throwaway> {
    with_admin("the sync stories", ADMIN, "Administradora").await
}

/// The office's laptop: the organisation and the team, sent by the administrator; then
/// the team's passwords on the server, so each can connect a laptop of their own.
pub async fn office_synced(server: &Throwaway) -> Env {
    let office = Env::new().await;
    add_team(&office.nimbo).await;
    sync::login(&office.nimbo, &server.base, ADMIN, PASSWORD)
        .await
        .expect("the administrator connects");
    sync::sync(&office.nimbo)
        .await
        .expect("the team reaches the server");
    team_passwords(server).await;
    office
}

/// Gives the team passwords on the server, once the office's sync brought them there.
async fn team_passwords(server: &Throwaway) {
    set_passwords(server, TEAM.iter().map(|(username, _)| *username)).await;
}

/// An empty laptop connected as `username`, after its first sync.
pub async fn laptop_of(server: &Throwaway, username: &str) -> Env {
    let env = Env::blank().await;
    sync::login(&env.nimbo, &server.base, username, PASSWORD)
        .await
        .expect("connects");
    sync::sync(&env.nimbo).await.expect("the first sync");
    env
}

/// The KAM's laptop, where a customer and an order are recorded and sent; the order's
/// number.
async fn kam_with_an_order(server: &Throwaway) -> (Env, String) {
    let kam = laptop_of(server, "ana").await;
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    let order = orders::create(&kam.nimbo, "ana", &ruc, "AWS para el ERP")
        .await
        .expect("opens")
        .number;
    sync::sync(&kam.nimbo).await.expect("sends");
    (kam, order)
}

/// The same pre-sales engineer on two laptops, each completing step 1 of the order
/// offline.
async fn step_one_on_two_laptops(server: &Throwaway, order: &str) -> (Env, Env) {
    let (one, two) = (
        laptop_of(server, "pedro").await,
        laptop_of(server, "pedro").await,
    );
    for laptop in [&one, &two] {
        step(&laptop.nimbo, laptop, order, Step::NeedsSurvey)
            .await
            .expect("step 1 offline");
    }
    (one, two)
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
    let Some(server) = server().await else {
        return;
    };
    let base = server.base.clone();

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
    team_passwords(&server).await;

    // The KAM's laptop starts empty and gets everything from the server.
    let kam = Env::blank().await;
    sync::login(&kam.nimbo, &base, "ana", PASSWORD)
        .await
        .expect("the KAM connects");
    let pulled = sync::sync(&kam.nimbo).await.expect("the KAM's first sync");
    assert_eq!(
        pulled.pulled, 8,
        "the server's administrator, then the organisation and six users: {pulled:?}"
    );
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
    let presales = laptop_of(&server, "pedro").await;
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
    let Some(server) = server().await else {
        return;
    };
    let _office = office_synced(&server).await;
    let (_kam, order) = kam_with_an_order(&server).await;

    // Two pre-sales laptops (the same engineer, two machines) both pull, then both
    // complete step 1 offline.
    let (one, two) = step_one_on_two_laptops(&server, &order).await;
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

/// Every order a laptop holds, by number, as the domain's record.
async fn orders_of(
    nimbo: &Nimbo,
) -> std::collections::BTreeMap<String, nimbo_domain::order::Order> {
    let filter = nimbo_store::orders::OrderFilter {
        limit: 500,
        ..Default::default()
    };
    let mut all = std::collections::BTreeMap::new();
    for line in orders::list(nimbo, &filter, false)
        .await
        .expect("the orders")
        .orders
    {
        let order = orders::show(nimbo, &line.number)
            .await
            .expect("an order")
            .order;
        all.insert(line.number, order);
    }
    all
}

/// Random work on three laptops — the KAM's opening orders and doing her steps, the
/// pre-sales engineer's two machines doing his (racing each other) — with random syncs
/// of random laptops in between; then everyone syncs until nothing moves, and every
/// laptop holds exactly the server's orders. Eight seeds; a failure names its seed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_work_on_three_laptops_with_random_syncs_ends_with_every_database_equal_to_the_servers()
 {
    let Some(server) = server().await else {
        return;
    };
    let base = server.base.clone();
    let _office = office_synced(&server).await;
    let client = nimbo_sync::client::Client::new(&base).expect("a client");
    let (signed_in, _) = client
        .sign_in(ADMIN, PASSWORD)
        .await
        .expect("the admin reads");

    let mut covered = (0usize, 0usize, 0usize, 0usize);
    let mut edits = 0;
    for seed in 1..=8u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let kam = Env::blank().await;
        let (one, two) = (Env::blank().await, Env::blank().await);
        let laptops: [(&Env, &str); 3] = [(&kam, "ana"), (&one, "pedro"), (&two, "pedro")];
        for (env, user) in laptops {
            sync::login(&env.nimbo, &base, user, PASSWORD)
                .await
                .expect("connects");
            sync::sync(&env.nimbo)
                .await
                .expect("pulls the organisation");
        }
        let base_ruc = 80_030_000 + u32::try_from(seed).unwrap_or(0) * 100;
        let done = random_work(&laptops, &mut rng, base_ruc, 30).await;
        covered.0 += done.syncs;
        covered.1 += done.orders;
        covered.2 += done.steps;
        edits += done.edits;
        // Everyone syncs, twice round, until nothing is pending anywhere.
        for _ in 0..3 {
            for (env, _) in laptops {
                sync::sync(&env.nimbo)
                    .await
                    .unwrap_or_else(|e| panic!("seed {seed}: a final sync failed: {e:?}"));
            }
        }
        for (env, _) in laptops {
            let status = sync::status(&env.nimbo).await.expect("status");
            assert_eq!(status.pending, 0, "seed {seed}: {status:?}");
            covered.3 += status.unaccepted;
        }
        assert_all_hold_the_servers_orders(&signed_in, &laptops, seed).await;
    }
    eprintln!(
        "random sync workloads: {} syncs mid-way, {} orders opened, {} steps done offline, \
         {edits} customer addresses changed offline, {} changes refused and realigned, over 8 seeds",
        covered.0, covered.1, covered.2, covered.3
    );
    assert!(
        covered.1 > 0 && covered.2 > 0,
        "the workloads did something: {covered:?}"
    );
}

/// What a random workload did.
#[derive(Debug, Default)]
pub struct Work {
    /// Syncs attempted mid-way.
    pub syncs: usize,
    /// Orders opened.
    pub orders: usize,
    /// Steps completed offline.
    pub steps: usize,
    /// Customer addresses changed offline (two laptops may change the same one).
    pub edits: usize,
}

/// `actions` random actions on the laptops: the KAM (`ana`) opens orders for new customers
/// (RUCs from `base_ruc`) and does her steps, pre-sales (`pedro`) does his, and any laptop
/// syncs now and then (a sync that fails — the network, the server — is simply retried
/// later, as the desktop's timer does).
pub async fn random_work(
    laptops: &[(&Env, &str); 3],
    rng: &mut fastrand::Rng,
    base_ruc: u32,
    actions: usize,
) -> Work {
    let mut done = Work::default();
    let mut customers = 0u32;
    for _ in 0..actions {
        let (env, user) = laptops[rng.usize(..3)];
        match rng.u8(..10) {
            0..=2 => {
                let _ = sync::sync(&env.nimbo).await;
                done.syncs += 1;
            }
            6..=7 if customers > 0 => {
                // Anyone may correct a customer's address, the laptop may not hold the
                // customer yet (then nothing happens), and two laptops may change the
                // same one before they sync: the server's rule decides, everywhere.
                let ruc = ruc(base_ruc + rng.u32(..customers));
                let patch = nimbo_domain::customer::CustomerPatch {
                    address: Some(format!("Calle {} nº {}", rng.u32(1..60), rng.u32(100..999))),
                    ..Default::default()
                };
                env.advance(1);
                if customers::edit(&env.nimbo, user, &ruc, &patch)
                    .await
                    .is_ok()
                {
                    done.edits += 1;
                }
            }
            3..=5 if user == "ana" && customers < 4 => {
                let ruc = add_customer(&env.nimbo, base_ruc + customers, true).await;
                customers += 1;
                orders::create(&env.nimbo, "ana", &ruc, "AWS")
                    .await
                    .expect("opens");
                done.orders += 1;
            }
            _ => {
                let mine = orders_of(&env.nimbo).await;
                let waiting: Vec<(String, Step)> = mine
                    .iter()
                    .filter_map(|(n, o)| o.current.map(|s| (n.clone(), s)))
                    .filter(|(_, s)| performer(*s) == user)
                    .collect();
                if waiting.is_empty() {
                    continue;
                }
                let (number, s) = waiting[rng.usize(..waiting.len())].clone();
                if step(&env.nimbo, env, &number, s).await.is_ok() {
                    done.steps += 1;
                }
            }
        }
    }
    done
}

/// Every laptop holds exactly the server's orders and customers.
pub async fn assert_all_hold_the_servers_orders(
    server: &nimbo_sync::client::Client,
    laptops: &[(&Env, &str); 3],
    seed: u64,
) {
    let reference = orders_of(&laptops[0].0.nimbo).await;
    for (number, local) in &reference {
        let held = server
            .record("order", &local.id.to_string())
            .await
            .expect("the server's order");
        let Some(nimbo_domain::operation::Record::Order(server_order)) = held else {
            panic!("seed {seed}: the server lacks order {number}");
        };
        assert_eq!(local, &server_order, "seed {seed}: order {number}");
    }
    for (env, user) in &laptops[1..] {
        assert_eq!(
            orders_of(&env.nimbo).await,
            reference,
            "seed {seed}: {user}'s laptop differs from the first"
        );
    }
    // A completed order's subscription has the same id on every laptop (derived from the
    // order), whether the laptop completed the order or replayed it.
    for (env, user) in laptops {
        let mut conn = env.nimbo.store().read().await.expect("a connection");
        for (number, order) in &reference {
            let held = nimbo_store::subscriptions::by_order(&mut conn, order.id)
                .await
                .expect("the subscription")
                .map(|s| s.id);
            let expected = (order.status == nimbo_domain::order::OrderStatus::Completed)
                .then(|| nimbo_domain::subscription::Subscription::id_for(order.id));
            assert_eq!(
                held, expected,
                "seed {seed}: {user}'s subscription of {number}"
            );
        }
    }
    let customers = customers_of(&laptops[0].0.nimbo).await;
    for customer in &customers {
        let held = server
            .record("customer", &customer.id.to_string())
            .await
            .expect("the server's customer");
        let Some(nimbo_domain::operation::Record::Customer(on_server)) = held else {
            panic!("seed {seed}: the server lacks customer {}", customer.ruc);
        };
        assert_eq!(
            customer, &on_server,
            "seed {seed}: customer {}",
            customer.ruc
        );
    }
    for (env, user) in &laptops[1..] {
        assert_eq!(
            customers_of(&env.nimbo).await,
            customers,
            "seed {seed}: {user}'s customers differ from the first laptop's"
        );
    }
}

async fn customers_of(nimbo: &Nimbo) -> Vec<nimbo_domain::customer::Customer> {
    let mut all = customers::search(nimbo, "", 500, 0)
        .await
        .expect("the customers");
    all.sort_by_key(|c| c.id);
    all
}

/// A user as this laptop holds them.
async fn held(nimbo: &Nimbo, username: &str) -> nimbo_domain::user::User {
    nimbo_app::users::show(nimbo, username)
        .await
        .unwrap_or_else(|e| panic!("{username} on this laptop: {e:?}"))
}

/// The server's administrator adds a KAM with `nimbo-server user add` (the throwaway
/// helper runs the same function): the office's laptop and her own empty one learn her
/// and her role at their next sync, and the order she opens offline is applied. When the
/// server's administrator revokes her role, her laptop learns that too and refuses her
/// the next order. The server's own administrator, made before the office set the
/// organisation up, settles on the office's laptop with the server's id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kam_added_on_the_server_appears_on_the_laptops_with_her_role_and_acts_and_a_role_revoked_there_is_gone_too()
 {
    let Some(server) = server().await else {
        return;
    };
    let base = server.base.clone();
    let office = office_synced(&server).await;
    let admin_on_server = {
        let client = nimbo_sync::client::Client::new(&base).expect("a client");
        let (signed_in, _) = client
            .sign_in(ADMIN, PASSWORD)
            .await
            .expect("the admin reads");
        match signed_in.record("user", ADMIN).await.expect("the record") {
            Some(nimbo_domain::operation::Record::User(user)) => user,
            other => panic!("the administrator on the server: {other:?}"),
        }
    };
    // The office's own administrator and the server's are one person with one id.
    let admin_here = held(&office.nimbo, ADMIN).await;
    assert_eq!(admin_here.id, admin_on_server.id);
    assert_eq!(
        sync::status(&office.nimbo).await.expect("status").pending,
        0
    );

    // Ana records a customer with its master contract and syncs.
    let ana = laptop_of(&server, "ana").await;
    assert_eq!(held(&ana.nimbo, ADMIN).await.id, admin_on_server.id);
    let ruc = add_customer(&ana.nimbo, 80_028_061, true).await;
    sync::sync(&ana.nimbo)
        .await
        .expect("ana sends the customer");

    // On the server: a new KAM.
    server
        .add_user("karen", "Karen Ortiz", &[Role::Kam], PASSWORD)
        .await
        .expect("karen on the server");
    sync::sync(&office.nimbo).await.expect("the office syncs");
    let on_office = held(&office.nimbo, "karen").await;
    assert_eq!(on_office.full_name, "Karen Ortiz");
    assert!(on_office.roles.contains(&Role::Kam), "{on_office:?}");

    // Her laptop starts empty; after its first sync she opens an order offline.
    let karen = laptop_of(&server, "karen").await;
    assert!(held(&karen.nimbo, "karen").await.roles.contains(&Role::Kam));
    let order = orders::create(&karen.nimbo, "karen", &ruc, "AWS para el ERP")
        .await
        .expect("the new KAM opens an order")
        .number;
    let sent = sync::sync(&karen.nimbo).await.expect("karen syncs");
    assert_eq!((sent.applied, sent.refused), (1, 0), "{sent:?}");
    sync::sync(&office.nimbo)
        .await
        .expect("the office pulls her order");
    assert_eq!(
        current(&office.nimbo, &order).await,
        Some(Step::NeedsSurvey)
    );

    // On the server: her role is revoked. Both laptops learn it.
    server
        .revoke("karen", Role::Kam)
        .await
        .expect("the role revoked on the server");
    for laptop in [&office, &karen] {
        sync::sync(&laptop.nimbo).await.expect("syncs");
        let now = held(&laptop.nimbo, "karen").await;
        assert!(!now.roles.contains(&Role::Kam), "{now:?}");
    }
    let refused = orders::create(&karen.nimbo, "karen", &ruc, "Otro servicio").await;
    assert_eq!(
        refused.as_ref().map_err(AppError::code).err(),
        Some(ErrorCode::NotAllowed),
        "{refused:?}"
    );
    let status = sync::status(&karen.nimbo).await.expect("status");
    assert_eq!((status.pending, status.unaccepted), (0, 0), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_without_http_is_refused_as_not_a_server_and_nothing_is_kept() {
    let laptop = Env::blank().await;
    let refused = sync::login(&laptop.nimbo, "sync.empresa.com.py", ADMIN, PASSWORD)
        .await
        .expect_err("not an address");
    assert_eq!(refused.code(), ErrorCode::SyncBadServerUrl);
    let said = refused.message(nimbo_domain::Lang::Es);
    assert!(
        said.contains("«sync.empresa.com.py»") && said.contains("https://"),
        "names what was typed and how to write it: {said}"
    );
    let status = sync::status(&laptop.nimbo).await.expect("the status");
    assert_eq!(status.server_url, None, "not connected");
}

/// The words a history gives a completed step, in Spanish.
fn completed(step: Step) -> String {
    format!(
        "completó el paso {} «{}»",
        step.number(),
        step.name(nimbo_domain::Lang::Es)
    )
}

/// Moves a laptop's pull cursor back, as if it had crashed after replaying a page but
/// before keeping its place — the next sync replays the page again.
async fn pull_again_from(nimbo: &Nimbo, seq: i64) {
    let mut tx = nimbo.store().begin().await.expect("a transaction");
    sqlx::query("UPDATE sync_session SET pulled_through = ?")
        .bind(seq)
        .execute(&mut *tx)
        .await
        .expect("the cursor moves back");
    tx.commit().await.expect("committed");
}

/// This laptop's audit chain is sound and holds only what was done here.
async fn audit_sound_and_own(env: &Env) {
    let verification = nimbo_app::audit::verify(&env.nimbo)
        .await
        .expect("the audit trail is read");
    assert!(
        verification.broken.is_none(),
        "nimbo audit verify passes after pulling others' work: {:?}",
        verification.broken
    );
    let own = crate::support::count(&env.nimbo, "audit_events").await;
    assert_eq!(
        i64::try_from(verification.checked).unwrap_or(-1),
        own,
        "every event of the chain was checked"
    );
    assert_eq!(
        own,
        crate::support::count(&env.nimbo, "outbox").await,
        "one audit event per change made here, none for others' work"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_advanced_on_laptop_a_shows_on_laptop_bs_history_who_completed_each_step_and_when()
{
    let Some(server) = server().await else {
        return;
    };
    let _office = office_synced(&server).await;
    let kam = laptop_of(&server, "ana").await;
    let ruc = add_customer(&kam.nimbo, 80_028_061, true).await;
    let order = orders::create(&kam.nimbo, "ana", &ruc, "AWS para el ERP")
        .await
        .expect("the order opens")
        .number;
    let opened_at = kam.nimbo.now();
    sync::sync(&kam.nimbo).await.expect("the KAM sends it");

    // Laptop A: pre-sales pulls the order and completes steps 1–3 offline, then syncs.
    let presales = laptop_of(&server, "pedro").await;
    let done = [Step::NeedsSurvey, Step::ApnOpportunity, Step::Offer];
    let mut when = Vec::new();
    for s in done {
        step(&presales.nimbo, &presales, &order, s)
            .await
            .expect("pre-sales' step");
        when.push(presales.nimbo.now());
    }
    let before = sync::status(&kam.nimbo)
        .await
        .expect("status")
        .pulled_through;
    sync::sync(&presales.nimbo).await.expect("pre-sales syncs");

    // Laptop B: the KAM's history shows her own opening and pre-sales' three steps, with
    // who and when (pre-sales' clock), worded as on pre-sales' own laptop.
    let pulled = sync::sync(&kam.nimbo).await.expect("the KAM syncs again");
    assert_eq!(pulled.pulled, 3, "{pulled:?}");
    let entries = orders::history(&kam.nimbo, &order)
        .await
        .expect("the history");
    let seen: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                e.actor.as_str(),
                e.action.as_str(),
                e.at,
                e.from_elsewhere(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("ana", "order.opened", opened_at, false),
            ("pedro", "order.step_completed", when[0], true),
            ("pedro", "order.step_completed", when[1], true),
            ("pedro", "order.step_completed", when[2], true),
        ]
    );
    let words =
        nimbo_app::views::history::order_history(&kam.nimbo, &order, nimbo_domain::Lang::Es)
            .await
            .expect("the history in words");
    let texts: Vec<_> = words
        .iter()
        .map(|e| (e.text.clone(), e.elsewhere))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("abrió el pedido".to_string(), false),
            (completed(done[0]), true),
            (completed(done[1]), true),
            (completed(done[2]), true),
        ]
    );
    // Pre-sales' own laptop words its steps the same way, and shows the KAM's opening.
    let theirs =
        nimbo_app::views::history::order_history(&presales.nimbo, &order, nimbo_domain::Lang::Es)
            .await
            .expect("pre-sales' history");
    let their_texts: Vec<_> = theirs
        .iter()
        .map(|e| (e.text.clone(), e.elsewhere))
        .collect();
    assert_eq!(
        their_texts,
        vec![
            ("abrió el pedido".to_string(), true),
            (completed(done[0]), false),
            (completed(done[1]), false),
            (completed(done[2]), false),
        ]
    );

    // Replaying the same page again (a crash before the cursor was kept) adds nothing.
    let kept = crate::support::count(&kam.nimbo, "replayed_history").await;
    pull_again_from(&kam.nimbo, before).await;
    sync::sync(&kam.nimbo)
        .await
        .expect("the page is replayed again");
    assert_eq!(
        crate::support::count(&kam.nimbo, "replayed_history").await,
        kept
    );
    assert_eq!(
        orders::history(&kam.nimbo, &order)
            .await
            .expect("the history")
            .len(),
        4,
        "no entry twice"
    );

    // Others' work lies beside the KAM's audit chain, not in it: `audit verify` passes.
    audit_sound_and_own(&kam).await;
    audit_sound_and_own(&presales).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_refused_by_the_server_reads_as_refused_in_its_authors_history() {
    let Some(server) = server().await else {
        return;
    };
    let _office = office_synced(&server).await;
    let (_kam, order) = kam_with_an_order(&server).await;

    // The same engineer completes step 1 on two laptops offline; the first to sync wins.
    let (one, two) = step_one_on_two_laptops(&server, &order).await;
    sync::sync(&one.nimbo).await.expect("the first to sync");
    let _ = sync::sync(&two.nimbo).await;
    let _ = sync::sync(&two.nimbo).await;
    let refused = sync::unaccepted(&two.nimbo).await.expect("the refusals");
    assert_eq!(refused.len(), 1);
    let reason = refused[0].answer["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!reason.is_empty());

    // On the second laptop its own step 1 reads as refused, with the server's reason;
    // the step that stood is the first laptop's, brought by the pull.
    for (lang, refused_words) in [
        (nimbo_domain::Lang::Es, "rechazado por el servidor"),
        (nimbo_domain::Lang::En, "refused by the server"),
    ] {
        let words = nimbo_app::views::history::order_history(&two.nimbo, &order, lang)
            .await
            .expect("the history");
        let mine: Vec<_> = words
            .iter()
            .filter(|e| e.actor == "pedro" && !e.elsewhere)
            .collect();
        assert_eq!(mine.len(), 1, "{words:?}");
        assert_eq!(mine[0].refused.as_deref(), Some(reason.as_str()));
        assert!(
            mine[0]
                .text
                .ends_with(&format!("({refused_words}: {reason})")),
            "{}",
            mine[0].text
        );
        let stood: Vec<_> = words
            .iter()
            .filter(|e| e.actor == "pedro" && e.elsewhere)
            .collect();
        assert_eq!(stood.len(), 1, "{words:?}");
        assert!(stood[0].refused.is_none());
        if lang == nimbo_domain::Lang::Es {
            assert_eq!(stood[0].text, completed(Step::NeedsSurvey));
        }
    }
    // The first laptop's step stood: nothing there reads as refused.
    let first =
        nimbo_app::views::history::order_history(&one.nimbo, &order, nimbo_domain::Lang::Es)
            .await
            .expect("the history");
    assert!(first.iter().all(|e| e.refused.is_none()), "{first:?}");
    audit_sound_and_own(&two).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_recorded_on_laptop_a_appears_in_laptop_bs_signature_trail() {
    use nimbo_app::attachments::FileUpload;
    use nimbo_app::documents;
    use nimbo_domain::customer::{CustomerDraft, MasterContractDraft};
    use nimbo_domain::document::{Channel, DocumentKind, Party};
    use nimbo_domain::role::Role;

    let Some(server) = server().await else {
        return;
    };
    // One person holding every role of the workflow, so that a single laptop can take an
    // order to its acceptance act (the server takes each operation only from its author).
    let office = office_synced(&server).await;
    let all = [
        Role::Kam,
        Role::Presales,
        Role::Regional,
        Role::Offers,
        Role::CorporateSupport,
        Role::OrderManager,
    ];
    crate::stories::add_user(&office.nimbo, "equipo", &all).await;
    sync::sync(&office.nimbo)
        .await
        .expect("the user reaches the server");
    server
        .set_password("equipo", PASSWORD)
        .await
        .expect("a password");

    // Laptop A: the order up to its acceptance act, the act issued, sent and signed.
    let a = laptop_of(&server, "equipo").await;
    let ruc = ruc(80_028_061);
    customers::create(
        &a.nimbo,
        "equipo",
        &CustomerDraft {
            name: "Cliente Firmante S.A.".into(),
            ruc: ruc.clone(),
            segment: "corporate".into(),
            address: Some("Av. España 1234, Asunción".into()),
            billing_account: Some("200300400".into()),
            billing_cycle: Some("15".into()),
        },
    )
    .await
    .expect("the customer");
    customers::record_master_contract(
        &a.nimbo,
        "equipo",
        &ruc,
        &MasterContractDraft {
            signed_on: "2025-03-01".into(),
            reference: "CMS-2025-0001".into(),
        },
    )
    .await
    .expect("the contract");
    customers::add_representative(&a.nimbo, "equipo", &ruc, &representative())
        .await
        .expect("the representative");
    let number = orders::create(&a.nimbo, "equipo", &ruc, "AWS para el ERP")
        .await
        .expect("the order")
        .number;
    while let Some(s) = current(&a.nimbo, &number).await {
        if s == Step::AcceptanceAct {
            break;
        }
        a.advance(60);
        orders::complete_step(
            &a.nimbo,
            "equipo",
            &number,
            simple_path(s, a.today(), a.today()),
        )
        .await
        .unwrap_or_else(|e| panic!("step {s}: {e:?}"));
    }
    let act = DocumentKind::AcceptanceAct;
    documents::generate(&a.nimbo, "equipo", &number, act)
        .await
        .expect("the act");
    a.advance(10);
    documents::send(&a.nimbo, "equipo", &number, act, Channel::InPerson, None)
        .await
        .expect("sent");
    a.advance(10);
    let drawing = FileUpload::from_bytes(
        "firma.png",
        nimbo_docs::samples::SIGNATURE_CUSTOMER_PNG.to_vec(),
    )
    .expect("a png");
    let signed =
        documents::sign_in_person(&a.nimbo, "equipo", &number, act, Party::Customer, drawing)
            .await
            .expect("the customer signs");
    let sent = sync::sync(&a.nimbo).await.expect("laptop A syncs");
    assert_eq!(sent.refused, 0, "{sent:?}");

    // Laptop B pulls it all: its trail of every version reads as laptop A's, event for
    // event — who, when, what, which signer, which files — under ids of its own.
    let b = laptop_of(&server, "ana").await;
    let trail = |lines: Vec<documents::VersionLine>| {
        lines
            .into_iter()
            .flat_map(|l| l.events)
            .map(|e| {
                (
                    e.document_id,
                    e.version,
                    e.at,
                    e.actor,
                    e.kind,
                    e.party,
                    e.detail,
                    e.pdf_sha256,
                    e.snapshot_sha256,
                )
            })
            .collect::<Vec<_>>()
    };
    let on_a = trail(documents::list(&a.nimbo, &number).await.expect("A's"));
    let on_b = trail(documents::list(&b.nimbo, &number).await.expect("B's"));
    assert!(
        on_a.iter().any(
            |e| e.4 == nimbo_domain::document::SignatureEventKind::Signed
                && e.5 == Some(Party::Customer)
        ),
        "{on_a:?}"
    );
    assert_eq!(on_b, on_a);

    // B recognises the signed rendering made on A, and its audit chain is its own.
    assert!(matches!(
        documents::verify(&b.nimbo, signed.signed_pdf.as_deref().unwrap_or_default())
            .await
            .expect("verified"),
        documents::Verdict::Signed { .. }
    ));
    audit_sound_and_own(&b).await;

    // Replaying the pages again adds no event twice.
    let events = crate::support::count(&b.nimbo, "signature_events").await;
    pull_again_from(&b.nimbo, 0).await;
    sync::sync(&b.nimbo).await.expect("replayed again");
    assert_eq!(
        crate::support::count(&b.nimbo, "signature_events").await,
        events
    );
}

/// The administrator's second laptop, after its first sync.
async fn second_admin_laptop(server: &Throwaway) -> Env {
    laptop_of(server, ADMIN).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_prices_set_offline_for_the_same_day_are_not_merged_the_second_is_refused_and_undone() {
    use nimbo_app::billing::catalogue::{PriceDraft, holidays, plans, set_holiday, set_price};
    let Some(server) = server().await else {
        return;
    };
    let office = office_synced(&server).await;
    let other = second_admin_laptop(&server).await;
    let from = (office.today() + chrono::Duration::days(40)).to_string();
    let vip = |minimum: &str| PriceDraft {
        code: "aws-vip".into(),
        minimum: Some(minimum.into()),
        valid_from: from.clone(),
        ..PriceDraft::default()
    };
    // Offline, each laptop sets next month's VIP minimum, differently.
    set_price(&office.nimbo, ADMIN, &vip("80"))
        .await
        .expect("set here");
    set_price(&other.nimbo, ADMIN, &vip("90"))
        .await
        .expect("set there");
    // And the office adds a holiday.
    let holiday = (office.today() + chrono::Duration::days(45)).to_string();
    set_holiday(&office.nimbo, ADMIN, &holiday, "Feriado decretado", true)
        .await
        .expect("a holiday");

    let first = sync::sync(&office.nimbo).await.expect("the first to sync");
    assert_eq!((first.applied, first.refused), (2, 0), "{first:?}");
    sync::sync(&other.nimbo).await.ok();
    let refused = sync::unaccepted(&other.nimbo).await.expect("the refusals");
    assert_eq!(
        refused.len(),
        1,
        "the second price is refused, never merged"
    );
    assert_eq!(
        refused[0].answer["code"],
        ErrorCode::MoneyConflict.as_str(),
        "{:?}",
        refused[0].answer
    );

    // The refused laptop holds the price the server kept, and the office's holiday.
    let minimum_on = |records: Vec<nimbo_domain::operation::PlanRecord>| {
        records
            .into_iter()
            .find(|r| r.code == "aws-vip")
            .and_then(|r| {
                r.prices
                    .into_iter()
                    .find(|p| p.valid_from.to_string() == from)
            })
            .map(|p| p.plan.pricing)
    };
    let kept = minimum_on(plans(&office.nimbo).await.expect("plans"));
    assert!(kept.is_some());
    assert_eq!(minimum_on(plans(&other.nimbo).await.expect("plans")), kept);
    let there = holidays(&other.nimbo, None).await.expect("holidays");
    assert!(
        there
            .iter()
            .any(|h| h.date.to_string() == holiday && h.active),
        "the holiday travelled"
    );
}
