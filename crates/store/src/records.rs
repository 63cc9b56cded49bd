//! The records of the domain's [`apply`](nimbo_domain::operation::apply), read from and
//! written to this database: how a laptop replays the operations it pulls, with the same
//! code the sync server ran to decide them. The caller asks [`wanted`] what an operation
//! reads, [`load`]s it into a [`MemoryRecords`] view (or lets [`load_wanted`] do both),
//! applies the operation, and [`save`]s the outcome's records.
//!
//! What it must not do: decide anything (the domain did), begin or commit a transaction,
//! write an audit event or an outbox operation (the caller journals what it replays, and
//! a pulled operation is not this laptop's to send again), or create what a record's new
//! state implies beyond the record itself — a completed order's subscription is the
//! caller's decision. It never changes a document version's data or hashes: the triggers
//! of migration 0004 forbid it, and a version that differs from the one held here is
//! refused as [`StoreError::Diverged`] rather than attempted.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use nimbo_domain::document::DocumentVersion;
use nimbo_domain::operation::{
    DocumentRecord, MemoryRecords, Operation, Record, RecordKey, wanted,
};
use sqlx::SqliteConnection;

use crate::documents::{self, DocumentRow};
use crate::{
    StoreError, billing, catalogue, customers, orders, organisation, processes, subscriptions,
    users,
};

/// Loads into `view` what `keys` name (see [`RecordKey`]); a record this database does not
/// hold is simply left out. Documents come with every version ([`DocumentRecord`]). What
/// the view held under the same key is replaced by what this database holds.
pub async fn load(
    conn: &mut SqliteConnection,
    keys: &[RecordKey],
    view: &mut MemoryRecords,
) -> Result<(), StoreError> {
    for key in keys {
        match key {
            RecordKey::Organisation => {
                if let Some(org) = organisation::load(conn).await? {
                    view.put(Record::Organisation(org));
                }
            }
            RecordKey::User(username) => {
                if let Some(user) = users::by_username(conn, username).await? {
                    view.put(Record::User(user));
                }
            }
            RecordKey::Admins => {
                for user in users::active_admins(conn).await? {
                    view.put(Record::User(user));
                }
            }
            RecordKey::Customer(id) => {
                if let Some(customer) = customers::by_id(conn, *id).await? {
                    view.put(Record::Customer(customer));
                }
            }
            RecordKey::CustomerByRuc(ruc) => {
                if let Some(customer) = customers::by_ruc(conn, ruc).await? {
                    view.put(Record::Customer(customer));
                }
            }
            RecordKey::Order(id) => {
                if let Some(order) = orders::by_id(conn, *id).await? {
                    view.put(Record::Order(order));
                }
            }
            RecordKey::OrderByNumber(number) => {
                if let Some(order) = orders::by_number(conn, number).await? {
                    view.put(Record::Order(order));
                }
            }
            RecordKey::Document(id) => {
                if let Some(row) = documents::by_id(conn, *id).await? {
                    let doc = document_record(conn, row).await?;
                    view.put(Record::Document(doc));
                }
            }
            RecordKey::DocumentsOf(order_id) => {
                for row in documents::of_order(conn, *order_id).await? {
                    let doc = document_record(conn, row).await?;
                    view.put(Record::Document(doc));
                }
            }
            RecordKey::DocumentsOfProcess(process_id) => {
                for row in documents::of_process(conn, *process_id).await? {
                    let doc = document_record(conn, row).await?;
                    view.put(Record::Document(doc));
                }
            }
            // Kept as the server keeps them, so a replayed edit is merged by the same rule.
            RecordKey::Stamps(kind, id) => crate::stamps::load(conn, *kind, *id, view).await?,
            RecordKey::Subscription(id) => {
                if let Some(s) = subscriptions::by_id(conn, *id).await? {
                    view.put(Record::Subscription(s));
                }
            }
            RecordKey::Plans => {
                for plan in catalogue::plan_records(conn).await? {
                    view.put(Record::Plan(plan));
                }
            }
            RecordKey::Risks => {
                for risk in catalogue::all_risks(conn).await? {
                    view.put(Record::Risk(risk));
                }
            }
            RecordKey::Holidays => {
                for h in billing::holidays::all(conn).await? {
                    view.put(Record::Holiday(h));
                }
            }
            RecordKey::HoursOf(person) => {
                for h in billing::hours::of_person(conn, person).await? {
                    view.put(Record::Hours(h));
                }
            }
            RecordKey::ConsumptionImport(id) => {
                if let Some(i) = billing::consumption::by_id(conn, *id).await? {
                    view.put(Record::ConsumptionImport(i));
                }
            }
            RecordKey::PeriodLock(period) => {
                if let Some(l) = billing::locks::of_period(conn, *period).await? {
                    view.put(Record::PeriodLock(l));
                }
            }
            RecordKey::Invoice(id) => {
                if let Some(i) = billing::invoices::by_id(conn, *id).await? {
                    view.put(Record::Invoice(i));
                }
            }
            RecordKey::InvoiceByNumber(number) => {
                if let Some(i) = billing::invoices::by_number(conn, number).await? {
                    view.put(Record::Invoice(i));
                }
            }
            RecordKey::BillingInputs(period) => {
                load_billing_inputs(conn, *period, view).await?;
            }
            RecordKey::Process(id) => {
                if let Some(p) = processes::by_id(conn, *id).await? {
                    view.put(Record::Process(p));
                }
            }
            RecordKey::ProcessesOf(subscription_id) => {
                for p in processes::of_subscription(conn, *subscription_id).await? {
                    view.put(Record::Process(p));
                }
            }
            RecordKey::InvoicesOf(account) => {
                for i in billing::invoices::of_account(conn, account).await? {
                    view.put(Record::Invoice(i));
                }
            }
            RecordKey::Statement(id) => {
                if let Some(s) = billing::statements::by_id(conn, *id).await? {
                    view.put(Record::Statement(s));
                }
            }
        }
    }
    Ok(())
}

/// Loads what [`wanted`] names for the operation, asking again until nothing new is named
/// (an order names its customer once the order is loaded); each key is read once.
pub async fn load_wanted(
    conn: &mut SqliteConnection,
    op: &Operation,
    view: &mut MemoryRecords,
) -> Result<(), StoreError> {
    let mut asked = BTreeSet::new();
    loop {
        let keys: Vec<RecordKey> = wanted(op, view)
            .into_iter()
            .filter(|key| !asked.contains(key))
            .collect();
        if keys.is_empty() {
            return Ok(());
        }
        load(conn, &keys, view).await?;
        asked.extend(keys);
    }
}

/// What a period's run reads (see [`RecordKey::BillingInputs`]): every subscription, the
/// plans and holidays, the period's hours and adjustments, and every import's head with
/// the sums it has in the period (an import with none there is held without sums, so
/// that a later import of the same months is seen to replace it).
async fn load_billing_inputs(
    conn: &mut SqliteConnection,
    period: nimbo_domain::billing::Period,
    view: &mut MemoryRecords,
) -> Result<(), StoreError> {
    for s in subscriptions::all(conn).await? {
        view.put(Record::Subscription(s));
    }
    for plan in catalogue::plan_records(conn).await? {
        view.put(Record::Plan(plan));
    }
    for h in billing::holidays::all(conn).await? {
        view.put(Record::Holiday(h));
    }
    for h in billing::hours::in_period(conn, period).await? {
        view.put(Record::Hours(h));
    }
    for a in billing::adjustments::in_period(conn, period).await? {
        view.put(Record::Adjustment(a));
    }
    for head in billing::consumption::all_heads(conn).await? {
        view.put(Record::ConsumptionImport(head));
    }
    for import in billing::consumption::reaching(conn, period).await? {
        view.put(Record::ConsumptionImport(import));
    }
    Ok(())
}

async fn document_record(
    conn: &mut SqliteConnection,
    row: DocumentRow,
) -> Result<DocumentRecord, StoreError> {
    let versions = documents::versions(conn, row.id).await?;
    if versions.last().map(|v| v.version) != Some(row.current_version) {
        return Err(StoreError::Corrupt(format!(
            "el documento {} dice estar en la versión {} y tiene {}",
            row.number,
            row.current_version,
            versions.len()
        )));
    }
    Ok(DocumentRecord {
        id: row.id,
        order_id: row.order_id,
        process_id: row.process_id,
        kind: row.kind,
        number: row.number,
        versions,
    })
}

/// Writes records an applied operation produced — each created or replaced in its new
/// state — in the caller's transaction (no audit, no outbox: the caller journals). `now`
/// is when this laptop writes them, for its own bookkeeping columns.
pub async fn save(
    conn: &mut SqliteConnection,
    records: &[Record],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for record in records {
        match record {
            Record::Organisation(org) => organisation::upsert(conn, org).await?,
            Record::User(user) => users::upsert(conn, user).await?,
            Record::Customer(customer) => customers::upsert(conn, customer, now).await?,
            Record::Order(order) => orders::upsert(conn, order).await?,
            Record::Document(doc) => save_document(conn, doc, now).await?,
            Record::Subscription(s) => subscriptions::upsert(conn, s).await?,
            Record::Plan(plan) => catalogue::put_plan_record(conn, plan).await?,
            Record::Risk(risk) => catalogue::put_risk(conn, risk).await?,
            Record::Holiday(h) => billing::holidays::upsert(conn, h).await?,
            Record::Hours(h) => billing::hours::insert(conn, h).await?,
            Record::Adjustment(a) => billing::adjustments::insert(conn, a).await?,
            Record::ConsumptionImport(i) => billing::consumption::insert(conn, i).await?,
            Record::PeriodLock(l) => billing::locks::insert(conn, l).await?,
            Record::Invoice(i) => billing::invoices::upsert(conn, i).await?,
            Record::Process(p) => processes::upsert(conn, p).await?,
            Record::Statement(s) => billing::statements::save(conn, s).await?,
        }
    }
    Ok(())
}

/// The document row, the versions this database lacks, and the signature records of the
/// versions it has. A version's PDF need not be stored here yet (migration 0007).
async fn save_document(
    conn: &mut SqliteConnection,
    doc: &DocumentRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (Some(first), Some(latest)) = (doc.versions.first(), doc.latest()) else {
        // `apply` never makes a document without a version; the table cannot hold one.
        return Err(StoreError::Corrupt(format!(
            "el documento {} no tiene versiones",
            doc.number
        )));
    };
    if let Some(stray) = doc.versions.iter().find(|v| v.document_id != doc.id) {
        return Err(StoreError::Corrupt(format!(
            "la versión {} dice ser de otro documento que {}",
            stray.version, doc.number
        )));
    }
    let row = DocumentRow {
        id: doc.id,
        order_id: doc.order_id,
        process_id: doc.process_id,
        kind: doc.kind,
        number: doc.number.clone(),
        current_version: latest.version,
    };
    // Its creation is its first version's issue, the same on every laptop that replays it.
    documents::upsert_document(conn, &row, first.issued_at).await?;
    for v in &doc.versions {
        match documents::version(conn, doc.id, v.version).await? {
            None => documents::insert_version(conn, v, now).await?,
            Some(held) => {
                if !same_facts(&held, v) {
                    return Err(StoreError::Diverged(format!(
                        "la versión {} del documento {} aquí no es la recibida",
                        v.version, doc.number
                    )));
                }
                // Only the signature record of a version may move on; leave an unchanged
                // one alone so that its `updated_at` tells when it last really changed.
                if held.signature != v.signature {
                    documents::save_signature(conn, doc.id, v.version, &v.signature, now).await?;
                }
            }
        }
    }
    Ok(())
}

/// Whether two versions agree on everything the triggers keep fixed.
fn same_facts(a: &DocumentVersion, b: &DocumentVersion) -> bool {
    a.document_id == b.document_id
        && a.version == b.version
        && a.order_id == b.order_id
        && a.kind == b.kind
        && a.number == b.number
        && a.snapshot == b.snapshot
        && a.snapshot_sha256 == b.snapshot_sha256
        && a.pdf_sha256 == b.pdf_sha256
        && a.size == b.size
        && a.issued_at == b.issued_at
        && a.issued_by == b.issued_by
}

/// Removes a billing record the server refused to create (see `nimbo-app`'s realign):
/// an interval, an adjustment, an import, a lock, an invoice or a statement, by the server's kind name
/// and key. True when something was removed.
pub async fn forget(
    conn: &mut SqliteConnection,
    kind: &str,
    key: &str,
) -> Result<bool, StoreError> {
    if kind == "statement" {
        return billing::statements::forget(conn, key).await;
    }
    let statements: &[&'static str] = match kind {
        "hours" => &["DELETE FROM hours WHERE id = ?"],
        "adjustment" => &["DELETE FROM adjustments WHERE id = ?"],
        "consumption_import" => &[
            "DELETE FROM consumption WHERE import_id = ?",
            "DELETE FROM consumption_imports WHERE id = ?",
        ],
        "period_lock" => &[
            "DELETE FROM charge_lines WHERE period = ?",
            "DELETE FROM period_locks WHERE period = ?",
        ],
        "invoice" => &["DELETE FROM invoices WHERE id = ?"],
        _ => &[],
    };
    let mut removed = 0;
    for sql in statements {
        removed += sqlx::query(*sql)
            .bind(key)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(removed > 0)
}
