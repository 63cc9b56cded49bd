//! The catalogue's initial content (DOMAIN §3 and §7): plans with their pricing and the
//! risks a customer may accept. It is data an admin edits; this is only what a new
//! organisation starts with.

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

/// A risk a customer may knowingly accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// Its code.
    pub code: String,
    /// Its description in Spanish.
    pub name_es: String,
    /// Its description in English.
    pub name_en: String,
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

/// The risks of DOMAIN §7.
pub fn initial_risks() -> Vec<Risk> {
    let r = |code: &str, es: &str, en: &str| Risk {
        code: code.into(),
        name_es: es.into(),
        name_en: en.into(),
    };
    vec![
        r(
            "no-backup",
            "Sin política de respaldo (backup)",
            "No backup policy",
        ),
        r(
            "single-az",
            "Una sola zona de disponibilidad",
            "A single availability zone",
        ),
        r(
            "data-abroad",
            "Datos almacenados fuera del Paraguay",
            "Data stored outside Paraguay",
        ),
        r(
            "root-without-mfa",
            "Cuenta raíz sin MFA",
            "Root account without MFA",
        ),
        r(
            "variable-cost",
            "Costo variable por uso (pay per use)",
            "Variable pay-per-use cost",
        ),
    ]
}
