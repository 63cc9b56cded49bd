//! The one path, as a property: whatever people do through the laptop's use cases, the
//! operations they queued, applied in order by the domain's `apply` to another store — as
//! the sync server and every other laptop apply them — give that store the same records,
//! the same field stamps, the same subscriptions and the same history (each operation's
//! action and changes, as the laptop's audit trail words them).

use nimbo_app::Nimbo;
use nimbo_domain::operation::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, RecordKey, apply,
};
use nimbo_store::{Store, device, outbox, records, stamps, subscriptions};
use serde_json::Value;
use uuid::Uuid;

/// What a store holds, as `apply` reads it: every record under every key, and each
/// order's subscription.
async fn holdings(store: &Store) -> (MemoryRecords, Vec<String>) {
    let mut conn = store.read().await.expect("a connection");
    let users: Vec<String> = sqlx::query_scalar("SELECT username FROM users ORDER BY username")
        .fetch_all(&mut *conn)
        .await
        .expect("the users");
    let ids = |sql: &'static str| sqlx::query_scalar::<_, String>(sql);
    let customers = ids("SELECT id FROM customers ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .expect("the customers");
    let orders = ids("SELECT id FROM orders ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .expect("the orders");
    let documents = ids("SELECT id FROM documents ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .expect("the documents");
    let uuid = |s: &String| Uuid::parse_str(s).expect("an id");
    let mut keys = vec![
        RecordKey::Organisation,
        RecordKey::Stamps(EntityKind::Organisation, Uuid::nil()),
    ];
    keys.extend(users.into_iter().map(RecordKey::User));
    for id in customers.iter().map(uuid) {
        keys.push(RecordKey::Customer(id));
        keys.push(RecordKey::Stamps(EntityKind::Customer, id));
    }
    keys.extend(orders.iter().map(uuid).map(RecordKey::Order));
    keys.extend(documents.iter().map(uuid).map(RecordKey::Document));
    let mut view = MemoryRecords::default();
    records::load(&mut conn, &keys, &mut view)
        .await
        .expect("the records load");
    let mut subs = Vec::new();
    for id in orders.iter().map(uuid) {
        if let Some(s) = subscriptions::by_order(&mut conn, id)
            .await
            .expect("a subscription")
        {
            subs.push(serde_json::to_string(&s).expect("JSON"));
        }
    }
    (view, subs)
}

/// The laptop's operations, in the order it queued them.
pub async fn queued(laptop: &Nimbo) -> Vec<Operation> {
    let mut conn = laptop.store().read().await.expect("a connection");
    let me = device::load(&mut conn).await.expect("the device").id;
    outbox::pending_batch(&mut conn, me, 0, i64::MAX)
        .await
        .expect("the outbox")
}

/// The laptop's history of its own work: each audit event's action, record and changes.
async fn journalled(laptop: &Nimbo) -> Vec<(String, String, String, Value)> {
    let mut conn = laptop.store().read().await.expect("a connection");
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT action, entity, entity_id, changes FROM audit_events ORDER BY seq")
            .fetch_all(&mut *conn)
            .await
            .expect("the trail");
    rows.into_iter()
        .map(|(a, e, id, c)| {
            (
                a,
                e,
                id,
                serde_json::from_str(&c).expect("changes are JSON"),
            )
        })
        .collect()
}

/// Applies the operations in order to a fresh store, as the server and a replaying laptop
/// do (the actor as that store knows them; the founder sets the organisation up), and
/// returns the history `apply` gives each.
async fn apply_elsewhere(ops: &[Operation], other: &Store) -> Vec<(String, String, String, Value)> {
    let mut history = Vec::new();
    for op in ops {
        let mut tx = other.begin().await.expect("a transaction");
        let mut view = MemoryRecords::default();
        records::load(&mut tx, &[RecordKey::User(op.actor.clone())], &mut view)
            .await
            .expect("the actor");
        records::load_wanted(&mut tx, op, &mut view)
            .await
            .expect("what the operation reads");
        let founder = match &op.body {
            OperationBody::Command {
                command: Command::InitOrganisation { admin, .. },
            } => Some(admin.clone()),
            _ => None,
        };
        let actor = nimbo_domain::operation::Records::user(&view, &op.actor)
            .or(founder)
            .unwrap_or_else(|| panic!("{} is unknown where the operation is applied", op.actor));
        let outcome = apply(op, &actor, &view).unwrap_or_else(|r| {
            panic!("an operation the laptop accepted is refused elsewhere: {r:?}\n{op:?}")
        });
        let now = nimbo_domain::operation::operation_time(op).expect("a time");
        records::save(&mut tx, &outcome.records, now)
            .await
            .expect("the records");
        stamps::save(&mut tx, &outcome.stamps)
            .await
            .expect("the stamps");
        for s in outcome.subscriptions() {
            if subscriptions::by_order(&mut tx, s.order_id)
                .await
                .expect("a lookup")
                .is_none()
            {
                subscriptions::insert(&mut tx, &s)
                    .await
                    .expect("a subscription");
            }
        }
        tx.commit().await.expect("committed");
        history.push((
            op.body.history_action().to_string(),
            op.entity.id().to_string(),
            op.entity_id.to_string(),
            outcome.changes,
        ));
    }
    history
}

/// The property's check, after a scenario ran on `laptop`.
pub async fn apply_elsewhere_agrees(laptop: &Nimbo) {
    let ops = queued(laptop).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let other = Store::open(&dir.path().join("elsewhere.sqlite"))
        .await
        .expect("the other store opens");
    let history = apply_elsewhere(&ops, &other).await;
    assert_eq!(
        journalled(laptop).await,
        history,
        "the laptop's history and apply's differ"
    );
    let (here, here_subs) = holdings(laptop.store()).await;
    let (there, there_subs) = holdings(&other).await;
    assert_eq!(here.organisation, there.organisation, "the organisation");
    assert_eq!(here.users, there.users, "the users");
    assert_eq!(here.customers, there.customers, "the customers");
    assert_eq!(here.orders, there.orders, "the orders");
    assert_eq!(here.documents, there.documents, "the documents");
    assert_eq!(here.stamps, there.stamps, "the field stamps");
    assert_eq!(here_subs, there_subs, "the subscriptions");
    other.close().await;
}

/// The random scenarios of the property rarely reach step 22, so this one does: an order
/// taken to completion through the use cases leaves the same records, subscription and
/// history when its operations are applied elsewhere.
#[tokio::test(flavor = "current_thread")]
async fn an_order_completed_on_the_laptop_sets_up_the_same_subscription_elsewhere() {
    let env = crate::support::Env::new().await;
    let (_, number) = crate::stories::team_and_order(&env).await;
    let activation = env.today() - chrono::Duration::days(3);
    crate::stories::walk(&env, &number, None, activation).await;
    let page = nimbo_app::orders::show(&env.nimbo, &number)
        .await
        .expect("the order");
    assert!(
        page.subscription.is_some(),
        "the completed order has its subscription"
    );
    apply_elsewhere_agrees(&env.nimbo).await;
}
