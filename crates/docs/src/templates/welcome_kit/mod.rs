//! The Welcome KIT (DOMAIN §7): everything a customer needs to start using the service —
//! the plans, the AWS accounts, MCO access (never a password), support and escalation,
//! billing, their contacts and the delivery date. The snapshot is shared by every edition
//! of the layout; [`first`] draws the versions issued before issue 14, [`second`] the
//! current ones.

use chrono::NaiveDate;
use nimbo_domain::catalogue::{Plan, Pricing};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Template;
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{Customer, DocumentMeta, Organisation, Person, TemplateVersion};
use crate::money::{percent, usd};

mod first;
mod second;

pub use first::cycle_text;
pub use second::{SECTIONS, cycle_sentence};

/// How a plan's price reads in the plans table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Price {
    /// Whatever AWS consumption the month had.
    Consumption,
    /// A fixed monthly price.
    Monthly {
        /// USD per month, net of IVA.
        amount: Decimal,
    },
    /// A monthly minimum (the plan charges a share of consumption above it).
    MonthlyMinimum {
        /// USD per month, net of IVA.
        amount: Decimal,
    },
    /// A price per hour of work.
    Hourly {
        /// USD per hour, net of IVA.
        amount: Decimal,
    },
}

impl Price {
    /// The price as printed, e.g. `USD 50,00 / hora`.
    pub fn text(&self) -> String {
        match self {
            Price::Consumption => "Según consumo".into(),
            Price::Monthly { amount } => format!("{} / mes", usd(*amount)),
            Price::MonthlyMinimum { amount } => format!("Mínimo {} / mes", usd(*amount)),
            Price::Hourly { amount } => format!("{} / hora", usd(*amount)),
        }
    }
}

/// A contracted plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    /// Its commercial name.
    pub name: String,
    /// How it is charged, in a sentence.
    pub terms: String,
    /// Its price.
    pub price: Price,
}

impl PlanLine {
    /// The plan as the catalogue describes it, with its wording in Spanish.
    pub fn from_catalogue(plan: &Plan) -> PlanLine {
        let (terms, price) = match &plan.pricing {
            Pricing::Consumption => (
                "El consumo mensual de los servicios de AWS, pago por uso.".to_string(),
                Price::Consumption,
            ),
            // The consumption up to which the minimum governs is arithmetic the customer
            // need not read: the minimum and the share say it all.
            Pricing::ShareOfConsumption { rate, minimum } => (
                format!(
                    "Servicios administrados: {} del consumo mensual, con un mínimo de {}.",
                    percent(*rate),
                    usd(*minimum),
                ),
                Price::MonthlyMinimum { amount: *minimum },
            ),
            Pricing::Hourly {
                rate,
                business_hours,
            } => (
                if *business_hours {
                    "Servicios profesionales en horario hábil: lunes a viernes de 08:00 a 18:00, salvo feriados.".to_string()
                } else {
                    "Servicios profesionales fuera del horario hábil, fines de semana y feriados."
                        .to_string()
                },
                Price::Hourly { amount: *rate },
            ),
        };
        PlanLine {
            name: plan.name.clone(),
            terms,
            price,
        }
    }
}

/// An AWS account delivered to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsAccount {
    /// The 12-digit account id.
    pub id: String,
    /// What it is for (may be empty).
    pub description: String,
}

/// Access to the Multi Cloud Orchestrator console (MCO). Never a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct McoAccess {
    /// The console's address.
    pub console_url: String,
    /// The customer's user name.
    pub user_name: String,
    /// How and when the password reaches the customer, completing «La recibirá …»
    /// (from the second edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_delivery: Option<String>,
    /// Whom to call when it does not arrive, completing «comuníquese con …» (from the
    /// second edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_help: Option<String>,
}

/// A post-sale technical support channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportChannel {
    /// The channel (e.g. `Mesa de ayuda telefónica`).
    pub channel: String,
    /// The number, address or link.
    pub contact: String,
    /// When it attends (e.g. `24 × 7`).
    pub hours: String,
}

/// How soon support answers an incident of one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseTime {
    /// The severity (`Crítica`).
    pub severity: String,
    /// Which incidents have it.
    pub meaning: String,
    /// How soon support answers (`1 hora, todos los días`).
    pub response: String,
}

/// A step of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationContact {
    /// The level, from 1.
    pub level: u8,
    /// Who.
    pub name: String,
    /// Their position.
    pub role: String,
    /// E-mail address.
    pub email: String,
    /// Telephone; the second edition leaves an empty one out.
    pub phone: String,
}

/// How the service is billed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// The billing cycle: the day of the month a period starts (15 for AWS plans).
    pub cycle_day: u8,
    /// The billing account number.
    pub billing_account: String,
    /// How to get the invoices, in Spanish (paragraphs separated by newlines).
    pub invoices: String,
}

/// The Welcome KIT's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeKit {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with.
    #[serde(default, skip_serializing_if = "TemplateVersion::is_first")]
    pub template: TemplateVersion,
    /// The customer's representative the KIT greets by name (from the second edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Who issues it.
    pub organisation: Organisation,
    /// Who receives it.
    pub customer: Customer,
    /// The order it closes.
    pub order_number: String,
    /// The contracted plans.
    pub plans: Vec<PlanLine>,
    /// The AWS accounts delivered.
    pub aws_accounts: Vec<AwsAccount>,
    /// MCO access.
    pub mco: McoAccess,
    /// Support channels.
    pub support: Vec<SupportChannel>,
    /// How to open a support ticket, in the organisation's words (from the second
    /// edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Response times by severity (from the second edition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_times: Vec<ResponseTime>,
    /// Escalation contacts.
    pub escalation: Vec<EscalationContact>,
    /// Billing.
    pub billing: Billing,
    /// The key account manager.
    pub kam: Person,
    /// The order manager.
    pub order_manager: Person,
    /// The day the service was delivered.
    pub delivery_date: NaiveDate,
}

impl Template for WelcomeKit {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Welcome KIT"
    }

    fn title(&self) -> String {
        "Welcome KIT".into()
    }

    fn subject(&self) -> String {
        format!("{} — pedido {}", self.customer.name, self.order_number)
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        if self.template.is_first() {
            first::compose(self, flow)
        } else {
            second::compose(self, flow)
        }
    }
}
