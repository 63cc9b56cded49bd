//! The records an operation reads and writes, as [`super::apply`] sees them: a read-only
//! view ([`Records`]) that the sync server implements over PostgreSQL and a laptop can
//! implement over SQLite, the keys a view is asked for ([`RecordKey`]), and an in-memory
//! view ([`MemoryRecords`]) that tests, the server's per-push cache and a replay use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chrono::NaiveDate;

use crate::billing::{
    Adjustment, ConsumptionImport, Holiday, HoursEntry, Invoice, Period, PeriodLock,
    StatementRecord,
};
use crate::catalogue::{PlanPrice, Risk, initial_prices, initial_risks};
use crate::customer::Customer;
use crate::document::{DocumentKind, DocumentVersion, SignatureState};
use crate::hlc::Hlc;
use crate::order::Order;
use crate::organisation::Organisation;
use crate::role::Role;
use crate::service::ServiceProcess;
use crate::subscription::Subscription;
use crate::user::User;

use super::EntityKind;

/// A document and all its versions, oldest first: one record, as the sync server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The document's id (the same for all its versions).
    pub id: Uuid,
    /// The order it belongs to; for a process's document, the order its subscription
    /// came from.
    pub order_id: Uuid,
    /// The termination, suspension or reconnection it belongs to, when it is a process's
    /// document (absent in records written before processes had documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_id: Option<Uuid>,
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: String,
    /// Its versions, from 1.
    pub versions: Vec<DocumentVersion>,
}

impl DocumentRecord {
    /// The newest version.
    pub fn latest(&self) -> Option<&DocumentVersion> {
        self.versions.last()
    }

    /// Whether the newest version is signed: it then stands in for the signed copy a
    /// step would otherwise attach (as the laptop's store answers it).
    pub fn is_signed(&self) -> bool {
        self.latest()
            .is_some_and(|v| v.signature.state == SignatureState::Signed)
    }
}

/// Who last wrote a field by a per-field edit, and when: what a later edit whose base is
/// stale is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldStamp {
    /// The writing operation's clock.
    pub hlc: Hlc,
    /// Its author.
    pub actor: String,
    /// The operation.
    pub operation: Uuid,
}

/// A record an operation writes.
// One value per change; boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "state", rename_all = "snake_case")]
pub enum Record {
    /// The organisation's profile.
    Organisation(Organisation),
    /// A user.
    User(User),
    /// A customer.
    Customer(Customer),
    /// An order.
    Order(Order),
    /// A document with its versions.
    Document(DocumentRecord),
    /// A subscription, as its order's completion set it up.
    Subscription(Subscription),
    /// A plan of the catalogue with every price it has had.
    Plan(PlanRecord),
    /// A risk of the catalogue.
    Risk(Risk),
    /// A holiday.
    Holiday(Holiday),
    /// An interval of professional work.
    Hours(HoursEntry),
    /// An adjustment.
    Adjustment(Adjustment),
    /// An imported consumption export.
    ConsumptionImport(ConsumptionImport),
    /// A locked period.
    PeriodLock(PeriodLock),
    /// An invoice with its payments.
    Invoice(Invoice),
    /// A termination, suspension or reconnection.
    Process(ServiceProcess),
    /// A customer's statement of a period with its versions.
    Statement(StatementRecord),
}

/// A plan of the catalogue: its code and each version of its name and pricing, oldest
/// first, each in force from its day (DOMAIN §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// The plan's code.
    pub code: String,
    /// Its versions, by `valid_from`.
    pub prices: Vec<PlanPrice>,
}

/// The namespace of the ids of records named by a natural key (a plan's code, a
/// holiday's day, a period): every laptop and the server derive the same id.
const NATURAL_IDS: Uuid = Uuid::from_u128(0x2c0f_51a8_93b4_4d6e_8a1f_7e25_b6c9_d041);

/// The id of the record named `kind`/`key` (`plan`/`aws-vip`, `holiday`/`2026-12-08`).
pub fn natural_id(kind: EntityKind, key: &str) -> Uuid {
    Uuid::new_v5(&NATURAL_IDS, format!("{}/{key}", kind.id()).as_bytes())
}
impl Record {
    /// The kind of record.
    pub fn kind(&self) -> EntityKind {
        match self {
            Record::Organisation(_) => EntityKind::Organisation,
            Record::User(_) => EntityKind::User,
            Record::Customer(_) => EntityKind::Customer,
            Record::Order(_) => EntityKind::Order,
            Record::Document(_) => EntityKind::Document,
            Record::Subscription(_) => EntityKind::Subscription,
            Record::Plan(_) => EntityKind::Plan,
            Record::Risk(_) => EntityKind::Risk,
            Record::Holiday(_) => EntityKind::Holiday,
            Record::Hours(_) => EntityKind::Hours,
            Record::Adjustment(_) => EntityKind::Adjustment,
            Record::ConsumptionImport(_) => EntityKind::ConsumptionImport,
            Record::PeriodLock(_) => EntityKind::PeriodLock,
            Record::Invoice(_) => EntityKind::Invoice,
            Record::Process(_) => EntityKind::Process,
            Record::Statement(_) => EntityKind::Statement,
        }
    }

    /// Its id; the organisation, of which there is one, has the nil id.
    pub fn id(&self) -> Uuid {
        match self {
            Record::Organisation(_) => Uuid::nil(),
            Record::User(u) => u.id,
            Record::Customer(c) => c.id,
            Record::Order(o) => o.id,
            Record::Document(d) => d.id,
            Record::Subscription(s) => s.id,
            Record::Plan(p) => natural_id(EntityKind::Plan, &p.code),
            Record::Risk(r) => natural_id(EntityKind::Risk, &r.code),
            Record::Holiday(h) => natural_id(EntityKind::Holiday, &h.date.to_string()),
            Record::Hours(h) => h.id,
            Record::Adjustment(a) => a.id,
            Record::ConsumptionImport(i) => i.id,
            Record::PeriodLock(l) => natural_id(EntityKind::PeriodLock, &l.period.to_string()),
            Record::Invoice(i) => i.id,
            Record::Process(p) => p.id(),
            Record::Statement(s) => s.id,
        }
    }
}

/// What a view is asked for before an operation is applied, so that a store that reads
/// asynchronously can load it first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKey {
    /// The organisation.
    Organisation,
    /// A user by username.
    User(String),
    /// Every administrator (to keep the last active one).
    Admins,
    /// A customer by id.
    Customer(Uuid),
    /// A customer by RUC (unique).
    CustomerByRuc(String),
    /// An order by id.
    Order(Uuid),
    /// An order by number (unique).
    OrderByNumber(String),
    /// A document by id.
    Document(Uuid),
    /// Every document of an order.
    DocumentsOf(Uuid),
    /// Every document of a termination, suspension or reconnection.
    DocumentsOfProcess(Uuid),
    /// The per-field stamps of a record.
    Stamps(EntityKind, Uuid),
    /// A subscription by id.
    Subscription(Uuid),
    /// Every plan of the catalogue.
    Plans,
    /// Every risk of the catalogue.
    Risks,
    /// Every holiday.
    Holidays,
    /// Every interval a person logged.
    HoursOf(String),
    /// An import by id.
    ConsumptionImport(Uuid),
    /// A period's lock.
    PeriodLock(Period),
    /// An invoice by id.
    Invoice(Uuid),
    /// An invoice by number (unique).
    InvoiceByNumber(String),
    /// Everything a period's billing run reads: every subscription, the imports whose
    /// sums reach the period, its hours and adjustments, the holidays and the plans.
    BillingInputs(Period),
    /// A termination, suspension or reconnection by id.
    Process(Uuid),
    /// Every termination, suspension and reconnection of a subscription.
    ProcessesOf(Uuid),
    /// Every invoice of a Siebel billing account.
    InvoicesOf(String),
    /// A statement by id.
    Statement(Uuid),
}

/// A read-only view of the records, as they stand before the operation.
pub trait Records {
    /// The organisation, once set up.
    fn organisation(&self) -> Option<Organisation>;
    /// A user by username.
    fn user(&self, username: &str) -> Option<User>;
    /// How many users are active administrators.
    fn active_admins(&self) -> usize;
    /// A customer by id.
    fn customer(&self, id: Uuid) -> Option<Customer>;
    /// A customer by RUC as written (`80012345-0`).
    fn customer_by_ruc(&self, ruc: &str) -> Option<Customer>;
    /// An order by id.
    fn order(&self, id: Uuid) -> Option<Order>;
    /// An order by number.
    fn order_by_number(&self, number: &str) -> Option<Order>;
    /// A document by id.
    fn document(&self, id: Uuid) -> Option<DocumentRecord>;
    /// The documents of an order (not those of its subscription's processes).
    fn documents_of(&self, order_id: Uuid) -> Vec<DocumentRecord>;
    /// The documents of a termination, suspension or reconnection.
    fn documents_of_process(&self, process_id: Uuid) -> Vec<DocumentRecord>;
    /// The plan codes of the catalogue.
    fn plans(&self) -> Vec<String> {
        self.plan_records().into_iter().map(|p| p.code).collect()
    }
    /// The active risk codes of the catalogue.
    fn risks(&self) -> Vec<String> {
        self.risk_records()
            .into_iter()
            .filter(|r| r.active)
            .map(|r| r.code)
            .collect()
    }
    /// Every plan of the catalogue with its prices.
    fn plan_records(&self) -> Vec<PlanRecord>;
    /// Every risk of the catalogue, retired ones too.
    fn risk_records(&self) -> Vec<Risk>;
    /// A subscription by id.
    fn subscription(&self, id: Uuid) -> Option<Subscription>;
    /// Every holiday, removed ones too.
    fn holidays(&self) -> Vec<Holiday>;
    /// Every interval a person logged.
    fn hours_of(&self, person: &str) -> Vec<HoursEntry>;
    /// An import by id.
    fn consumption_import(&self, id: Uuid) -> Option<ConsumptionImport>;
    /// A period's lock, if it is locked.
    fn period_lock(&self, period: Period) -> Option<PeriodLock>;
    /// An invoice by id.
    fn invoice(&self, id: Uuid) -> Option<Invoice>;
    /// An invoice by number.
    fn invoice_by_number(&self, number: &str) -> Option<Invoice>;
    /// Every subscription held.
    fn subscriptions(&self) -> Vec<Subscription>;
    /// Every import held.
    fn consumption_imports(&self) -> Vec<ConsumptionImport>;
    /// Every interval held whose start falls in the period.
    fn hours_in(&self, period: Period) -> Vec<HoursEntry>;
    /// Every adjustment held that is charged in the period.
    fn adjustments_in(&self, period: Period) -> Vec<Adjustment>;
    /// A termination, suspension or reconnection by id.
    fn process(&self, id: Uuid) -> Option<ServiceProcess>;
    /// Every termination, suspension and reconnection of a subscription.
    fn processes_of(&self, subscription_id: Uuid) -> Vec<ServiceProcess>;
    /// Every invoice of a Siebel billing account.
    fn invoices_of(&self, billing_account: &str) -> Vec<Invoice>;
    /// A statement by id.
    fn statement(&self, id: Uuid) -> Option<StatementRecord>;
    /// Who last wrote a field of a record by a per-field edit.
    fn stamp(&self, kind: EntityKind, id: Uuid, field: &str) -> Option<FieldStamp>;
}

/// Every record in memory: the view tests and replays use, and what the sync server
/// caches while it decides one push.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemoryRecords {
    /// The organisation.
    pub organisation: Option<Organisation>,
    /// Users by username.
    pub users: BTreeMap<String, User>,
    /// Customers by id.
    pub customers: BTreeMap<Uuid, Customer>,
    /// Orders by id.
    pub orders: BTreeMap<Uuid, Order>,
    /// Documents by id.
    pub documents: BTreeMap<Uuid, DocumentRecord>,
    /// Per-field stamps by record.
    pub stamps: BTreeMap<(EntityKind, Uuid), BTreeMap<String, FieldStamp>>,
    /// Subscriptions by id.
    pub subscriptions: BTreeMap<Uuid, Subscription>,
    /// Plans by code; none held means the initial catalogue (a database set up before
    /// the catalogue was synced).
    pub plans: BTreeMap<String, PlanRecord>,
    /// Risks by code; none held means the initial catalogue.
    pub risks: BTreeMap<String, Risk>,
    /// Holidays by day.
    pub holidays: BTreeMap<NaiveDate, Holiday>,
    /// Hours by id.
    pub hours: BTreeMap<Uuid, HoursEntry>,
    /// Adjustments by id.
    pub adjustments: BTreeMap<Uuid, Adjustment>,
    /// Imports by id.
    pub imports: BTreeMap<Uuid, ConsumptionImport>,
    /// Locks by period.
    pub locks: BTreeMap<Period, PeriodLock>,
    /// Invoices by id.
    pub invoices: BTreeMap<Uuid, Invoice>,
    /// Terminations, suspensions and reconnections by id.
    pub processes: BTreeMap<Uuid, ServiceProcess>,
    /// Statements by id.
    pub statements: BTreeMap<Uuid, StatementRecord>,
}

impl MemoryRecords {
    /// Writes a record over its previous state.
    pub fn put(&mut self, record: Record) {
        match record {
            Record::Organisation(o) => self.organisation = Some(o),
            Record::User(u) => {
                self.users.insert(u.username.clone(), u);
            }
            Record::Customer(c) => {
                self.customers.insert(c.id, c);
            }
            Record::Order(o) => {
                self.orders.insert(o.id, o);
            }
            Record::Document(d) => {
                self.documents.insert(d.id, d);
            }
            Record::Subscription(s) => {
                self.subscriptions.insert(s.id, s);
            }
            Record::Plan(p) => {
                self.plans.insert(p.code.clone(), p);
            }
            Record::Risk(r) => {
                self.risks.insert(r.code.clone(), r);
            }
            Record::Holiday(h) => {
                self.holidays.insert(h.date, h);
            }
            Record::Hours(h) => {
                self.hours.insert(h.id, h);
            }
            Record::Adjustment(a) => {
                self.adjustments.insert(a.id, a);
            }
            Record::ConsumptionImport(i) => {
                self.imports.insert(i.id, i);
            }
            Record::PeriodLock(l) => {
                self.locks.insert(l.period, l);
            }
            Record::Invoice(i) => {
                self.invoices.insert(i.id, i);
            }
            Record::Process(p) => {
                self.processes.insert(p.id(), p);
            }
            Record::Statement(s) => {
                self.statements.insert(s.id, s);
            }
        }
    }

    /// Takes in what an applied operation wrote.
    pub fn absorb(&mut self, outcome: &super::Outcome) {
        for record in &outcome.records {
            self.put(record.clone());
        }
        for ((kind, id), fields) in &outcome.stamps {
            let stamps = self.stamps.entry((*kind, *id)).or_default();
            for (field, stamp) in fields {
                stamps.insert(field.clone(), stamp.clone());
            }
        }
    }
}

impl Records for MemoryRecords {
    fn organisation(&self) -> Option<Organisation> {
        self.organisation.clone()
    }
    fn user(&self, username: &str) -> Option<User> {
        self.users.get(username).cloned()
    }
    fn active_admins(&self) -> usize {
        self.users
            .values()
            .filter(|u| u.active && u.roles.contains(&Role::Admin))
            .count()
    }
    fn customer(&self, id: Uuid) -> Option<Customer> {
        self.customers.get(&id).cloned()
    }
    fn customer_by_ruc(&self, ruc: &str) -> Option<Customer> {
        self.customers
            .values()
            .find(|c| c.ruc.to_string() == ruc)
            .cloned()
    }
    fn order(&self, id: Uuid) -> Option<Order> {
        self.orders.get(&id).cloned()
    }
    fn order_by_number(&self, number: &str) -> Option<Order> {
        self.orders.values().find(|o| o.number == number).cloned()
    }
    fn document(&self, id: Uuid) -> Option<DocumentRecord> {
        self.documents.get(&id).cloned()
    }
    fn documents_of(&self, order_id: Uuid) -> Vec<DocumentRecord> {
        self.documents
            .values()
            .filter(|d| d.order_id == order_id && d.process_id.is_none())
            .cloned()
            .collect()
    }
    fn documents_of_process(&self, process_id: Uuid) -> Vec<DocumentRecord> {
        self.documents
            .values()
            .filter(|d| d.process_id == Some(process_id))
            .cloned()
            .collect()
    }
    fn plan_records(&self) -> Vec<PlanRecord> {
        if self.plans.is_empty() {
            return initial_plan_records();
        }
        self.plans.values().cloned().collect()
    }
    fn risk_records(&self) -> Vec<Risk> {
        if self.risks.is_empty() {
            return initial_risks();
        }
        self.risks.values().cloned().collect()
    }
    fn subscription(&self, id: Uuid) -> Option<Subscription> {
        self.subscriptions.get(&id).cloned()
    }
    fn holidays(&self) -> Vec<Holiday> {
        // A database set up before the calendar was data holds none: it is given the
        // same seed a new organisation starts with, on the server and on every laptop.
        if self.holidays.is_empty() {
            return crate::billing::seed_holidays();
        }
        self.holidays.values().cloned().collect()
    }
    fn hours_of(&self, person: &str) -> Vec<HoursEntry> {
        self.hours
            .values()
            .filter(|h| h.person == person)
            .cloned()
            .collect()
    }
    fn consumption_import(&self, id: Uuid) -> Option<ConsumptionImport> {
        self.imports.get(&id).cloned()
    }
    fn period_lock(&self, period: Period) -> Option<PeriodLock> {
        self.locks.get(&period).cloned()
    }
    fn invoice(&self, id: Uuid) -> Option<Invoice> {
        self.invoices.get(&id).cloned()
    }
    fn invoice_by_number(&self, number: &str) -> Option<Invoice> {
        self.invoices.values().find(|i| i.number == number).cloned()
    }
    fn subscriptions(&self) -> Vec<Subscription> {
        self.subscriptions.values().cloned().collect()
    }
    fn consumption_imports(&self) -> Vec<ConsumptionImport> {
        self.imports.values().cloned().collect()
    }
    fn hours_in(&self, period: Period) -> Vec<HoursEntry> {
        self.hours
            .values()
            .filter(|h| period.contains(h.start.date()))
            .cloned()
            .collect()
    }
    fn adjustments_in(&self, period: Period) -> Vec<Adjustment> {
        self.adjustments
            .values()
            .filter(|a| a.period == period)
            .cloned()
            .collect()
    }
    fn process(&self, id: Uuid) -> Option<ServiceProcess> {
        self.processes.get(&id).cloned()
    }
    fn processes_of(&self, subscription_id: Uuid) -> Vec<ServiceProcess> {
        self.processes
            .values()
            .filter(|p| p.subscription_id() == subscription_id)
            .cloned()
            .collect()
    }
    fn invoices_of(&self, billing_account: &str) -> Vec<Invoice> {
        self.invoices
            .values()
            .filter(|i| i.billing_account == billing_account)
            .cloned()
            .collect()
    }
    fn statement(&self, id: Uuid) -> Option<StatementRecord> {
        self.statements.get(&id).cloned()
    }
    fn stamp(&self, kind: EntityKind, id: Uuid, field: &str) -> Option<FieldStamp> {
        self.stamps.get(&(kind, id))?.get(field).cloned()
    }
}

/// The initial plans as catalogue records: what a database set up before the catalogue
/// was synced holds, and what a new organisation starts with.
pub fn initial_plan_records() -> Vec<PlanRecord> {
    initial_prices()
        .into_iter()
        .map(|price| PlanRecord {
            code: price.plan.code.clone(),
            prices: vec![price],
        })
        .collect()
}
