//! The records of `apply` kept in a real SQLite file: saved and loaded back whole, saved
//! again in a later state, and a laptop's replay of another's operations leaving the same
//! records the domain makes on its own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use nimbo_domain::customer::{
    BillingAccount, Customer, CustomerDraft, LegalRepresentative, RepresentativeDraft,
};
use nimbo_domain::document::{
    DocumentKind, DocumentVersion, Party, SignatureMethod, SignatureRecord, SignerEntry,
};
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{
    Command, DocumentRecord, EntityKind, FieldChange, MemoryRecords, Operation, OperationBody,
    Record, RecordKey, apply, wanted,
};
use nimbo_domain::order::{Branch, Order, OrderStatus, Step, StepContext};
use nimbo_domain::organisation::Organisation;
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_store::{Store, attachments, records};
use nimbo_testkit::customers::{master_contract, ruc};
use nimbo_testkit::files::{attachment, sha256_hex};
use nimbo_testkit::steps::{self, PDF};
use serde_json::json;
use tempfile::TempDir;
use uuid::Uuid;

/// 2026-01-05 12:00 UTC, in milliseconds: the operations' clocks count from here.
const NOON: i64 = 1_767_614_400_000;

fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

async fn fresh() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nimbo.sqlite")).await.unwrap();
    (dir, store)
}

const LOGO: &[u8] = b"\x89PNG logotipo de prueba";

fn user(name: &str, roles: &[Role]) -> User {
    UserDraft {
        username: name.into(),
        full_name: format!("{name} de prueba"),
        email: Some(format!("{name}@example.com.py")),
        roles: roles.to_vec(),
    }
    .validate(Uuid::now_v7(), at(NOON - 86_400_000))
    .unwrap()
}

fn representative(name: &str, document: &str) -> LegalRepresentative {
    RepresentativeDraft {
        name: name.into(),
        document: document.into(),
        email: "firmas@nanduti.com.py".into(),
        phone: "+595 21 555 0101".into(),
    }
    .validate(Uuid::now_v7())
    .unwrap()
}

fn customer() -> Customer {
    let mut c = CustomerDraft {
        name: "Cooperativa Ñandutí Ltda.".into(),
        ruc: ruc(80028061),
        segment: "corporate".into(),
        address: Some("Av. Mcal. López 1234, Asunción".into()),
        ..CustomerDraft::default()
    }
    .validate(Uuid::now_v7(), at(NOON - 3_600_000))
    .unwrap();
    c.billing_account = Some(BillingAccount {
        number: "100234567".into(),
        cycle: 15,
    });
    c.master_contract = Some(master_contract());
    c.representatives = vec![
        representative("María José Benítez", "1.234.567"),
        representative("Juan Carlos Ortiz", "2.345.678"),
    ];
    c
}

/// The steps of the simple path, in order.
fn simple_path() -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|s| s.branch() == Branch::Always)
        .collect()
}

fn context(ms: i64) -> StepContext {
    let view = MemoryRecords::default();
    use nimbo_domain::operation::Records;
    StepContext {
        today: nimbo_domain::time::today_in_asuncion(at(ms)),
        plans: view.plans(),
        risks: view.risks(),
        signed_documents: BTreeSet::new(),
    }
}

/// An order opened and taken `steps` steps along the simple path by the domain itself.
fn order(customer: &Customer, actor: &User, steps: usize) -> Order {
    let mut order = Order::open(
        Uuid::now_v7(),
        "7K3F-000001".into(),
        customer,
        "Tigo Cloud AWS",
        actor,
        at(NOON),
    )
    .unwrap();
    for (i, step) in simple_path().into_iter().take(steps).enumerate() {
        let ms = NOON + 60_000 * (i as i64 + 1);
        order = order
            .complete_step(
                step,
                &steps::input(step, steps::Path::default()),
                &context(ms),
                customer,
                actor,
                at(ms),
            )
            .unwrap()
            .0;
    }
    order
}

fn version(
    doc: Uuid,
    order: Uuid,
    n: u32,
    pdf: &[u8],
    signature: SignatureRecord,
) -> DocumentVersion {
    let snapshot = format!("{{\"version\":{n}}}");
    DocumentVersion {
        document_id: doc,
        kind: DocumentKind::RiskAct,
        order_id: order,
        process_id: None,
        number: "RSK-7K3F-000001".into(),
        version: n,
        snapshot_sha256: sha256_hex(snapshot.as_bytes()),
        snapshot,
        pdf_sha256: sha256_hex(pdf),
        size: pdf.len() as u64,
        issued_at: at(NOON + 3_600_000 * i64::from(n)),
        issued_by: "karina".into(),
        signature,
    }
}

fn signers() -> Vec<SignerEntry> {
    vec![
        SignerEntry::pending(
            Party::Customer,
            "María José Benítez",
            Some("firmas@nanduti.com.py".into()),
            Some("1.234.567".into()),
        ),
        SignerEntry::pending(Party::Organisation, "Ana Gómez", None, None),
    ]
}

/// A document with two versions: the first voided, the second signed by the customer only.
/// The first version's PDF is stored; the second's is not (yet).
fn document(order_id: Uuid) -> DocumentRecord {
    let id = Uuid::now_v7();
    let issued = |n| {
        SignatureRecord::draft(DocumentKind::RiskAct, "RSK-7K3F-000001", n, signers())
            .issue()
            .unwrap()
    };
    let first = issued(1).void("reemplazada por la versión 2").unwrap();
    let second = issued(2)
        .sign(
            Party::Customer,
            SignatureMethod::InPerson {
                drawing_sha256: sha256_hex(b"firma"),
            },
            at(NOON + 9_000_000),
            "karina",
        )
        .unwrap();
    DocumentRecord {
        id,
        order_id,
        process_id: None,
        kind: DocumentKind::RiskAct,
        number: "RSK-7K3F-000001".into(),
        versions: vec![
            version(id, order_id, 1, PDF, first),
            version(id, order_id, 2, b"%PDF-1.7 not stored here", second),
        ],
    }
}

fn organisation() -> Organisation {
    Organisation {
        name: "Tigo Business Paraguay".into(),
        ruc: ruc(80000190).parse().unwrap(),
        demo: false,
        created_at: at(NOON - 7 * 86_400_000),
        address: Some("Asunción".into()),
        phone: Some("+595 21 000 000".into()),
        email: Some("info@example.com.py".into()),
        website: None,
        logo: Some(attachment("logo.png", "image/png", LOGO)),
        tbo_url: Some("https://tbo.example.com.py".into()),
        mco_password_delivery: Some("por SMS, dentro de las 24 horas".into()),
        ticket_instructions: None,
        response_critical: Some("1 hora".into()),
        response_high: None,
        response_normal: Some("1 día hábil".into()),
        suspension_grace_days: Some(30),
    }
}

/// Every key `wanted` names for the records, so that a load brings them all.
fn keys_of(records: &MemoryRecords) -> Vec<RecordKey> {
    let mut keys = vec![RecordKey::Organisation, RecordKey::Admins];
    keys.extend(records.users.keys().cloned().map(RecordKey::User));
    for c in records.customers.values() {
        keys.push(RecordKey::Customer(c.id));
        keys.push(RecordKey::CustomerByRuc(c.ruc.to_string()));
    }
    for o in records.orders.values() {
        keys.push(RecordKey::Order(o.id));
        keys.push(RecordKey::OrderByNumber(o.number.clone()));
        keys.push(RecordKey::DocumentsOf(o.id));
        keys.push(RecordKey::Stamps(EntityKind::Order, o.id));
    }
    keys.extend(records.documents.keys().copied().map(RecordKey::Document));
    keys
}

async fn save(store: &Store, records: &[Record]) {
    let mut tx = store.begin().await.unwrap();
    records::save(&mut tx, records, at(NOON + 86_400_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn load(store: &Store, keys: &[RecordKey]) -> MemoryRecords {
    let mut conn = store.read().await.unwrap();
    let mut view = MemoryRecords::default();
    records::load(&mut conn, keys, &mut view).await.unwrap();
    view
}

async fn count(store: &Store, table: &str) -> i64 {
    let mut conn = store.read().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn records_saved_into_an_empty_database_load_back_as_they_were() {
    let (_dir, store) = fresh().await;
    let admin = user("admin", &[Role::Admin]);
    let kam = user("karina", &[Role::Kam, Role::OrderManager]);
    let former = User {
        active: false,
        ..user("pedro", &[Role::Admin, Role::Presales])
    };
    let customer = customer();
    let order = order(&customer, &user("todo", &Role::ALL), 4);
    let document = document(order.id);
    let mut expected = MemoryRecords::default();
    for record in [
        Record::Organisation(organisation()),
        Record::User(admin.clone()),
        Record::User(kam),
        Record::User(former),
        Record::Customer(customer.clone()),
        Record::Order(order.clone()),
        Record::Document(document.clone()),
    ] {
        expected.put(record);
    }
    // The logo is stored first, as the profile's row refers to it; the second version's
    // PDF is not, and the version is saved all the same.
    let mut tx = store.begin().await.unwrap();
    attachments::put(
        &mut tx,
        organisation().logo.as_ref().unwrap(),
        LOGO,
        at(NOON),
    )
    .await
    .unwrap();
    attachments::put(&mut tx, &steps::pdf(), PDF, at(NOON))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let all: Vec<Record> = [
        Record::Organisation(organisation()),
        Record::Customer(customer.clone()),
        Record::Order(order.clone()),
        Record::Document(document.clone()),
    ]
    .into_iter()
    .chain(expected.users.values().cloned().map(Record::User))
    .collect();
    save(&store, &all).await;

    let loaded = load(&store, &keys_of(&expected)).await;
    assert_eq!(loaded, expected);
    assert_eq!(loaded.documents[&document.id].versions.len(), 2);
    assert_eq!(loaded.customers[&customer.id].representatives.len(), 2);

    // Each key alone brings what it names, and nothing else.
    let admins = load(&store, &[RecordKey::Admins]).await;
    assert_eq!(admins.users.keys().collect::<Vec<_>>(), ["admin"]);
    let by_ruc = load(
        &store,
        &[RecordKey::CustomerByRuc(customer.ruc.to_string())],
    )
    .await;
    assert_eq!(by_ruc.customers[&customer.id], customer);
    let by_number = load(&store, &[RecordKey::OrderByNumber(order.number.clone())]).await;
    assert_eq!(by_number.orders[&order.id], order);
    let of_order = load(&store, &[RecordKey::DocumentsOf(order.id)]).await;
    assert_eq!(of_order.documents[&document.id], document);
    assert!(of_order.orders.is_empty() && of_order.organisation.is_none());

    // What this database does not hold is left out.
    let ghost = Uuid::now_v7();
    let missing = load(
        &store,
        &[
            RecordKey::User("nadie".into()),
            RecordKey::Customer(ghost),
            RecordKey::CustomerByRuc(ruc(80099999)),
            RecordKey::Order(ghost),
            RecordKey::OrderByNumber("7K3F-999999".into()),
            RecordKey::Document(ghost),
            RecordKey::DocumentsOf(ghost),
            RecordKey::Stamps(EntityKind::Customer, customer.id),
        ],
    )
    .await;
    assert_eq!(missing, MemoryRecords::default());
}

#[tokio::test]
async fn a_record_saved_again_in_a_later_state_replaces_the_first_without_duplicates() {
    let (_dir, store) = fresh().await;
    let actor = user("todo", &Role::ALL);
    let mut customer = customer();
    let early = order(&customer, &actor, 2);
    let mut document = document(early.id);
    let mut grown = document.clone();
    grown.versions.truncate(1);
    grown.versions[0].signature =
        SignatureRecord::draft(DocumentKind::RiskAct, "RSK-7K3F-000001", 1, signers())
            .issue()
            .unwrap();
    // First: the customer, the order two steps in, the document with one live version.
    save(
        &store,
        &[
            Record::User(actor.clone()),
            Record::Customer(customer.clone()),
            Record::Order(early.clone()),
            Record::Document(grown),
        ],
    )
    .await;

    // Then: a representative removed, the order through its whole path (completed), the
    // document's first version voided and a second one partly signed.
    customer.representatives.truncate(1);
    customer.name = "Cooperativa Ñandutí S.A.".into();
    let mut late = early.clone();
    for (i, step) in simple_path().into_iter().enumerate().skip(2) {
        let ms = NOON + 60_000 * (i as i64 + 1);
        late = late
            .complete_step(
                step,
                &steps::input(step, steps::Path::default()),
                &context(ms),
                &customer,
                &actor,
                at(ms),
            )
            .unwrap()
            .0;
    }
    assert_eq!(late.status, OrderStatus::Completed);
    let mut gone = actor.clone();
    gone.roles.remove(&Role::Admin);
    gone.active = false;
    save(
        &store,
        &[
            Record::User(gone.clone()),
            Record::Customer(customer.clone()),
            Record::Order(late.clone()),
            Record::Document(document.clone()),
        ],
    )
    .await;
    // Saving the same state once more changes nothing.
    save(&store, &[Record::Document(document.clone())]).await;

    let loaded = load(
        &store,
        &[
            RecordKey::User("todo".into()),
            RecordKey::Customer(customer.id),
            RecordKey::Order(late.id),
            RecordKey::Document(document.id),
        ],
    )
    .await;
    assert_eq!(loaded.users["todo"], gone);
    assert_eq!(loaded.customers[&customer.id], customer);
    assert_eq!(loaded.orders[&late.id], late);
    assert_eq!(loaded.documents[&document.id], document);
    for (table, rows) in [
        ("users", 1),
        ("user_roles", gone.roles.len() as i64),
        ("customers", 1),
        ("legal_representatives", 1),
        ("orders", 1),
        ("documents", 1),
        ("document_versions", 2),
        ("document_signers", 4),
        // A completed order brings no subscription along: that is the caller's to decide.
        ("subscriptions", 0),
        // Nor does a save write the audit trail or the outbox.
        ("audit_events", 0),
        ("outbox", 0),
    ] {
        assert_eq!(count(&store, table).await, rows, "{table}");
    }

    // A version that contradicts the one held is refused, never written over.
    document.versions[0].snapshot = "{\"otra\":true}".into();
    let mut tx = store.begin().await.unwrap();
    let refused = records::save(&mut tx, &[Record::Document(document)], at(NOON))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, nimbo_store::StoreError::Diverged(_)),
        "{refused}"
    );
}

/// One laptop's operations, with its clock.
struct Laptop {
    actor: User,
    ms: i64,
}

impl Laptop {
    fn op(&mut self, entity: EntityKind, entity_id: Uuid, body: OperationBody) -> Operation {
        self.ms += 1_000;
        Operation {
            id: Uuid::now_v7(),
            hlc: Hlc {
                wall_ms: self.ms,
                counter: 0,
                node: "laptop-a".into(),
            },
            device: Uuid::nil(),
            actor: self.actor.username.clone(),
            entity,
            entity_id,
            body,
        }
    }

    fn command(&mut self, entity: EntityKind, entity_id: Uuid, command: Command) -> Operation {
        self.op(entity, entity_id, OperationBody::Command { command })
    }
}

/// What laptop A did: set up, people, a customer, an order through its whole path, a
/// second order whose offer records risks, and that order's risk act in two versions.
fn laptop_a_operations() -> Vec<Operation> {
    let admin = user("admin", &[Role::Admin]);
    let mut a = Laptop {
        actor: user("todo", &Role::ALL),
        ms: NOON,
    };
    let full = customer();
    let reps = full.representatives.clone();
    let customer = Customer {
        representatives: Vec::new(),
        master_contract: None,
        ..full
    };
    let c = customer.id;
    let nil = Uuid::nil();
    let mut ops = vec![
        a.command(
            EntityKind::Organisation,
            nil,
            Command::InitOrganisation {
                name: "Tigo Business Paraguay".into(),
                ruc: ruc(80000190),
                admin: admin.clone(),
                logo: None,
                demo: false,
            },
        ),
        a.command(
            EntityKind::User,
            nil,
            Command::CreateUser {
                user: user("karina", &[Role::Kam]),
            },
        ),
        a.command(
            EntityKind::User,
            nil,
            Command::GrantRole {
                username: "karina".into(),
                role: Role::Admin,
            },
        ),
        a.command(
            EntityKind::User,
            nil,
            Command::CreateUser {
                user: user("pedro", &[Role::Presales]),
            },
        ),
        a.command(
            EntityKind::User,
            nil,
            Command::SetUserActive {
                username: "pedro".into(),
                active: false,
            },
        ),
        a.command(
            EntityKind::User,
            nil,
            Command::RevokeRole {
                username: "admin".into(),
                role: Role::Admin,
            },
        ),
        a.command(
            EntityKind::Customer,
            c,
            Command::CreateCustomer { customer },
        ),
    ];
    for rep in &reps {
        ops.push(a.command(
            EntityKind::Customer,
            c,
            Command::AddRepresentative {
                customer_id: c,
                representative: rep.clone(),
            },
        ));
    }
    ops.push(a.command(
        EntityKind::Customer,
        c,
        Command::RecordMasterContract {
            customer_id: c,
            contract: master_contract(),
        },
    ));
    ops.push(a.op(
        EntityKind::Customer,
        c,
        OperationBody::Fields {
            entity: EntityKind::Customer,
            entity_id: c,
            changes: vec![FieldChange {
                field: "name".into(),
                old: json!("Cooperativa Ñandutí Ltda."),
                new: json!("Cooperativa Ñandutí S.A."),
            }],
        },
    ));

    let whole = Uuid::now_v7();
    let risky = Uuid::now_v7();
    for (order_id, number, steps, risks) in [
        (whole, "7K3F-000001", simple_path(), false),
        (
            risky,
            "7K3F-000002",
            simple_path()
                .into_iter()
                .take_while(|s| *s != Step::CustomerSignature)
                .collect(),
            true,
        ),
    ] {
        ops.push(a.command(
            EntityKind::Order,
            order_id,
            Command::OpenOrder {
                order_id,
                number: number.into(),
                customer_id: c,
                title: "Tigo Cloud AWS".into(),
            },
        ));
        for step in steps {
            ops.push(a.command(
                EntityKind::Order,
                order_id,
                Command::CompleteStep {
                    order_id,
                    step,
                    input: steps::input(
                        step,
                        steps::Path {
                            risks,
                            ..steps::Path::default()
                        },
                    ),
                },
            ));
        }
    }

    let doc = Uuid::now_v7();
    for n in 1..=2u32 {
        let snapshot = format!("{{\"order\":\"7K3F-000002\",\"version\":{n}}}");
        let pdf = format!("%PDF-1.7 acta de riesgos v{n}");
        ops.push(a.command(
            EntityKind::Document,
            doc,
            Command::IssueDocumentVersion {
                document_id: doc,
                order_id: risky,
                process_id: None,
                kind: DocumentKind::RiskAct,
                number: "RSK-7K3F-000002".into(),
                version: n,
                snapshot_sha256: sha256_hex(snapshot.as_bytes()),
                snapshot,
                pdf: attachment("acta.pdf", "application/pdf", pdf.as_bytes()),
                issued_at: at(a.ms),
                signers: signers(),
            },
        ));
    }
    ops.push(a.command(
        EntityKind::Document,
        doc,
        Command::SignDocumentInPerson {
            document_id: doc,
            version: 2,
            party: Party::Customer,
            drawing: attachment("firma.png", "image/png", b"firma"),
            signed_pdf: attachment("firmada.pdf", "application/pdf", b"%PDF firmada"),
            signed_snapshot_sha256: None,
            signed_at: at(a.ms),
        },
    ));
    ops
}

/// Every key an operation's records answer to, for comparing what both sides hold.
fn touched(ops: &[Operation], a: &MemoryRecords) -> Vec<RecordKey> {
    let mut keys: BTreeSet<RecordKey> = keys_of(a).into_iter().collect();
    for op in ops {
        keys.extend(wanted(op, a));
    }
    keys.into_iter().collect()
}

#[tokio::test]
async fn operations_replayed_on_another_database_leave_the_records_the_domain_made() {
    let ops = laptop_a_operations();
    let actor = user("todo", &Role::ALL);

    // Laptop A (or the server): the domain alone, in memory.
    let mut a = MemoryRecords::default();
    for op in &ops {
        let outcome = apply(op, &actor, &a).unwrap_or_else(|r| panic!("{r:?}"));
        a.absorb(&outcome);
    }
    let completed = a
        .orders
        .values()
        .filter(|o| o.status == OrderStatus::Completed);
    assert_eq!(completed.count(), 1);
    let doc = a.documents.values().next().unwrap();
    assert_eq!(doc.versions.len(), 2);
    assert!(doc.versions[0].is_voided());

    // Laptop B: each pulled operation, in its own transaction, against what B holds.
    let (_dir, store) = fresh().await;
    let mut b_outcomes = 0;
    for op in &ops {
        let mut tx = store.begin().await.unwrap();
        let mut view = MemoryRecords::default();
        records::load_wanted(&mut tx, op, &mut view).await.unwrap();
        let outcome = apply(op, &actor, &view).unwrap_or_else(|r| panic!("{r:?}"));
        records::save(&mut tx, &outcome.records, at(op.hlc.wall_ms))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        b_outcomes += outcome.records.len();
    }
    assert!(b_outcomes >= ops.len());

    let keys = touched(&ops, &a);
    let b = load(&store, &keys).await;
    // B keeps no per-field stamps (the server decided those conflicts); all else agrees.
    // The catalogue, the holidays and the subscription the set-up and the completion
    // wrote are compared by what the database holds below, not by the keys loaded.
    let a_records = MemoryRecords {
        stamps: Default::default(),
        subscriptions: Default::default(),
        plans: Default::default(),
        risks: Default::default(),
        holidays: Default::default(),
        ..a.clone()
    };
    assert_eq!(b, a_records);
    // The replay sets up the completed order's subscription, as the laptop that completed
    // it did.
    assert_eq!(count(&store, "subscriptions").await, 1);
    assert_eq!(count(&store, "plans").await, 4);
    assert_eq!(count(&store, "document_versions").await, 2);
}

/// A replay leaves each operation's history entry and signature-trail events once, under
/// ids derived from the operation, however often it is run; and what it left cannot be
/// changed or deleted.
#[tokio::test]
async fn a_replays_history_and_trail_are_kept_once_however_often_it_runs() {
    use nimbo_domain::history::{HistoryEntry, Origin};
    use nimbo_store::{documents, history};

    let ops = laptop_a_operations();
    let actor = user("todo", &Role::ALL);
    let (_dir, store) = fresh().await;
    let mut trail_events = 0;
    for (seq, op) in (1..).zip(&ops) {
        let mut tx = store.begin().await.unwrap();
        let mut view = MemoryRecords::default();
        records::load_wanted(&mut tx, op, &mut view).await.unwrap();
        let outcome = apply(op, &actor, &view).unwrap_or_else(|r| panic!("{r:?}"));
        records::save(&mut tx, &outcome.records, at(op.hlc.wall_ms))
            .await
            .unwrap();
        let entry = HistoryEntry::replayed(op, seq, &outcome).unwrap();
        for time in 0..2 {
            assert_eq!(
                history::append_replayed(&mut tx, &entry).await.unwrap(),
                time == 0
            );
            for (n, e) in outcome.trail.iter().enumerate() {
                let event =
                    e.clone()
                        .stamped(op.derived_id("signature_event", n), entry.at, &op.actor);
                assert_eq!(
                    documents::append_replayed_event(&mut tx, &event)
                        .await
                        .unwrap(),
                    time == 0
                );
            }
        }
        trail_events += outcome.trail.len();
        tx.commit().await.unwrap();
    }
    assert_eq!(
        count(&store, "replayed_history").await,
        i64::try_from(ops.len()).unwrap()
    );
    // Two versions issued, the first voided by the second, a signature: four events.
    assert_eq!(trail_events, 4);
    assert_eq!(count(&store, "signature_events").await, 4);
    assert_eq!(count(&store, "audit_events").await, 0);

    // The order's history: every entry from elsewhere, in the order they were made.
    let order = ops
        .iter()
        .find(|op| op.entity == EntityKind::Order)
        .unwrap()
        .entity_id;
    let mut conn = store.begin().await.unwrap();
    let entries = history::of_entity(&mut conn, order).await.unwrap();
    assert!(entries.len() > 2);
    assert_eq!(entries[0].action, "order.opened");
    assert!(
        entries
            .iter()
            .skip(1)
            .all(|e| e.action == "order.step_completed")
    );
    assert!(
        entries
            .windows(2)
            .all(|w| w[0].hlc < w[1].hlc && matches!(w[0].origin, Origin::Replayed { .. }))
    );
    let changed = sqlx::query("UPDATE replayed_history SET actor = 'otro'")
        .execute(&mut *conn)
        .await;
    assert!(changed.is_err(), "the replayed history is append-only");
    let deleted = sqlx::query("DELETE FROM replayed_history")
        .execute(&mut *conn)
        .await;
    assert!(deleted.is_err(), "the replayed history is append-only");
}

/// Writes a document's first version as the store wrote it before migration 0015 gave
/// documents a process: the columns of that time, so that older migrations can be tested
/// with today's code.
async fn save_before_0015(
    conn: &mut sqlx::SqliteConnection,
    doc: &DocumentRecord,
) -> Result<(), sqlx::Error> {
    let v = &doc.versions[0];
    sqlx::query(
        "INSERT INTO documents (id, order_id, kind, number, current_version, created_at) \
         VALUES (?, ?, ?, ?, 1, ?)",
    )
    .bind(doc.id.to_string())
    .bind(doc.order_id.to_string())
    .bind(doc.kind.id())
    .bind(&doc.number)
    .bind(NOON.to_string())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO document_versions (document_id, version, order_id, kind, number, snapshot, \
         snapshot_sha256, pdf_sha256, size, issued_at, issued_by, state, expires_on, signature, \
         updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
    )
    .bind(doc.id.to_string())
    .bind(doc.order_id.to_string())
    .bind(doc.kind.id())
    .bind(&v.number)
    .bind(&v.snapshot)
    .bind(&v.snapshot_sha256)
    .bind(&v.pdf_sha256)
    .bind(i64::try_from(v.size).unwrap())
    .bind(nimbo_domain::audit::canonical_time(v.issued_at))
    .bind(&v.issued_by)
    .bind(v.signature.state.id().id())
    .bind(serde_json::to_string(&v.signature).unwrap())
    .bind(NOON.to_string())
    .execute(&mut *conn)
    .await?;
    for s in &v.signature.signers {
        sqlx::query(
            "INSERT INTO document_signers (document_id, version, party, name, state, body) \
             VALUES (?, 1, ?, ?, 'pending', ?)",
        )
        .bind(doc.id.to_string())
        .bind(s.party.id())
        .bind(&s.name)
        .bind(serde_json::to_string(s).unwrap())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A database made before migration 0007, with a document, its signers and its trail,
/// keeps them all when 0007 takes the PDF's reference off, and keeps its version facts
/// fixed and its versions undeletable.
#[tokio::test]
async fn migration_0007_keeps_every_version_and_its_guards() {
    let dir = tempfile::tempdir().unwrap();
    let early = dir.path().join("migrations");
    std::fs::create_dir(&early).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "0006" {
            std::fs::copy(&path, early.join(&name)).unwrap();
        }
    }
    let path = dir.path().join("nimbo.sqlite");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(early.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    let actor = user("todo", &Role::ALL);
    let customer = customer();
    let order = order(&customer, &actor, 1);
    let mut document = document(order.id);
    document.versions.truncate(1);
    {
        let mut tx = pool.begin().await.unwrap();
        nimbo_store::customers::insert(&mut tx, &customer)
            .await
            .unwrap();
        nimbo_store::orders::insert(&mut tx, &order).await.unwrap();
        attachments::put(&mut tx, &steps::pdf(), PDF, at(NOON))
            .await
            .unwrap();
        save_before_0015(&mut tx, &document).await.unwrap();
        sqlx::query(
            "INSERT INTO signature_events (id, document_id, version, at, actor, event, detail) \
             VALUES (?, ?, 1, ?, 'todo', 'issued', 'emitida')",
        )
        .bind(Uuid::now_v7().to_string())
        .bind(document.id.to_string())
        .bind(NOON.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    {
        // Before 0007, a version whose PDF is not stored here is refused.
        let mut tx = pool.begin().await.unwrap();
        let mut unstored = self::document(order.id);
        unstored.versions.truncate(1);
        unstored.versions[0].pdf_sha256 = sha256_hex(b"not stored");
        unstored.number = "RSK-OTHER".into();
        unstored.kind = DocumentKind::AcceptanceAct;
        let refused = save_before_0015(&mut tx, &unstored).await.unwrap_err();
        assert!(refused.to_string().contains("FOREIGN KEY"), "{refused}");
    }
    pool.close().await;

    let store = Store::open(&path).await.unwrap();
    let loaded = load(&store, &[RecordKey::Document(document.id)]).await;
    assert_eq!(loaded.documents[&document.id], document);
    assert_eq!(count(&store, "document_signers").await, 2);
    assert_eq!(count(&store, "signature_events").await, 1);
    let mut conn = store.read().await.unwrap();
    let broken: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    let changed = sqlx::query("UPDATE document_versions SET snapshot = 'x'")
        .execute(&mut *conn)
        .await
        .unwrap_err();
    assert!(changed.to_string().contains("never change"), "{changed}");
    let deleted = sqlx::query("DELETE FROM document_versions")
        .execute(&mut *conn)
        .await
        .unwrap_err();
    assert!(deleted.to_string().contains("never deleted"), "{deleted}");
    // A PDF not stored here no longer stops a version.
    drop(conn);
    let mut second = self::document(order.id);
    second.id = document.id;
    for v in &mut second.versions {
        v.document_id = document.id;
    }
    second.versions[0] = document.versions[0].clone();
    save(&store, &[Record::Document(second.clone())]).await;
    assert_eq!(
        load(&store, &[RecordKey::Document(document.id)])
            .await
            .documents[&document.id],
        second
    );
}

#[tokio::test]
async fn a_statements_versions_load_back_and_the_servers_record_replaces_a_refused_one() {
    use nimbo_domain::billing::{StatementRecord, StatementVersion, statement_number};
    let (_dir, store) = fresh().await;
    let period = "2026-11".parse().unwrap();
    let mut statement = StatementRecord::new(
        Uuid::from_u128(0xC1),
        period,
        &statement_number("80028061-0", period),
    );
    let version = |n: u32, by: &str| StatementVersion {
        version: n,
        snapshot_sha256: format!("{n}").repeat(64),
        pdf_sha256: format!("{n}f").repeat(32),
        issued_at: at(NOON + i64::from(n) * 1000),
        issued_by: by.into(),
    };
    statement.versions = vec![version(1, "beatriz"), version(2, "karina")];
    save(&store, &[Record::Statement(statement.clone())]).await;
    let held = load(&store, &[RecordKey::Statement(statement.id)]).await;
    assert_eq!(held.statements.get(&statement.id), Some(&statement));
    {
        let mut conn = store.read().await.unwrap();
        let found = nimbo_store::billing::statements::by_pdf_sha256(&mut conn, &"1f".repeat(32))
            .await
            .unwrap();
        assert_eq!(
            found.map(|(s, v)| (s.number, v)),
            Some((statement.number.clone(), 1))
        );
    }

    // The server kept only version 1 (version 2 was refused): its record replaces ours.
    let mut servers = statement.clone();
    servers.versions.truncate(1);
    save(&store, &[Record::Statement(servers.clone())]).await;
    let held = load(&store, &[RecordKey::Statement(statement.id)]).await;
    assert_eq!(held.statements.get(&statement.id), Some(&servers));
    assert_eq!(count(&store, "statement_versions").await, 1);

    // One the server never accepted at all is forgotten.
    let mut tx = store.begin().await.unwrap();
    assert!(
        records::forget(&mut tx, "statement", &statement.id.to_string())
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    assert_eq!(count(&store, "statements").await, 0);
    assert_eq!(count(&store, "statement_versions").await, 0);
}
