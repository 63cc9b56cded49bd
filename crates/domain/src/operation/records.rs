//! The records an operation reads and writes, as [`super::apply`] sees them: a read-only
//! view ([`Records`]) that the sync server implements over PostgreSQL and a laptop can
//! implement over SQLite, the keys a view is asked for ([`RecordKey`]), and an in-memory
//! view ([`MemoryRecords`]) that tests, the server's per-push cache and a replay use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalogue::{initial_plans, initial_risks};
use crate::customer::Customer;
use crate::document::{DocumentKind, DocumentVersion, SignatureState};
use crate::hlc::Hlc;
use crate::order::Order;
use crate::organisation::Organisation;
use crate::role::Role;
use crate::user::User;

use super::EntityKind;

/// A document and all its versions, oldest first: one record, as the sync server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The document's id (the same for all its versions).
    pub id: Uuid,
    /// The order it belongs to.
    pub order_id: Uuid,
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
    /// The per-field stamps of a record.
    Stamps(EntityKind, Uuid),
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
    /// The documents of an order.
    fn documents_of(&self, order_id: Uuid) -> Vec<DocumentRecord>;
    /// The plan codes of the catalogue.
    fn plans(&self) -> Vec<String>;
    /// The risk codes of the catalogue.
    fn risks(&self) -> Vec<String>;
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
            .filter(|d| d.order_id == order_id)
            .cloned()
            .collect()
    }
    // The catalogue is not synced yet: every database starts from the same initial one.
    fn plans(&self) -> Vec<String> {
        initial_plans().into_iter().map(|p| p.code).collect()
    }
    fn risks(&self) -> Vec<String> {
        initial_risks().into_iter().map(|r| r.code).collect()
    }
    fn stamp(&self, kind: EntityKind, id: Uuid, field: &str) -> Option<FieldStamp> {
        self.stamps.get(&(kind, id))?.get(field).cloned()
    }
}
