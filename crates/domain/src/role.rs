//! The roles of DOMAIN §2: every action in Nimbo is allowed to named roles only.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A role a user may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Ing. Preventa.
    Presales,
    /// Regional architect and provisioning team.
    Regional,
    /// The offers desk.
    Offers,
    /// Key account manager (Ejecutivo Comercial).
    Kam,
    /// Soporte Corporativo.
    CorporateSupport,
    /// Order manager.
    OrderManager,
    /// Ejecutivo de Servicios B2B.
    ServiceExecutive,
    /// Gerente de créditos.
    CreditManager,
    /// The KAM's manager.
    SalesManager,
    /// Especialista de productos corporativos (billing).
    BillingSpecialist,
    /// Users, roles, catalogue and the organisation's profile.
    Admin,
}

impl Role {
    /// Every role, in the order of DOMAIN §2.
    pub const ALL: [Role; 11] = [
        Role::Presales,
        Role::Regional,
        Role::Offers,
        Role::Kam,
        Role::CorporateSupport,
        Role::OrderManager,
        Role::ServiceExecutive,
        Role::CreditManager,
        Role::SalesManager,
        Role::BillingSpecialist,
        Role::Admin,
    ];

    /// The role's id, as written on the command line and stored.
    pub fn id(self) -> &'static str {
        match self {
            Role::Presales => "presales",
            Role::Regional => "regional",
            Role::Offers => "offers",
            Role::Kam => "kam",
            Role::CorporateSupport => "corporate_support",
            Role::OrderManager => "order_manager",
            Role::ServiceExecutive => "service_executive",
            Role::CreditManager => "credit_manager",
            Role::SalesManager => "sales_manager",
            Role::BillingSpecialist => "billing_specialist",
            Role::Admin => "admin",
        }
    }

    /// The role's name as people call it.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Role::Presales => lang.pick("Ing. Preventa", "Pre-sales engineer"),
            Role::Regional => lang.pick(
                "Regional (arquitectura y aprovisionamiento)",
                "Regional architect",
            ),
            Role::Offers => lang.pick("Ofertas", "Offers desk"),
            Role::Kam => lang.pick("Ejecutivo comercial", "Key account manager"),
            Role::CorporateSupport => lang.pick("Soporte Corporativo", "Corporate support"),
            Role::OrderManager => lang.pick("Gestor del pedido", "Order manager"),
            Role::ServiceExecutive => {
                lang.pick("Ejecutivo de Servicios B2B", "B2B service executive")
            }
            Role::CreditManager => lang.pick("Gerente de créditos", "Credit manager"),
            Role::SalesManager => lang.pick("Gerente comercial", "Sales manager"),
            Role::BillingSpecialist => lang.pick(
                "Especialista de productos corporativos",
                "Billing specialist",
            ),
            Role::Admin => lang.pick("Administrador", "Administrator"),
        }
    }

    /// Names a list of roles for a message: «Ejecutivo comercial o Ing. Preventa».
    pub fn list(roles: &[Role], lang: Lang) -> String {
        let names: Vec<String> = roles
            .iter()
            .map(|r| format!("{} ({})", r.name(lang), r.id()))
            .collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            n => format!(
                "{} {} {}",
                names[..n - 1].join(", "),
                lang.pick("o", "or"),
                names[n - 1]
            ),
        }
    }
}

/// A text that names no role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rol desconocido «{0}»")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| r.id() == wanted)
            .ok_or_else(|| UnknownRole(text.to_string()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
