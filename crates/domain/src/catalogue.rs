//! The catalogue's initial content (DOMAIN §3 and §7): plans with their pricing and the
//! risks a customer may accept. It is data an admin edits; this is only what a new
//! organisation starts with.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a plan is priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pricing {
    /// The month's AWS consumption, passed through.
    Consumption,
    /// A share of the month's consumption with a monthly minimum, prorated.
    ShareOfConsumption {
        /// The share, e.g. 0.15.
        rate: Decimal,
        /// The monthly minimum in USD.
        minimum: Decimal,
    },
    /// A price per hour of work.
    Hourly {
        /// USD per hour.
        rate: Decimal,
        /// Whether it is the business-hours rate (else outside business hours).
        business_hours: bool,
    },
}

/// A plan of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Its code.
    pub code: String,
    /// Its commercial name.
    pub name: String,
    /// How it is priced, net of IVA.
    pub pricing: Pricing,
}

/// A plan's name and pricing in force from a day on (DOMAIN §3: new prices from a date on,
/// never editing the past). A plan's record holds every version it has had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPrice {
    /// The plan as priced from `valid_from`.
    pub plan: Plan,
    /// The first day this price is in force.
    pub valid_from: NaiveDate,
}

/// The plans in force on `day`: for each code, the version with the latest `valid_from`
/// on or before it; a plan not yet in force on that day is left out. In the order of
/// first appearance in `prices`.
pub fn in_force(prices: &[PlanPrice], day: NaiveDate) -> Vec<Plan> {
    let mut codes: Vec<&str> = Vec::new();
    for p in prices {
        if !codes.contains(&p.plan.code.as_str()) {
            codes.push(&p.plan.code);
        }
    }
    codes
        .into_iter()
        .filter_map(|code| {
            prices
                .iter()
                .filter(|p| p.plan.code == code && p.valid_from <= day)
                .max_by_key(|p| p.valid_from)
                .map(|p| p.plan.clone())
        })
        .collect()
}

/// The day the initial catalogue is in force from: before any order Nimbo can hold.
pub fn catalogue_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The initial plans as prices in force from [`catalogue_epoch`].
pub fn initial_prices() -> Vec<PlanPrice> {
    initial_plans()
        .into_iter()
        .map(|plan| PlanPrice {
            plan,
            valid_from: catalogue_epoch(),
        })
        .collect()
}

/// A risk a customer may knowingly accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// Its code.
    pub code: String,
    /// Its description in Spanish.
    pub name_es: String,
    /// Its description in English.
    pub name_en: String,
    /// Whether new offers may still list it (a retired risk stays for the acts that
    /// name it).
    #[serde(default = "active_by_default")]
    pub active: bool,
    /// What it means for the customer, in Spanish: what the risk act prints under it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_es: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_en: String,
}

fn active_by_default() -> bool {
    true
}

/// The plans of DOMAIN §3.
pub fn initial_plans() -> Vec<Plan> {
    vec![
        Plan {
            code: "aws".into(),
            name: "Tigo Cloud AWS".into(),
            pricing: Pricing::Consumption,
        },
        Plan {
            code: "aws-vip".into(),
            name: "Tigo Cloud AWS Serv. Adm. VIP".into(),
            pricing: Pricing::ShareOfConsumption {
                rate: Decimal::new(15, 2),
                minimum: Decimal::new(75, 0),
            },
        },
        Plan {
            code: "ps-business".into(),
            name: "Tigo Cloud AWS Serv. Prof. Hora Hábil".into(),
            pricing: Pricing::Hourly {
                rate: Decimal::new(50, 0),
                business_hours: true,
            },
        },
        Plan {
            code: "ps-after-hours".into(),
            name: "Tigo Cloud AWS Serv. Prof. Hora no Hábil".into(),
            pricing: Pricing::Hourly {
                rate: Decimal::new(75, 0),
                business_hours: false,
            },
        },
    ]
}

/// The risks of DOMAIN §7, with what each means for the customer.
pub fn initial_risks() -> Vec<Risk> {
    let r = |code: &str, es: &str, en: &str, desc_es: &str, desc_en: &str| Risk {
        code: code.into(),
        name_es: es.into(),
        name_en: en.into(),
        active: true,
        description_es: desc_es.into(),
        description_en: desc_en.into(),
    };
    vec![
        r(
            "no-backup",
            "Sin política de respaldo (backup)",
            "No backup policy",
            "No se configuran copias de respaldo de los datos ni de los servidores. Ante un borrado, una falla o un ataque, la información puede perderse sin posibilidad de recuperarla.",
            "No backups of the data or the servers are configured. After a deletion, a failure or an attack, the information may be lost with no way to recover it.",
        ),
        r(
            "single-az",
            "Una sola zona de disponibilidad",
            "A single availability zone",
            "Los recursos funcionan en una sola zona de disponibilidad de AWS. Una falla de esa zona deja el servicio sin funcionar hasta que AWS la resuelva.",
            "The resources run in a single AWS availability zone. A failure of that zone leaves the service down until AWS resolves it.",
        ),
        r(
            "data-abroad",
            "Datos almacenados fuera del Paraguay",
            "Data stored outside Paraguay",
            "Los datos se almacenan y procesan en centros de datos de AWS fuera del territorio paraguayo y quedan sujetos también a las leyes del país donde se encuentran.",
            "The data are stored and processed in AWS data centres outside Paraguay and are also subject to the laws of the country where they are.",
        ),
        r(
            "root-without-mfa",
            "Cuenta raíz sin MFA",
            "Root account without MFA",
            "La cuenta raíz de AWS no tiene autenticación de múltiples factores. Quien obtenga su contraseña tiene control total de la cuenta, sus datos y sus costos.",
            "The AWS root account has no multi-factor authentication. Whoever obtains its password has full control of the account, its data and its costs.",
        ),
        r(
            "variable-cost",
            "Costo variable por uso (pay per use)",
            "Variable pay-per-use cost",
            "El costo mensual depende del consumo real de los servicios de AWS y puede variar de un mes a otro; un uso mayor al previsto se factura en su totalidad.",
            "The monthly cost depends on the actual use of the AWS services and may vary from month to month; a greater use than expected is billed in full.",
        ),
    ]
}
