//! Applying an operation to the records: the one function the sync server runs for every
//! operation it accepts, and that a laptop's pull can run again on its own records to
//! replay what others did — the same code on both sides, so they cannot disagree.
//!
//! [`apply`] takes the operation, its actor as the caller knows them (the server: its own
//! users table, never the roles the laptop claims) and a read-only view of the records it
//! needs ([`wanted`] names them, so a store that reads asynchronously loads them first).
//! It runs the domain's own transitions (`Order::open`, `Order::complete_step` with a
//! [`StepContext`] built from the view and the operation's time, `SignatureRecord::sign`…)
//! and returns the records to write, or the [`Refusal`]; nothing is written on refusal.
//!
//! Time is the operation's: its hybrid clock's wall time. "Today" for a step's dates is
//! that instant in Asunción, so the server decides as the laptop did when the person
//! acted, and a replay decides the same way whenever it runs.
//!
//! What the laptop's use case does beyond the domain (numbering, rendering PDFs) is taken
//! as a fact: a document version carries its snapshot, hashes and the PDF by hash; its
//! snapshot is checked against its hash and the order against the rules, never re-rendered.
//! The caller checks that the files an operation names exist (see
//! [`super::OperationBody::attachments`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::customer::{
    Customer, CustomerDraft, CustomerPatch, LegalRepresentative, MasterContract,
    MasterContractDraft, RepresentativeDraft,
};
use crate::document::{DocumentVersion, SignatureMethod, SignatureRecord, SignerState, TrailEvent};
use crate::error::DomainError;
use crate::order::{Order, OrderStatus, StepContext};
use crate::organisation::{self, Organisation, OrganisationPatch, check_logo};
use crate::permission::authorize;
use crate::role::Role;
use crate::subscription::Subscription;
use crate::time::today_in_asuncion;
use crate::user::{User, UserDraft};

use super::fields::{Editable, FieldConflict};
use super::records::{DocumentRecord, FieldStamp, Record, RecordKey, Records};
use super::refusal::Refusal;
use super::{
    Command, EntityKind, FieldChange, Operation, OperationBody, authorize_command,
    signature_changes,
};

/// What an applied operation wrote.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// The records created or changed, in their new state.
    pub records: Vec<Record>,
    /// The fields a per-field edit wrote, with who and when, by record.
    pub stamps: BTreeMap<(EntityKind, uuid::Uuid), BTreeMap<String, FieldStamp>>,
    /// The fields two people changed at once, and what was kept.
    pub conflicts: Vec<FieldConflict>,
    /// What changed, for the history entry (the JSON the author's laptop recorded).
    pub changes: Value,
    /// The signature-trail events the operation adds, not yet stamped.
    pub trail: Vec<TrailEvent>,
}

impl Outcome {
    /// Whether any record changed.
    pub fn changed(&self) -> bool {
        !self.records.is_empty()
    }

    /// The subscriptions the outcome leaves: each order it completes sets one up
    /// (DOMAIN §4, step 22), under the id derived from the order, so that every laptop
    /// that writes the outcome names it the same way.
    pub fn subscriptions(&self) -> Vec<Subscription> {
        self.records
            .iter()
            .filter_map(|record| match record {
                Record::Order(order) if order.status == OrderStatus::Completed => {
                    Subscription::from_completed_order(order)
                }
                _ => None,
            })
            .collect()
    }

    fn one(record: Record) -> Outcome {
        Outcome {
            records: vec![record],
            ..Outcome::default()
        }
    }

    fn noting(mut self, changes: Value) -> Outcome {
        self.changes = changes;
        self
    }
}

/// The records [`apply`] will read for the operation, given what the view holds so far
/// (an order names its customer: ask again once the order is loaded, until nothing new).
pub fn wanted(op: &Operation, view: &dyn Records) -> Vec<RecordKey> {
    use RecordKey as K;
    match &op.body {
        OperationBody::Fields {
            entity, entity_id, ..
        } => match entity {
            EntityKind::Organisation => vec![K::Organisation, K::Stamps(*entity, *entity_id)],
            EntityKind::Customer => vec![K::Customer(*entity_id), K::Stamps(*entity, *entity_id)],
            _ => Vec::new(),
        },
        OperationBody::Command { command } => match command {
            Command::InitOrganisation { admin, .. } => {
                vec![K::Organisation, K::User(admin.username.clone())]
            }
            Command::SetOrganisationLogo { .. } => vec![K::Organisation],
            Command::CreateUser { user } => vec![K::User(user.username.clone())],
            Command::GrantRole { username, .. } => vec![K::User(username.clone())],
            Command::RevokeRole { username, role } => {
                let mut keys = vec![K::User(username.clone())];
                if *role == Role::Admin {
                    keys.push(K::Admins);
                }
                keys
            }
            Command::SetUserActive { username, active } => {
                let mut keys = vec![K::User(username.clone())];
                if !active {
                    keys.push(K::Admins);
                }
                keys
            }
            Command::CreateCustomer { customer } => vec![
                K::Customer(customer.id),
                K::CustomerByRuc(customer.ruc.to_string()),
            ],
            Command::AddRepresentative { customer_id, .. }
            | Command::CorrectRepresentative { customer_id, .. }
            | Command::RemoveRepresentative { customer_id, .. }
            | Command::RecordMasterContract { customer_id, .. } => {
                vec![K::Customer(*customer_id)]
            }
            Command::StoreAttachment { .. } => Vec::new(),
            Command::OpenOrder {
                order_id,
                number,
                customer_id,
                ..
            } => vec![
                K::Order(*order_id),
                K::OrderByNumber(number.clone()),
                K::Customer(*customer_id),
            ],
            Command::CompleteStep { order_id, .. } => {
                let mut keys = vec![K::Order(*order_id), K::DocumentsOf(*order_id)];
                if let Some(order) = view.order(*order_id) {
                    keys.push(K::Customer(order.customer_id));
                }
                keys
            }
            Command::RejectStep { order_id, .. }
            | Command::SkipStep { order_id, .. }
            | Command::CancelOrder { order_id, .. } => vec![K::Order(*order_id)],
            Command::IssueDocumentVersion {
                document_id,
                order_id,
                ..
            } => vec![
                K::Document(*document_id),
                K::Order(*order_id),
                K::DocumentsOf(*order_id),
            ],
            Command::SendDocument { document_id, .. }
            | Command::SignDocumentInPerson { document_id, .. }
            | Command::AttachSignedCopy { document_id, .. }
            | Command::DeclineDocument { document_id, .. }
            | Command::VoidDocument { document_id, .. }
            | Command::ExpireDocument { document_id, .. } => vec![K::Document(*document_id)],
        },
    }
}

/// The instant an operation was made, by its author's hybrid clock.
pub fn operation_time(op: &Operation) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(op.hlc.wall_ms)
}

/// Applies the operation by `actor` to the records `view` shows: the new records, or why not.
pub fn apply(op: &Operation, actor: &User, view: &dyn Records) -> Result<Outcome, Refusal> {
    let at = operation_time(op).ok_or_else(|| Refusal::BadValue {
        field: "hlc".into(),
        given: serde_json::Value::String(op.hlc.to_string()),
    })?;
    match &op.body {
        OperationBody::Fields {
            entity,
            entity_id,
            changes,
        } => {
            if *entity != op.entity || *entity_id != op.entity_id {
                return Err(Refusal::Inconsistent { id: op.entity_id });
            }
            match entity.edit_action() {
                Some(action) => authorize(actor, action)?,
                None => return Err(Refusal::NotEditable { kind: *entity }),
            }
            edit_fields(op, *entity, *entity_id, changes, view)
        }
        OperationBody::Command { command } => {
            authorize_command(actor, command)?;
            run(command, actor, at, view)
        }
    }
}

fn unknown(kind: EntityKind, key: impl ToString) -> Refusal {
    Refusal::UnknownRecord {
        kind,
        key: key.to_string(),
    }
}

fn exists(kind: EntityKind, key: impl ToString) -> Refusal {
    Refusal::RecordExists {
        kind,
        key: key.to_string(),
    }
}

fn invalid(errors: Vec<crate::problem::FieldError>) -> Refusal {
    Refusal::Domain(DomainError::InvalidFields { errors })
}

fn customer_value(c: &Customer, field: &str) -> serde_json::Value {
    use serde_json::json;
    // As `Customer::patched` reports them: the billing account is two fields.
    match field {
        "billing_account" => json!(c.billing_account.as_ref().map(|a| &a.number)),
        "billing_cycle" => json!(c.billing_account.as_ref().map(|a| a.cycle)),
        other => serde_json::to_value(c)
            .ok()
            .and_then(|v| v.get(other).cloned())
            .unwrap_or_default(),
    }
}

fn organisation_value(o: &Organisation, field: &str) -> serde_json::Value {
    serde_json::to_value(o)
        .ok()
        .and_then(|v| v.get(field).cloned())
        .unwrap_or_default()
}

fn edit_fields(
    op: &Operation,
    kind: EntityKind,
    id: uuid::Uuid,
    changes: &[FieldChange],
    view: &dyn Records,
) -> Result<Outcome, Refusal> {
    let (record, stamps, conflicts) = match kind {
        EntityKind::Customer => {
            let current = view.customer(id).ok_or_else(|| unknown(kind, id))?;
            let edit = Editable::<Customer, CustomerPatch> {
                kind,
                id,
                current: &current,
                value_of: customer_value,
                patched: Customer::patched,
            }
            .edit(op, changes, view)?;
            (edit.next.map(Record::Customer), edit.stamps, edit.conflicts)
        }
        EntityKind::Organisation => {
            let current = view
                .organisation()
                .ok_or_else(|| unknown(kind, "organización"))?;
            let edit = Editable::<Organisation, OrganisationPatch> {
                kind,
                id,
                current: &current,
                value_of: organisation_value,
                patched: Organisation::patched,
            }
            .edit(op, changes, view)?;
            (
                edit.next.map(Record::Organisation),
                edit.stamps,
                edit.conflicts,
            )
        }
        // Users change through their commands only: no patch for them exists.
        other => return Err(Refusal::NotEditable { kind: other }),
    };
    let mut outcome = Outcome {
        records: record.into_iter().collect(),
        conflicts,
        changes: json!(changes),
        ..Outcome::default()
    };
    if !stamps.is_empty() {
        outcome.stamps.insert((kind, id), stamps);
    }
    Ok(outcome)
}

fn user_record(user: &User) -> Result<User, Refusal> {
    let draft = UserDraft {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        email: user.email.clone(),
        roles: user.roles.iter().copied().collect(),
    };
    let mut checked = draft.validate(user.id, user.created_at).map_err(invalid)?;
    checked.active = user.active;
    Ok(checked)
}

fn representative(rep: &LegalRepresentative) -> Result<LegalRepresentative, Refusal> {
    RepresentativeDraft {
        name: rep.name.clone(),
        document: rep.document.clone(),
        email: rep.email.clone(),
        phone: rep.phone.clone(),
    }
    .validate(rep.id)
    .map_err(invalid)
}

fn contract(contract: &MasterContract, at: DateTime<Utc>) -> Result<MasterContract, Refusal> {
    MasterContractDraft {
        signed_on: contract.signed_on.to_string(),
        reference: contract.reference.clone(),
    }
    .validate(today_in_asuncion(at))
    .map_err(invalid)
}

/// A new customer as the laptop made it, checked field by field by the domain's own
/// validation; what validation does not cover (fields added later) is kept as sent.
fn new_customer(customer: &Customer, at: DateTime<Utc>) -> Result<Customer, Refusal> {
    let draft = CustomerDraft {
        name: customer.name.clone(),
        ruc: customer.ruc.to_string(),
        segment: customer.segment.id().to_string(),
        billing_account: customer.billing_account.as_ref().map(|a| a.number.clone()),
        billing_cycle: customer
            .billing_account
            .as_ref()
            .map(|a| a.cycle.to_string()),
        address: customer.address.clone(),
    };
    let checked = draft
        .validate(customer.id, customer.created_at)
        .map_err(invalid)?;
    let mut next = customer.clone();
    next.name = checked.name;
    next.ruc = checked.ruc;
    next.segment = checked.segment;
    next.address = checked.address;
    next.billing_account = checked.billing_account;
    next.master_contract = customer
        .master_contract
        .as_ref()
        .map(|c| contract(c, at))
        .transpose()?;
    next.representatives = customer
        .representatives
        .iter()
        .map(representative)
        .collect::<Result<_, _>>()?;
    Ok(next)
}

fn customer_of(view: &dyn Records, id: uuid::Uuid) -> Result<Customer, Refusal> {
    view.customer(id)
        .ok_or_else(|| unknown(EntityKind::Customer, id))
}

fn order_of(view: &dyn Records, id: uuid::Uuid) -> Result<Order, Refusal> {
    view.order(id).ok_or_else(|| unknown(EntityKind::Order, id))
}

fn user_of(view: &dyn Records, username: &str) -> Result<User, Refusal> {
    view.user(username)
        .ok_or_else(|| unknown(EntityKind::User, username))
}

fn keep_an_admin(view: &dyn Records, user: &User) -> Result<(), Refusal> {
    if user.active && user.roles.contains(&Role::Admin) && view.active_admins() <= 1 {
        return Err(DomainError::LastAdmin {
            username: user.username.clone(),
        }
        .into());
    }
    Ok(())
}

fn run(
    command: &Command,
    actor: &User,
    at: DateTime<Utc>,
    view: &dyn Records,
) -> Result<Outcome, Refusal> {
    let today = today_in_asuncion(at);
    Ok(match command {
        Command::InitOrganisation {
            name,
            ruc,
            admin,
            logo,
            demo,
        } => {
            if let Some(existing) = view.organisation() {
                return Err(Refusal::AlreadyInitialised {
                    name: existing.name,
                });
            }
            let mut org = organisation::validate(name, ruc, *demo, at).map_err(invalid)?;
            if let Some(logo) = logo {
                check_logo(logo).map_err(invalid)?;
                org.logo = Some(logo.clone());
            }
            let changes = json!({ "name": org.name, "ruc": org.ruc, "admin": admin.username,
                                  "demo": demo, "logo": org.logo });
            let mut records = vec![Record::Organisation(org)];
            // The server's administrator sends it; the laptop's first administrator
            // becomes a user unless one of that name exists.
            if view.user(&admin.username).is_none() {
                records.push(Record::User(user_record(admin)?));
            }
            Outcome {
                records,
                changes,
                ..Outcome::default()
            }
        }
        Command::SetOrganisationLogo { logo } => {
            let mut org = view
                .organisation()
                .ok_or_else(|| unknown(EntityKind::Organisation, "organización"))?;
            if let Some(logo) = logo {
                check_logo(logo).map_err(invalid)?;
            }
            let previous = std::mem::replace(&mut org.logo, logo.clone());
            Outcome::one(Record::Organisation(org))
                .noting(json!({ "logo": logo, "previous": previous }))
        }
        Command::CreateUser { user } => {
            if view.user(&user.username).is_some() {
                return Err(exists(EntityKind::User, &user.username));
            }
            let user = user_record(user)?;
            let changes = json!({ "username": user.username, "full_name": user.full_name,
                                  "roles": user.roles });
            Outcome::one(Record::User(user)).noting(changes)
        }
        Command::GrantRole { username, role } => {
            let mut user = user_of(view, username)?;
            user.roles.insert(*role);
            Outcome::one(Record::User(user)).noting(json!({ "role": role }))
        }
        Command::RevokeRole { username, role } => {
            let mut user = user_of(view, username)?;
            if *role == Role::Admin {
                keep_an_admin(view, &user)?;
            }
            user.roles.remove(role);
            Outcome::one(Record::User(user)).noting(json!({ "role": role }))
        }
        Command::SetUserActive { username, active } => {
            let mut user = user_of(view, username)?;
            if !active {
                keep_an_admin(view, &user)?;
            }
            user.active = *active;
            Outcome::one(Record::User(user)).noting(json!({ "active": active }))
        }
        Command::CreateCustomer { customer } => {
            if view.customer(customer.id).is_some() {
                return Err(exists(EntityKind::Customer, customer.id));
            }
            if let Some(other) = view.customer_by_ruc(&customer.ruc.to_string()) {
                return Err(exists(
                    EntityKind::Customer,
                    format!("{} ({})", other.ruc, other.name),
                ));
            }
            let customer = new_customer(customer, at)?;
            let changes = json!({ "ruc": customer.ruc, "name": customer.name,
                "segment": customer.segment, "billing_account": customer.billing_account });
            Outcome::one(Record::Customer(customer)).noting(changes)
        }
        Command::AddRepresentative {
            customer_id,
            representative: rep,
        } => {
            let mut customer = customer_of(view, *customer_id)?;
            if customer.representatives.iter().any(|r| r.id == rep.id) {
                return Err(exists(EntityKind::Customer, rep.id));
            }
            let rep = representative(rep)?;
            customer.representatives.push(rep.clone());
            Outcome::one(Record::Customer(customer)).noting(json!({ "representative": rep }))
        }
        Command::CorrectRepresentative {
            customer_id,
            representative: rep,
        } => {
            let mut customer = customer_of(view, *customer_id)?;
            let draft = RepresentativeDraft {
                name: rep.name.clone(),
                document: rep.document.clone(),
                email: rep.email.clone(),
                phone: rep.phone.clone(),
            };
            let before = customer
                .representatives
                .iter()
                .find(|r| r.id == rep.id)
                .cloned();
            customer.correct_representative(rep.id, &draft)?;
            let after = customer
                .representatives
                .iter()
                .find(|r| r.id == rep.id)
                .cloned();
            Outcome::one(Record::Customer(customer))
                .noting(json!({ "before": before, "after": after }))
        }
        Command::RemoveRepresentative {
            customer_id,
            representative_id,
        } => {
            let mut customer = customer_of(view, *customer_id)?;
            let removed = customer
                .representatives
                .iter()
                .find(|r| r.id == *representative_id)
                .cloned();
            customer.remove_representative(*representative_id)?;
            Outcome::one(Record::Customer(customer)).noting(json!({ "representative": removed }))
        }
        Command::RecordMasterContract {
            customer_id,
            contract: given,
        } => {
            let mut customer = customer_of(view, *customer_id)?;
            let contract = contract(given, at)?;
            let previous = customer.master_contract.replace(contract.clone());
            Outcome::one(Record::Customer(customer))
                .noting(json!({ "contract": contract, "previous": previous }))
        }
        // The file itself is checked by the caller; it changes no record.
        Command::StoreAttachment { attachment } => {
            Outcome::default().noting(json!({ "attachment": attachment }))
        }
        Command::OpenOrder {
            order_id,
            number,
            customer_id,
            title,
        } => {
            if view.order(*order_id).is_some() {
                return Err(exists(EntityKind::Order, order_id));
            }
            if view.order_by_number(number).is_some() {
                return Err(exists(EntityKind::Order, number));
            }
            let customer = customer_of(view, *customer_id)?;
            let order = Order::open(*order_id, number.clone(), &customer, title, actor, at)?;
            let changes =
                json!({ "number": order.number, "customer": customer.ruc, "title": order.title });
            Outcome::one(Record::Order(order)).noting(changes)
        }
        Command::CompleteStep {
            order_id,
            step,
            input,
        } => {
            let order = order_of(view, *order_id)?;
            let customer = customer_of(view, order.customer_id)?;
            let ctx = StepContext {
                today,
                plans: view.plans(),
                risks: view.risks(),
                signed_documents: view
                    .documents_of(order.id)
                    .iter()
                    .filter(|d| d.is_signed())
                    .map(|d| d.kind)
                    .collect(),
            };
            let (next, changes) = order.complete_step(*step, input, &ctx, &customer, actor, at)?;
            Outcome::one(Record::Order(next)).noting(changes)
        }
        Command::RejectStep {
            order_id,
            step,
            reason,
        } => {
            let (next, changes) = order_of(view, *order_id)?.reject(*step, reason, actor, at)?;
            Outcome::one(Record::Order(next)).noting(changes)
        }
        Command::SkipStep {
            order_id,
            step,
            reason,
        } => {
            let (next, changes) = order_of(view, *order_id)?.skip(*step, reason, actor, at)?;
            Outcome::one(Record::Order(next)).noting(changes)
        }
        Command::CancelOrder { order_id, reason } => {
            let (next, changes) = order_of(view, *order_id)?.cancel(reason, actor, at)?;
            Outcome::one(Record::Order(next)).noting(changes)
        }
        Command::IssueDocumentVersion {
            document_id,
            order_id,
            kind,
            number,
            version,
            snapshot,
            snapshot_sha256,
            pdf,
            issued_at,
            signers,
        } => {
            let order = order_of(view, *order_id)?;
            kind.check_issuable(&order)?;
            if hex::encode(Sha256::digest(snapshot.as_bytes())) != *snapshot_sha256 {
                return Err(Refusal::SnapshotAltered {
                    number: number.clone(),
                });
            }
            let parties: Vec<_> = signers.iter().map(|s| s.party).collect();
            if parties != kind.signers() || signers.iter().any(|s| s.state != SignerState::Pending)
            {
                return Err(Refusal::WrongSigners { kind: *kind });
            }
            let mut doc = match view.document(*document_id) {
                Some(doc) => {
                    if doc.order_id != *order_id || doc.kind != *kind || doc.number != *number {
                        return Err(Refusal::DocumentMismatch { number: doc.number });
                    }
                    doc
                }
                None => {
                    if let Some(other) = view
                        .documents_of(*order_id)
                        .into_iter()
                        .find(|d| d.kind == *kind)
                    {
                        return Err(Refusal::DocumentKindTaken {
                            kind: *kind,
                            number: other.number,
                        });
                    }
                    DocumentRecord {
                        id: *document_id,
                        order_id: *order_id,
                        kind: *kind,
                        number: number.clone(),
                        versions: Vec::new(),
                    }
                }
            };
            let expected = u32::try_from(doc.versions.len()).unwrap_or(u32::MAX) + 1;
            if *version != expected {
                return Err(Refusal::VersionOutOfOrder {
                    number: number.clone(),
                    given: *version,
                    expected,
                });
            }
            // A new version voids the previous one, as the laptop did when it issued it.
            let mut trail = Vec::new();
            let mut voided = None;
            if let Some(previous) = doc.versions.last_mut().filter(|v| !v.is_voided()) {
                previous.signature = previous
                    .signature
                    .void(&TrailEvent::replacement_reason(*version))?;
                trail.push(TrailEvent::replaced(
                    *document_id,
                    previous.version,
                    *version,
                    &previous.pdf_sha256,
                ));
                voided = Some(previous.version);
            }
            trail.push(TrailEvent::issued(
                *document_id,
                *kind,
                *version,
                &pdf.sha256,
                snapshot_sha256,
            ));
            let changes = json!({
                "order": order.number, "kind": kind, "number": number, "version": version,
                "pdf_sha256": pdf.sha256, "snapshot_sha256": snapshot_sha256,
                "voided_version": voided,
            });
            let record =
                SignatureRecord::draft(*kind, number, *version, signers.clone()).issue()?;
            doc.versions.push(DocumentVersion {
                document_id: *document_id,
                kind: *kind,
                order_id: *order_id,
                number: number.clone(),
                version: *version,
                snapshot: snapshot.clone(),
                snapshot_sha256: snapshot_sha256.clone(),
                pdf_sha256: pdf.sha256.clone(),
                size: pdf.size,
                issued_at: *issued_at,
                issued_by: actor.username.clone(),
                signature: record,
            });
            Outcome {
                trail,
                ..Outcome::one(Record::Document(doc)).noting(changes)
            }
        }
        Command::SendDocument {
            document_id,
            version,
            channel,
            expires_on,
        } => signature(view, *document_id, *version, |v| {
            Ok((
                v.signature.send(*channel, *expires_on, today)?,
                json!({ "channel": channel, "expires_on": expires_on }),
                vec![TrailEvent::sent(
                    v.document_id,
                    v.version,
                    *channel,
                    *expires_on,
                    &v.pdf_sha256,
                )],
            ))
        })?,
        Command::SignDocumentInPerson {
            document_id,
            version,
            party,
            drawing,
            signed_pdf,
            signed_snapshot_sha256,
            signed_at,
        } => signature(view, *document_id, *version, |v| {
            Ok((
                v.signature.sign(
                    *party,
                    SignatureMethod::InPerson {
                        drawing_sha256: drawing.sha256.clone(),
                    },
                    *signed_at,
                    &actor.username,
                )?,
                json!({ "party": party, "method": "in_person", "drawing_sha256": drawing.sha256,
                        "signed_pdf_sha256": signed_pdf.sha256 }),
                vec![TrailEvent::signed_in_person(
                    v.document_id,
                    v.version,
                    *party,
                    &signed_pdf.sha256,
                    signed_snapshot_sha256.clone(),
                )],
            ))
        })?,
        Command::AttachSignedCopy {
            document_id,
            version,
            parties,
            copy,
        } => signature(view, *document_id, *version, |v| {
            if copy.sha256 == v.pdf_sha256 {
                return Err(Refusal::UnsignedOriginal {
                    number: v.number.clone(),
                    version: v.version,
                });
            }
            let parties = crate::document::Party::of_signed_copy(parties);
            let mut record = v.signature.clone();
            let mut trail = Vec::new();
            for party in &parties {
                record = record.sign(
                    *party,
                    SignatureMethod::SignedCopy {
                        pdf_sha256: copy.sha256.clone(),
                    },
                    at,
                    &actor.username,
                )?;
                trail.push(TrailEvent::signed_copy(
                    v.document_id,
                    v.version,
                    *party,
                    copy,
                ));
            }
            let changes = json!({ "parties": parties, "method": "signed_copy",
                                  "copy_sha256": copy.sha256 });
            Ok((record, changes, trail))
        })?,
        Command::DeclineDocument {
            document_id,
            version,
            party,
            reason,
        } => signature(view, *document_id, *version, |v| {
            Ok((
                v.signature.decline(*party, reason, at)?,
                json!({ "party": party, "reason": reason.trim() }),
                vec![TrailEvent::declined(
                    v.document_id,
                    v.version,
                    *party,
                    reason,
                )],
            ))
        })?,
        Command::VoidDocument {
            document_id,
            version,
            reason,
        } => signature(view, *document_id, *version, |v| {
            Ok((
                v.signature.void(reason)?,
                json!({ "reason": reason.trim() }),
                vec![TrailEvent::voided(v.document_id, v.version, reason)],
            ))
        })?,
        Command::ExpireDocument {
            document_id,
            version,
        } => signature(view, *document_id, *version, |v| {
            Ok((
                v.signature.expire(today)?,
                json!({}),
                vec![TrailEvent::expired(v.document_id, v.version)],
            ))
        })?,
    })
}

/// What a signature transition gives: the version's new record, the history entry's own
/// details and the trail events it adds.
type SignatureStep = (SignatureRecord, Value, Vec<TrailEvent>);

/// Moves one version's signature record on with the domain's transition.
fn signature(
    view: &dyn Records,
    document_id: uuid::Uuid,
    version: u32,
    change: impl FnOnce(&DocumentVersion) -> Result<SignatureStep, Refusal>,
) -> Result<Outcome, Refusal> {
    let mut doc = view
        .document(document_id)
        .ok_or_else(|| unknown(EntityKind::Document, document_id))?;
    let number = doc.number.clone();
    let v = doc
        .versions
        .iter_mut()
        .find(|v| v.version == version)
        .ok_or(Refusal::UnknownVersion { number, version })?;
    let (record, changes, trail) = change(v)?;
    let changes = signature_changes(changes, v, &record);
    v.signature = record;
    Ok(Outcome {
        trail,
        ..Outcome::one(Record::Document(doc)).noting(changes)
    })
}

#[cfg(test)]
mod tests;
