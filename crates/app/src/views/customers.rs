//! Customers as the customers screen shows them: a searchable list, a page with the
//! legal representatives, the master contract, the running services and the orders; and
//! the forms that create and edit them.

use nimbo_domain::Lang;
use nimbo_domain::customer::{
    Customer, CustomerDraft, CustomerPatch, MasterContractDraft, RepresentativeDraft,
    cycle_warning, document_shown,
};
use nimbo_store::orders::OrderFilter;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::orders::{OrderLineView, line_view};
use super::subscriptions::{SubscriptionView, subscription_view};
use super::{day, instant};
use crate::actions::{customers, orders};
use crate::{AppError, Nimbo};

/// How many of a customer's orders its page lists, newest first.
pub const ORDERS_ON_PAGE: i64 = 50;

/// A legal representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RepresentativeView {
    /// Stable id (corrections keep it).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Identity document, as typed.
    pub document: String,
    /// Identity document as people read it, labelled («C.I. N.º 2.248.164»).
    pub document_shown: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// The signed master solutions contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ContractView {
    /// The day it was signed (`YYYY-MM-DD`).
    pub signed_on: String,
    /// Its reference in the contracts register.
    pub reference: String,
}

/// A customer's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CustomerView {
    /// The RUC, `BASE-D`.
    pub ruc: String,
    /// The legal name.
    pub name: String,
    /// The segment's id: `corporate`, `large` or `government`.
    pub segment: String,
    /// The segment's name.
    pub segment_label: String,
    /// The postal address, when recorded.
    pub address: Option<String>,
    /// The Siebel billing account, once known.
    pub billing_account: Option<String>,
    /// Its billing cycle (day of the month), once known.
    pub billing_cycle: Option<u8>,
    /// What is wrong with that cycle, in words, when it is not the one billed on.
    pub cycle_warning: Option<String>,
    /// The master contract, once recorded.
    pub master_contract: Option<ContractView>,
    /// The legal representatives.
    pub representatives: Vec<RepresentativeView>,
    /// The running services.
    pub subscriptions: Vec<SubscriptionView>,
    /// Its orders, newest first (the latest 50).
    pub orders: Vec<OrderLineView>,
    /// When it was created (RFC 3339).
    pub created_at: String,
}

/// A customer in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CustomerLineView {
    /// The RUC.
    pub ruc: String,
    /// The legal name.
    pub name: String,
    /// The segment's id.
    pub segment: String,
    /// The segment's name.
    pub segment_label: String,
    /// Whether the master contract is recorded.
    pub has_master_contract: bool,
    /// The billing cycle, once known.
    pub billing_cycle: Option<u8>,
}

/// A new customer, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CustomerInput {
    /// Legal name.
    pub name: String,
    /// RUC, `BASE-D`.
    pub ruc: String,
    /// Segment id or name.
    pub segment: String,
    /// Postal address, optional (documents print it).
    #[serde(default)]
    pub address: Option<String>,
    /// Siebel billing account number, optional at first.
    #[serde(default)]
    pub billing_account: Option<String>,
    /// Billing cycle (day 1–28), optional at first.
    #[serde(default)]
    pub billing_cycle: Option<String>,
}

/// Changes to a customer; a field left out (or null) stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CustomerEditInput {
    /// New legal name.
    #[serde(default)]
    pub name: Option<String>,
    /// New segment.
    #[serde(default)]
    pub segment: Option<String>,
    /// New postal address; an empty text removes it.
    #[serde(default)]
    pub address: Option<String>,
    /// New billing account number.
    #[serde(default)]
    pub billing_account: Option<String>,
    /// New billing cycle.
    #[serde(default)]
    pub billing_cycle: Option<String>,
}

/// A legal representative, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RepresentativeInput {
    /// Full name.
    pub name: String,
    /// Identity document (cédula or passport).
    pub document: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

impl RepresentativeInput {
    fn draft(&self) -> RepresentativeDraft {
        RepresentativeDraft {
            name: self.name.clone(),
            document: self.document.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
        }
    }
}

/// A master contract record, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ContractInput {
    /// The day it was signed, `YYYY-MM-DD`.
    pub signed_on: String,
    /// Its reference.
    pub reference: String,
}

/// A customer's line in a list.
pub fn customer_line(c: &Customer, lang: Lang) -> CustomerLineView {
    CustomerLineView {
        ruc: c.ruc.to_string(),
        name: c.name.clone(),
        segment: c.segment.id().to_string(),
        segment_label: c.segment.name(lang).to_string(),
        has_master_contract: c.has_master_contract(),
        billing_cycle: c.billing_account.as_ref().map(|a| a.cycle),
    }
}

/// Finds customers by part of their name or RUC.
pub async fn search(
    nimbo: &Nimbo,
    text: &str,
    limit: i64,
    offset: i64,
    lang: Lang,
) -> Result<Vec<CustomerLineView>, AppError> {
    Ok(customers::search(nimbo, text, limit, offset)
        .await?
        .iter()
        .map(|c| customer_line(c, lang))
        .collect())
}

/// A customer's page, by RUC.
pub async fn page(nimbo: &Nimbo, ruc: &str, lang: Lang) -> Result<CustomerView, AppError> {
    let page = customers::show(nimbo, ruc).await?;
    let c = &page.customer;
    let filter = OrderFilter {
        ruc: Some(c.ruc.to_string()),
        limit: ORDERS_ON_PAGE,
        ..OrderFilter::default()
    };
    let list = orders::list(nimbo, &filter, false).await?;
    let plans = crate::actions::catalogue::plans(nimbo).await?;
    Ok(CustomerView {
        ruc: c.ruc.to_string(),
        name: c.name.clone(),
        segment: c.segment.id().to_string(),
        segment_label: c.segment.name(lang).to_string(),
        address: c.address.clone(),
        billing_account: c.billing_account.as_ref().map(|a| a.number.clone()),
        billing_cycle: c.billing_account.as_ref().map(|a| a.cycle),
        cycle_warning: c
            .billing_account
            .as_ref()
            .and_then(|a| cycle_warning(a.cycle, lang)),
        master_contract: c.master_contract.as_ref().map(|m| ContractView {
            signed_on: day(m.signed_on),
            reference: m.reference.clone(),
        }),
        representatives: c
            .representatives
            .iter()
            .map(|r| RepresentativeView {
                id: r.id.to_string(),
                name: r.name.clone(),
                document: r.document.clone(),
                document_shown: document_shown(&r.document, lang),
                email: r.email.clone(),
                phone: r.phone.clone(),
            })
            .collect(),
        subscriptions: page
            .subscriptions
            .iter()
            .map(|s| subscription_view(s, lang, &plans))
            .collect(),
        orders: list
            .orders
            .iter()
            .map(|l| line_view(l, lang, nimbo.now()))
            .collect(),
        created_at: instant(c.created_at),
    })
}

/// Creates a customer and shows its page.
pub async fn create(
    nimbo: &Nimbo,
    by: &str,
    input: &CustomerInput,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let draft = CustomerDraft {
        name: input.name.clone(),
        ruc: input.ruc.clone(),
        segment: input.segment.clone(),
        address: input.address.clone(),
        billing_account: input.billing_account.clone(),
        billing_cycle: input.billing_cycle.clone(),
    };
    let c = customers::create(nimbo, by, &draft).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}

/// Edits a customer and shows its page.
pub async fn edit(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    input: &CustomerEditInput,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let patch = CustomerPatch {
        name: input.name.clone(),
        segment: input.segment.clone(),
        address: input.address.clone(),
        billing_account: input.billing_account.clone(),
        billing_cycle: input.billing_cycle.clone(),
    };
    let c = customers::edit(nimbo, by, ruc, &patch).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}

/// Adds a legal representative and shows the customer's page.
pub async fn add_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    input: &RepresentativeInput,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let c = customers::add_representative(nimbo, by, ruc, &input.draft()).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}

/// Corrects a legal representative and shows the customer's page.
pub async fn correct_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    id: &str,
    input: &RepresentativeInput,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let c = customers::correct_representative(nimbo, by, ruc, id, &input.draft()).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}

/// Removes a legal representative and shows the customer's page.
pub async fn remove_representative(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    id: &str,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let c = customers::remove_representative(nimbo, by, ruc, id).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}

/// Records the master contract and shows the customer's page.
pub async fn record_master_contract(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    input: &ContractInput,
    lang: Lang,
) -> Result<CustomerView, AppError> {
    let draft = MasterContractDraft {
        signed_on: input.signed_on.clone(),
        reference: input.reference.clone(),
    };
    let c = customers::record_master_contract(nimbo, by, ruc, &draft).await?;
    page(nimbo, &c.ruc.to_string(), lang).await
}
