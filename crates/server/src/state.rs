//! The server's records while one push is decided: what the operations of the batch read
//! is loaded from PostgreSQL (the `entities` table and, for users, the `users` table)
//! into the domain's in-memory view, the domain's [`apply`](nimbo_domain::operation::apply)
//! runs against it, and what it wrote is flushed back in the push's own transaction — so
//! the new state, the operation's answer and its sequence number commit together.
//!
//! Pushes, and the server's own operations ([`crate::admin`]), are decided one after the
//! other (each holds the sequence row's lock: [`crate::postgres::sequence`]), so no other writer
//! changes these rows while the cache holds them.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use nimbo_domain::billing::{
    Adjustment, ConsumptionImport, Holiday, HoursEntry, Invoice, PeriodLock, StatementRecord,
};
use nimbo_domain::catalogue::Risk;
use nimbo_domain::customer::Customer;
use nimbo_domain::operation::{
    DocumentRecord, EntityKind, MemoryRecords, Operation, Outcome, PlanRecord, Record, RecordKey,
    Records, natural_id, wanted,
};
use nimbo_domain::order::Order;
use nimbo_domain::organisation::Organisation;
use nimbo_domain::role::Role;
use nimbo_domain::service::ServiceProcess;
use nimbo_domain::subscription::Subscription;
use nimbo_domain::user::User;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::ServerError;
use crate::postgres::{Connection, records, users};

/// The records a push has read and written so far.
#[derive(Default)]
pub struct PushState {
    records: MemoryRecords,
    loaded: HashSet<RecordKey>,
    /// Records written, with the sequence number of the operation that wrote them last.
    dirty: BTreeMap<(EntityKind, Uuid), i64>,
    dirty_users: BTreeSet<String>,
    /// Billing's and the catalogue's records written, in their last state: flushed as
    /// they are (the older kinds are flushed from the view).
    written: BTreeMap<(EntityKind, Uuid), Record>,
}

fn unreadable(what: &str, e: impl std::fmt::Display) -> ServerError {
    ServerError::Internal(format!("a stored {what} is unreadable: {e}"))
}

fn parse<T: DeserializeOwned>(what: &str, value: serde_json::Value) -> Result<T, ServerError> {
    serde_json::from_value(value).map_err(|e| unreadable(what, e))
}

/// A record's state as the `entities` table keeps it: the domain's value without the
/// record's tag.
fn record_state(record: &Record) -> Result<serde_json::Value, serde_json::Error> {
    match record {
        Record::Organisation(v) => serde_json::to_value(v),
        Record::User(v) => serde_json::to_value(v),
        Record::Customer(v) => serde_json::to_value(v),
        Record::Order(v) => serde_json::to_value(v),
        Record::Document(v) => serde_json::to_value(v),
        Record::Subscription(v) => serde_json::to_value(v),
        Record::Plan(v) => serde_json::to_value(v),
        Record::Risk(v) => serde_json::to_value(v),
        Record::Holiday(v) => serde_json::to_value(v),
        Record::Hours(v) => serde_json::to_value(v),
        Record::Adjustment(v) => serde_json::to_value(v),
        Record::ConsumptionImport(v) => serde_json::to_value(v),
        Record::PeriodLock(v) => serde_json::to_value(v),
        Record::Invoice(v) => serde_json::to_value(v),
        Record::Process(v) => serde_json::to_value(v),
        Record::Statement(v) => serde_json::to_value(v),
    }
}

/// The record of `kind` with this id, if stored.
async fn one<T: DeserializeOwned>(
    conn: &mut Connection,
    kind: &str,
    id: Uuid,
) -> Result<Option<T>, ServerError> {
    let state = records::state(conn, kind, id).await?;
    state.map(|s| parse(kind, s)).transpose()
}

/// Every stored record of `kind`.
async fn all<T: DeserializeOwned>(
    conn: &mut Connection,
    kind: &'static str,
) -> Result<Vec<T>, ServerError> {
    records::states_of_kind(conn, kind)
        .await?
        .into_iter()
        .map(|s| parse(kind, s))
        .collect()
}

impl PushState {
    /// The view the domain reads.
    pub fn view(&self) -> &dyn Records {
        &self.records
    }

    /// The user as this push knows them (changed by an earlier operation of the batch, or
    /// as loaded).
    pub fn user(&self, username: &str) -> Option<User> {
        self.records.user(username)
    }

    /// Loads what the keys name and is not held yet; a record already held (perhaps
    /// changed by this push) is never replaced by its older stored state. True when a
    /// key was new.
    pub async fn load(
        &mut self,
        conn: &mut Connection,
        keys: &[RecordKey],
    ) -> Result<bool, ServerError> {
        let mut new = false;
        for key in keys {
            if self.loaded.contains(key) {
                continue;
            }
            new = true;
            match key {
                RecordKey::Organisation => {
                    if self.records.organisation.is_none() {
                        self.records.organisation = self
                            .one::<Organisation>(conn, "organisation", Uuid::nil())
                            .await?;
                    }
                }
                RecordKey::User(username) => {
                    if !self.records.users.contains_key(username)
                        && let Some(user) = users::by_username(conn, username).await?
                    {
                        self.records.users.insert(user.username.clone(), user);
                    }
                }
                RecordKey::Admins => {
                    for user in users::holding(conn, Role::Admin).await? {
                        self.records
                            .users
                            .entry(user.username.clone())
                            .or_insert(user);
                    }
                }
                RecordKey::Customer(id) => {
                    if !self.records.customers.contains_key(id)
                        && let Some(c) = self.one::<Customer>(conn, "customer", *id).await?
                    {
                        self.records.customers.insert(c.id, c);
                    }
                }
                RecordKey::CustomerByRuc(ruc) => {
                    let rows = records::states_where(conn, "customer", "ruc", ruc).await?;
                    for value in rows {
                        let c: Customer = parse("customer", value)?;
                        self.records.customers.entry(c.id).or_insert(c);
                    }
                }
                RecordKey::Order(id) => {
                    if !self.records.orders.contains_key(id)
                        && let Some(o) = self.one::<Order>(conn, "order", *id).await?
                    {
                        self.records.orders.insert(o.id, o);
                    }
                }
                RecordKey::OrderByNumber(number) => {
                    for value in records::states_where(conn, "order", "number", number).await? {
                        let o: Order = parse("order", value)?;
                        self.records.orders.entry(o.id).or_insert(o);
                    }
                }
                RecordKey::Document(id) => {
                    if !self.records.documents.contains_key(id)
                        && let Some(d) = self.one::<DocumentRecord>(conn, "document", *id).await?
                    {
                        self.records.documents.insert(d.id, d);
                    }
                }
                RecordKey::DocumentsOf(order_id) => {
                    // A process's documents come too (they name the order); the view
                    // tells them apart.
                    let rows =
                        records::states_where(conn, "document", "order_id", &order_id.to_string())
                            .await?;
                    for value in rows {
                        let d: DocumentRecord = parse("document", value)?;
                        self.records.documents.entry(d.id).or_insert(d);
                    }
                }
                RecordKey::DocumentsOfProcess(process_id) => {
                    let rows = records::states_where(
                        conn,
                        "document",
                        "process_id",
                        &process_id.to_string(),
                    )
                    .await?;
                    for value in rows {
                        let d: DocumentRecord = parse("document", value)?;
                        self.records.documents.entry(d.id).or_insert(d);
                    }
                }
                RecordKey::Stamps(kind, id) => {
                    if let Entry::Vacant(slot) = self.records.stamps.entry((*kind, *id))
                        && let Some(stamps) = records::stamps(conn, kind.id(), *id).await?
                    {
                        slot.insert(parse("stamp", stamps)?);
                    }
                }
                other => self.load_billing(conn, other).await?,
            }
            self.loaded.insert(key.clone());
        }
        Ok(new)
    }

    /// Loads everything `op` reads, asking again until nothing new is wanted (an order
    /// names its customer only once it is held).
    pub async fn load_for(
        &mut self,
        conn: &mut Connection,
        op: &Operation,
    ) -> Result<(), ServerError> {
        for _ in 0..4 {
            let keys = wanted(op, self.view());
            if !self.load(conn, &keys).await? {
                break;
            }
        }
        Ok(())
    }

    /// Loads, for a whole batch at once, the records its operations name by id, RUC or
    /// number and the documents of its orders: one query per kind of key instead of one
    /// per key and operation (a push of 200 sent some 250 lookups one after the other).
    /// Keys already held are skipped, as [`PushState::load`] does; what is not found is
    /// marked loaded too, so the per-operation load does not ask again.
    pub async fn preload(
        &mut self,
        conn: &mut Connection,
        keys: &[RecordKey],
    ) -> Result<(), ServerError> {
        let mut customer_ids = Vec::new();
        let mut rucs = Vec::new();
        let mut order_ids = Vec::new();
        let mut numbers = Vec::new();
        let mut documents_of = Vec::new();
        let mut taken = Vec::new();
        for key in keys {
            if self.loaded.contains(key) {
                continue;
            }
            match key {
                RecordKey::Customer(id) => customer_ids.push(*id),
                RecordKey::CustomerByRuc(ruc) => rucs.push(ruc.clone()),
                RecordKey::Order(id) => order_ids.push(*id),
                RecordKey::OrderByNumber(number) => numbers.push(number.clone()),
                RecordKey::DocumentsOf(order) => documents_of.push(order.to_string()),
                _ => continue,
            }
            taken.push(key.clone());
        }
        for value in records::states_by_id(conn, "customer", &customer_ids).await? {
            let c: Customer = parse("customer", value)?;
            self.records.customers.entry(c.id).or_insert(c);
        }
        for value in records::states_by_field(conn, "customer", "ruc", &rucs).await? {
            let c: Customer = parse("customer", value)?;
            self.records.customers.entry(c.id).or_insert(c);
        }
        for value in records::states_by_id(conn, "order", &order_ids).await? {
            let o: Order = parse("order", value)?;
            self.records.orders.entry(o.id).or_insert(o);
        }
        for value in records::states_by_field(conn, "order", "number", &numbers).await? {
            let o: Order = parse("order", value)?;
            self.records.orders.entry(o.id).or_insert(o);
        }
        for value in records::states_by_field(conn, "document", "order_id", &documents_of).await? {
            let d: DocumentRecord = parse("document", value)?;
            self.records.documents.entry(d.id).or_insert(d);
        }
        self.loaded.extend(taken);
        Ok(())
    }

    /// Loads a key of billing or the catalogue; a record already held is kept.
    async fn load_billing(
        &mut self,
        conn: &mut Connection,
        key: &RecordKey,
    ) -> Result<(), ServerError> {
        let r = &mut self.records;
        match key {
            RecordKey::Subscription(id) => {
                if !r.subscriptions.contains_key(id)
                    && let Some(s) = one::<Subscription>(conn, "subscription", *id).await?
                {
                    r.subscriptions.insert(s.id, s);
                }
            }
            RecordKey::Plans => {
                for p in all::<PlanRecord>(conn, "plan").await? {
                    r.plans.entry(p.code.clone()).or_insert(p);
                }
            }
            RecordKey::Risks => {
                for k in all::<Risk>(conn, "risk").await? {
                    r.risks.entry(k.code.clone()).or_insert(k);
                }
            }
            RecordKey::Holidays => {
                for h in all::<Holiday>(conn, "holiday").await? {
                    r.holidays.entry(h.date).or_insert(h);
                }
            }
            RecordKey::HoursOf(person) => {
                for value in records::states_where(conn, "hours", "person", person).await? {
                    let h: HoursEntry = parse("hours", value)?;
                    r.hours.entry(h.id).or_insert(h);
                }
            }
            RecordKey::ConsumptionImport(id) => {
                if !r.imports.contains_key(id)
                    && let Some(i) =
                        one::<ConsumptionImport>(conn, "consumption_import", *id).await?
                {
                    r.imports.insert(i.id, i);
                }
            }
            RecordKey::PeriodLock(period) => {
                let id = natural_id(EntityKind::PeriodLock, &period.to_string());
                if !r.locks.contains_key(period)
                    && let Some(l) = one::<PeriodLock>(conn, "period_lock", id).await?
                {
                    r.locks.insert(l.period, l);
                }
            }
            RecordKey::Invoice(id) => {
                if !r.invoices.contains_key(id)
                    && let Some(i) = one::<Invoice>(conn, "invoice", *id).await?
                {
                    r.invoices.insert(i.id, i);
                }
            }
            RecordKey::InvoiceByNumber(number) => {
                for value in records::states_where(conn, "invoice", "number", number).await? {
                    let i: Invoice = parse("invoice", value)?;
                    r.invoices.entry(i.id).or_insert(i);
                }
            }
            RecordKey::BillingInputs(period) => {
                for s in all::<Subscription>(conn, "subscription").await? {
                    r.subscriptions.entry(s.id).or_insert(s);
                }
                for p in all::<PlanRecord>(conn, "plan").await? {
                    r.plans.entry(p.code.clone()).or_insert(p);
                }
                for h in all::<Holiday>(conn, "holiday").await? {
                    r.holidays.entry(h.date).or_insert(h);
                }
                // Only the period's intervals: an entry's start is `YYYY-MM-DDTHH:MM:SS`.
                let from = format!("{}T00:00:00", period.first_day());
                let to = format!("{}T00:00:00", period.next().first_day());
                for value in records::states_between(conn, "hours", "start", &from, &to).await? {
                    let h: HoursEntry = parse("hours", value)?;
                    r.hours.entry(h.id).or_insert(h);
                }
                let text = period.to_string();
                for value in records::states_where(conn, "adjustment", "period", &text).await? {
                    let a: Adjustment = parse("adjustment", value)?;
                    r.adjustments.entry(a.id).or_insert(a);
                }
                for i in all::<ConsumptionImport>(conn, "consumption_import").await? {
                    r.imports.entry(i.id).or_insert(i);
                }
            }
            RecordKey::Process(id) => {
                if !r.processes.contains_key(id)
                    && let Some(p) = one::<ServiceProcess>(conn, "process", *id).await?
                {
                    r.processes.insert(p.id(), p);
                }
            }
            RecordKey::ProcessesOf(subscription_id) => {
                let id = subscription_id.to_string();
                for value in records::states_where(conn, "process", "subscription_id", &id).await? {
                    let p: ServiceProcess = parse("process", value)?;
                    r.processes.entry(p.id()).or_insert(p);
                }
            }
            RecordKey::InvoicesOf(account) => {
                for value in
                    records::states_where(conn, "invoice", "billing_account", account).await?
                {
                    let i: Invoice = parse("invoice", value)?;
                    r.invoices.entry(i.id).or_insert(i);
                }
            }
            RecordKey::Statement(id) => {
                if !r.statements.contains_key(id)
                    && let Some(s) = one::<StatementRecord>(conn, "statement", *id).await?
                {
                    r.statements.insert(s.id, s);
                }
            }
            // The older kinds are loaded by `load`.
            _ => {}
        }
        Ok(())
    }

    async fn one<T: DeserializeOwned>(
        &self,
        conn: &mut Connection,
        kind: &str,
        id: Uuid,
    ) -> Result<Option<T>, ServerError> {
        let state = records::state(conn, kind, id).await?;
        state.map(|s| parse(kind, s)).transpose()
    }

    /// Takes in what an operation wrote, to be flushed with the sequence number `seq`.
    pub fn absorb(&mut self, outcome: &Outcome, seq: i64) {
        self.records.absorb(outcome);
        for record in &outcome.records {
            match record {
                Record::User(u) => {
                    self.dirty_users.insert(u.username.clone());
                }
                Record::Organisation(_)
                | Record::Customer(_)
                | Record::Order(_)
                | Record::Document(_) => {
                    self.dirty.insert((record.kind(), record.id()), seq);
                }
                other => {
                    self.dirty.insert((other.kind(), other.id()), seq);
                    self.written
                        .insert((other.kind(), other.id()), other.clone());
                }
            }
        }
    }

    /// Writes every changed record in the push's transaction.
    pub async fn flush(&self, conn: &mut Connection) -> Result<(), ServerError> {
        for ((kind, id), seq) in &self.dirty {
            let state = match kind {
                EntityKind::Organisation => serde_json::to_value(&self.records.organisation),
                EntityKind::Customer => serde_json::to_value(self.records.customers.get(id)),
                EntityKind::Order => serde_json::to_value(self.records.orders.get(id)),
                EntityKind::Document => serde_json::to_value(self.records.documents.get(id)),
                other if self.written.contains_key(&(*other, *id)) => {
                    match self.written.get(&(*other, *id)) {
                        Some(record) => record_state(record),
                        None => Ok(serde_json::Value::Null),
                    }
                }
                other => {
                    return Err(ServerError::Internal(format!(
                        "no table for records of kind {}",
                        other.id()
                    )));
                }
            }
            .map_err(|e| ServerError::Internal(format!("serialising a record: {e}")))?;
            let stamps = serde_json::to_value(
                self.records
                    .stamps
                    .get(&(*kind, *id))
                    .cloned()
                    .unwrap_or_default(),
            )
            .map_err(|e| ServerError::Internal(format!("serialising stamps: {e}")))?;
            records::write(conn, kind.id(), *id, state, stamps, *seq).await?;
        }
        for username in &self.dirty_users {
            if let Some(user) = self.records.users.get(username) {
                users::upsert(conn, user).await?;
            }
        }
        Ok(())
    }
}
