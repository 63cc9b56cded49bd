//! Customers: creating them, their legal representatives and their signed master
//! solutions contract.

use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::customer::{
    Customer, CustomerDraft, LegalRepresentative, MasterContract, MasterContractDraft,
    RepresentativeDraft,
};
use crate::permission::Action;
use crate::time::today_in_asuncion;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The customers' commands.
pub(super) struct Customers;

impl Area for Customers {
    fn wanted(&self, command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::CreateCustomer { customer } => vec![
                RecordKey::Customer(customer.id),
                RecordKey::CustomerByRuc(customer.ruc.to_string()),
            ],
            Command::AddRepresentative { customer_id, .. }
            | Command::CorrectRepresentative { customer_id, .. }
            | Command::RemoveRepresentative { customer_id, .. }
            | Command::RecordMasterContract { customer_id, .. } => {
                vec![RecordKey::Customer(*customer_id)]
            }
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let view = cx.view;
        Ok(match command {
            Command::CreateCustomer { customer } => {
                if view.customer(customer.id).is_some() {
                    return Err(Refusal::exists(EntityKind::Customer, customer.id));
                }
                if let Some(other) = view.customer_by_ruc(&customer.ruc.to_string()) {
                    return Err(Refusal::exists(
                        EntityKind::Customer,
                        format!("{} ({})", other.ruc, other.name),
                    ));
                }
                let customer = new_customer(customer, cx.at)?;
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
                    return Err(Refusal::exists(EntityKind::Customer, rep.id));
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
                let before = representative_of(&customer, rep.id);
                customer.correct_representative(rep.id, &draft_of(rep))?;
                let after = representative_of(&customer, rep.id);
                Outcome::one(Record::Customer(customer))
                    .noting(json!({ "before": before, "after": after }))
            }
            Command::RemoveRepresentative {
                customer_id,
                representative_id,
            } => {
                let mut customer = customer_of(view, *customer_id)?;
                let removed = representative_of(&customer, *representative_id);
                customer.remove_representative(*representative_id)?;
                Outcome::one(Record::Customer(customer))
                    .noting(json!({ "representative": removed }))
            }
            Command::RecordMasterContract {
                customer_id,
                contract: given,
            } => {
                let mut customer = customer_of(view, *customer_id)?;
                let contract = contract(given, cx.at)?;
                let previous = customer.master_contract.replace(contract.clone());
                Outcome::one(Record::Customer(customer))
                    .noting(json!({ "contract": contract, "previous": previous }))
            }
            _ => return Err(misrouted()),
        })
    }

    fn action(&self, command: &Command) -> Option<Action> {
        Some(match command {
            Command::CreateCustomer { .. } => Action::CreateCustomer,
            _ => Action::EditCustomer,
        })
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::AddRepresentative { .. } => "customer.representative_added",
            Command::CorrectRepresentative { .. } => "customer.representative_corrected",
            Command::RemoveRepresentative { .. } => "customer.representative_removed",
            Command::RecordMasterContract { .. } => "customer.master_contract_recorded",
            _ => "customer.created",
        }
    }
}

/// The customer the command names, as the view holds it.
pub(super) fn customer_of(view: &dyn Records, id: Uuid) -> Result<Customer, Refusal> {
    view.customer(id)
        .ok_or_else(|| Refusal::unknown(EntityKind::Customer, id))
}

fn representative_of(customer: &Customer, id: Uuid) -> Option<LegalRepresentative> {
    customer
        .representatives
        .iter()
        .find(|r| r.id == id)
        .cloned()
}

fn draft_of(rep: &LegalRepresentative) -> RepresentativeDraft {
    RepresentativeDraft {
        name: rep.name.clone(),
        document: rep.document.clone(),
        email: rep.email.clone(),
        phone: rep.phone.clone(),
    }
}

fn representative(rep: &LegalRepresentative) -> Result<LegalRepresentative, Refusal> {
    draft_of(rep).validate(rep.id).map_err(Refusal::invalid)
}

fn contract(contract: &MasterContract, at: DateTime<Utc>) -> Result<MasterContract, Refusal> {
    MasterContractDraft {
        signed_on: contract.signed_on.to_string(),
        reference: contract.reference.clone(),
    }
    .validate(today_in_asuncion(at))
    .map_err(Refusal::invalid)
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
        .map_err(Refusal::invalid)?;
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
