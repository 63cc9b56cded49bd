//! Customers: created, found by name or RUC, edited field by field, their legal
//! representatives and master contract recorded.

use nimbo_domain::customer::{
    Customer, CustomerDraft, CustomerPatch, LegalRepresentative, MasterContractDraft,
    RepresentativeDraft,
};
use nimbo_domain::error::DomainError;
use nimbo_domain::operation::{Command, EntityKind, OperationBody, Outcome, Record, Refusal};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::{customers as store, subscriptions};
use serde::Serialize;
use uuid::Uuid;

use crate::context::{actor, check_page, check_search, find_customer as find, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

/// A customer with what hangs off it, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerPage {
    /// The customer.
    pub customer: Customer,
    /// Its running services.
    pub subscriptions: Vec<Subscription>,
}

/// Shows a customer by RUC.
pub async fn show(nimbo: &Nimbo, ruc: &str) -> Result<CustomerPage, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let customer = find(&mut conn, ruc).await?;
    let subscriptions = subscriptions::by_customer(&mut conn, customer.id).await?;
    Ok(CustomerPage {
        customer,
        subscriptions,
    })
}

/// Finds customers by part of their name or RUC.
pub async fn search(
    nimbo: &Nimbo,
    text: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Customer>, AppError> {
    check_page(limit, offset)?;
    check_search("search", "búsqueda", "search", Some(text))?;
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(store::search(&mut conn, text, limit, offset).await?)
}

/// Creates a customer.
pub async fn create(nimbo: &Nimbo, by: &str, draft: &CustomerDraft) -> Result<Customer, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    // Asked first so that someone who may not create customers is told so before any typo.
    authorize(&user, Action::CreateCustomer)?;
    let customer = draft.validate(Uuid::now_v7(), now).map_err(invalid)?;
    let command = Command::CreateCustomer {
        customer: customer.clone(),
    };
    let change = Change::command(&user, EntityKind::Customer, customer.id, command);
    let outcome = match act(&mut tx, now, change).await {
        Err(AppError::Refused(Refusal::RecordExists { .. })) => {
            return Err(
                match store::by_ruc(&mut tx, &customer.ruc.to_string()).await? {
                    Some(existing) => AppError::CustomerExists {
                        ruc: existing.ruc.to_string(),
                        name: existing.name,
                    },
                    None => AppError::CustomerExists {
                        ruc: customer.ruc.to_string(),
                        name: customer.name,
                    },
                },
            );
        }
        other => other?,
    };
    tx.commit().await?;
    customer_in(outcome)
}

/// The customer an accepted change wrote.
fn customer_in(outcome: Outcome) -> Result<Customer, AppError> {
    written(outcome, "customer", |record| match record {
        Record::Customer(it) => Some(it),
        _ => None,
    })
}

/// Edits a customer's fields; only the fields that change are recorded and sent.
pub async fn edit(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    patch: &CustomerPatch,
) -> Result<Customer, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCustomer)?;
    let customer = find(&mut tx, ruc).await?;
    let (_, changes) = customer.patched(patch).map_err(invalid)?;
    if changes.is_empty() {
        return Ok(customer);
    }
    let change = Change {
        actor: &user,
        entity: EntityKind::Customer,
        entity_id: customer.id,
        body: OperationBody::Fields {
            entity: EntityKind::Customer,
            entity_id: customer.id,
            changes,
        },
    };
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    customer_in(outcome)
}

/// Adds a legal representative.
pub async fn add_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    draft: &RepresentativeDraft,
) -> Result<Customer, AppError> {
    amend(nimbo, by, ruc, |customer, _now| {
        Ok(Command::AddRepresentative {
            customer_id: customer.id,
            representative: draft.validate(Uuid::now_v7()).map_err(invalid)?,
        })
    })
    .await
}

/// Corrects a legal representative's details (named by id or identity document); they
/// keep their id.
pub async fn correct_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    id: &str,
    draft: &RepresentativeDraft,
) -> Result<Customer, AppError> {
    amend(nimbo, by, ruc, |customer, _now| {
        let id = find_representative(customer, id)?.id;
        Ok(Command::CorrectRepresentative {
            customer_id: customer.id,
            representative: draft.validate(id).map_err(invalid)?,
        })
    })
    .await
}

/// Removes a legal representative (named by id or identity document).
pub async fn remove_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    id: &str,
) -> Result<Customer, AppError> {
    amend(nimbo, by, ruc, |customer, _now| {
        Ok(Command::RemoveRepresentative {
            customer_id: customer.id,
            representative_id: find_representative(customer, id)?.id,
        })
    })
    .await
}

/// The representative a person means: by identity document as printed on the customer's
/// page, or by id.
pub fn find_representative<'a>(
    customer: &'a Customer,
    text: &str,
) -> Result<&'a LegalRepresentative, AppError> {
    let text = text.trim();
    let by_document = customer
        .representatives
        .iter()
        .find(|r| r.document.eq_ignore_ascii_case(text));
    match by_document {
        Some(rep) => Ok(rep),
        None => {
            let id = Uuid::parse_str(text).map_err(|_| DomainError::RepresentativeNotFound {
                customer: customer.name.clone(),
                id: text.to_string(),
            })?;
            Ok(customer.representative(id)?)
        }
    }
}

/// Records the signed master solutions contract.
pub async fn record_master_contract(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    draft: &MasterContractDraft,
) -> Result<Customer, AppError> {
    amend(nimbo, by, ruc, |customer, now| {
        Ok(Command::RecordMasterContract {
            customer_id: customer.id,
            contract: draft.validate(today_in_asuncion(now)).map_err(invalid)?,
        })
    })
    .await
}

/// A change to a customer that is sent as a command: the caller says which command the
/// person's request makes of the customer as it stands; it is decided and written with
/// its audit event and operation, or nothing.
async fn amend(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    command: impl FnOnce(&Customer, chrono::DateTime<chrono::Utc>) -> Result<Command, AppError>,
) -> Result<Customer, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCustomer)?;
    let customer = find(&mut tx, ruc).await?;
    let command = command(&customer, now)?;
    let change = Change::command(&user, EntityKind::Customer, customer.id, command);
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    customer_in(outcome)
}
