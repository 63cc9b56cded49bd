//! Customers: created, found by name or RUC, edited field by field, their legal
//! representatives and master contract recorded.

use nimbo_domain::customer::{
    Customer, CustomerDraft, CustomerPatch, LegalRepresentative, MasterContractDraft,
    RepresentativeDraft, check_ruc,
};
use nimbo_domain::error::DomainError;
use nimbo_domain::operation::{Command, EntityKind, OperationBody};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::problem::FieldError;
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::{Connection, customers as store, subscriptions};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::error::invalid;
use crate::journal::{Entry, write_one};
use crate::organisation::require;
use crate::users::actor;
use crate::{AppError, Nimbo};

/// Reads a customer by RUC as typed, refusing a malformed RUC or an unknown customer.
pub async fn find(conn: &mut Connection, ruc: &str) -> Result<Customer, AppError> {
    let ruc = check_ruc(ruc).map_err(|p| invalid(vec![FieldError::new("ruc", "RUC", "RUC", p)]))?;
    store::by_ruc(conn, &ruc.to_string())
        .await?
        .ok_or_else(|| AppError::CustomerNotFound {
            ruc: ruc.to_string(),
        })
}

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
    crate::orders::check_page(limit, offset)?;
    crate::orders::check_search("search", "búsqueda", "search", Some(text))?;
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(store::search(&mut conn, text, limit, offset).await?)
}

/// Creates a customer.
pub async fn create(nimbo: &Nimbo, by: &str, draft: &CustomerDraft) -> Result<Customer, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::CreateCustomer)?;
    let customer = draft.validate(Uuid::now_v7(), now).map_err(invalid)?;
    if let Some(existing) = store::by_ruc(&mut tx, &customer.ruc.to_string()).await? {
        return Err(AppError::CustomerExists {
            ruc: existing.ruc.to_string(),
            name: existing.name,
        });
    }
    store::insert(&mut tx, &customer).await?;
    write_one(
        &mut tx,
        now,
        Entry::command(
            &user.username,
            EntityKind::Customer,
            customer.id,
            json!({ "ruc": customer.ruc, "name": customer.name, "segment": customer.segment, "billing_account": customer.billing_account }),
            Command::CreateCustomer { customer: customer.clone() },
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(customer)
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
    let (next, changes) = customer.patched(patch).map_err(invalid)?;
    if changes.is_empty() {
        return Ok(customer);
    }
    store::update(&mut tx, &next, now).await?;
    write_one(
        &mut tx,
        now,
        Entry {
            actor: &user.username,
            entity: EntityKind::Customer,
            entity_id: next.id,
            changes: json!(changes),
            body: OperationBody::Fields {
                entity: EntityKind::Customer,
                entity_id: next.id,
                changes,
            },
        },
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// Adds a legal representative.
pub async fn add_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    draft: &RepresentativeDraft,
) -> Result<Customer, AppError> {
    amend(nimbo, by, ruc, |customer, _now| {
        let rep = draft.validate(Uuid::now_v7()).map_err(invalid)?;
        customer.representatives.push(rep.clone());
        Ok((
            json!({ "representative": rep }),
            Command::AddRepresentative {
                customer_id: customer.id,
                representative: rep,
            },
        ))
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
        let (before, after) = customer.correct_representative(id, draft)?;
        Ok((
            json!({ "before": before, "after": after }),
            Command::CorrectRepresentative {
                customer_id: customer.id,
                representative: after,
            },
        ))
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
        let id = find_representative(customer, id)?.id;
        let removed = customer.remove_representative(id)?;
        Ok((
            json!({ "representative": removed }),
            Command::RemoveRepresentative {
                customer_id: customer.id,
                representative_id: id,
            },
        ))
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
        let contract = draft.validate(today_in_asuncion(now)).map_err(invalid)?;
        let previous = customer.master_contract.replace(contract.clone());
        Ok((
            json!({ "contract": contract, "previous": previous }),
            Command::RecordMasterContract {
                customer_id: customer.id,
                contract,
            },
        ))
    })
    .await
}

/// A change to a customer that is sent as a command: the caller changes the customer and
/// says what changed; this writes it with its audit event and operation, or nothing.
async fn amend(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    change: impl FnOnce(
        &mut Customer,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<(serde_json::Value, Command), AppError>,
) -> Result<Customer, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCustomer)?;
    let mut customer = find(&mut tx, ruc).await?;
    let (changes, command) = change(&mut customer, now)?;
    store::update(&mut tx, &customer, now).await?;
    write_one(
        &mut tx,
        now,
        Entry::command(
            &user.username,
            EntityKind::Customer,
            customer.id,
            changes,
            command,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(customer)
}
