//! The kinds of document Nimbo issues, and what each needs before it can be issued.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::lang::Lang;
use crate::order::{Order, OrderStatus, Step};
use crate::workflow::ProcessStep;

use super::signer::Party;

/// A kind of document. The penalty table, the termination confirmation and the
/// suspension and reconnection notices (DOMAIN §6, §8) will join this list with the
/// termination and suspension flows; their ids are reserved (`penalty_table`,
/// `termination_confirmation`, `suspension_notice`, `reconnection_notice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The Welcome KIT (step 19).
    WelcomeKit,
    /// The service acceptance act (step 20).
    AcceptanceAct,
    /// The AWS risk acceptance act (step 9, when the offer records risks).
    RiskAct,
}

/// A text that names no kind of document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl DocumentKind {
    /// Every kind Nimbo issues today.
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::WelcomeKit,
        DocumentKind::AcceptanceAct,
        DocumentKind::RiskAct,
    ];

    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::WelcomeKit => "welcome_kit",
            DocumentKind::AcceptanceAct => "acceptance_act",
            DocumentKind::RiskAct => "risk_act",
        }
    }

    /// The prefix of the document's number (`KIT-7K3F-000123`).
    pub fn prefix(self) -> &'static str {
        match self {
            DocumentKind::WelcomeKit => "KIT",
            DocumentKind::AcceptanceAct => "ACT",
            DocumentKind::RiskAct => "RSK",
        }
    }

    /// The document's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::WelcomeKit => "Welcome KIT",
            DocumentKind::AcceptanceAct => {
                lang.pick("Acta de aceptación del servicio", "Service acceptance act")
            }
            DocumentKind::RiskAct => lang.pick(
                "Acta de aceptación de riesgos AWS",
                "AWS risk acceptance act",
            ),
        }
    }

    /// Who must sign it: none for the Welcome KIT, which is delivered, not signed.
    pub fn signers(self) -> &'static [Party] {
        match self {
            DocumentKind::WelcomeKit => &[],
            DocumentKind::AcceptanceAct | DocumentKind::RiskAct => {
                &[Party::Customer, Party::Organisation]
            }
        }
    }

    /// The onboarding step that needs this document.
    pub fn step(self) -> Step {
        match self {
            DocumentKind::WelcomeKit => Step::WelcomeKit,
            DocumentKind::AcceptanceAct => Step::AcceptanceAct,
            DocumentKind::RiskAct => Step::CustomerSignature,
        }
    }

    /// The step whose record carries the signed copy attached as a file instead, and
    /// its field key, for documents a step needs signed.
    pub fn step_field(self) -> Option<(Step, &'static str)> {
        Step::ALL.into_iter().find_map(|step| {
            step.spec()
                .signs
                .iter()
                .find(|(_, kind)| *kind == self)
                .map(|(key, _)| (step, *key))
        })
    }

    /// The step that must be done before the document can be made (its data comes
    /// from it), or `None` when the order already allows it. The risk act also needs
    /// the offer to record risks.
    pub fn missing_data(self, order: &Order) -> Option<Step> {
        let needs = match self {
            DocumentKind::WelcomeKit | DocumentKind::AcceptanceAct => Step::Provisioning,
            DocumentKind::RiskAct => Step::Offer,
        };
        (!order.records.contains_key(&needs)).then_some(needs)
    }

    /// Whether a version of this document may be issued for the order as it stands: not
    /// cancelled, its data recorded, and (for the risk act) risks recorded. The laptop
    /// asks it before rendering, and `apply` decides with it.
    pub fn check_issuable(self, order: &Order) -> Result<(), DomainError> {
        if order.status == OrderStatus::Cancelled {
            return Err(DomainError::OrderClosed {
                number: order.number.clone(),
                completed: false,
            });
        }
        if let Some(step) = self.missing_data(order) {
            return Err(DomainError::DocumentDataMissing {
                kind: self,
                number: order.number.clone(),
                step,
            });
        }
        if self == DocumentKind::RiskAct && !order.has_risks() {
            return Err(DomainError::NoRisksRecorded {
                number: order.number.clone(),
            });
        }
        Ok(())
    }
}

impl FromStr for DocumentKind {
    type Err = UnknownKind;
    fn from_str(text: &str) -> Result<DocumentKind, UnknownKind> {
        let t = text.trim().to_ascii_lowercase().replace('-', "_");
        let found = match t.as_str() {
            "welcome_kit" | "kit" | "welcome" => DocumentKind::WelcomeKit,
            "acceptance_act" | "acta" | "acceptance" | "acta_aceptacion" => {
                DocumentKind::AcceptanceAct
            }
            "risk_act" | "risks" | "riesgos" | "acta_riesgos" => DocumentKind::RiskAct,
            _ => return Err(UnknownKind(text.to_string())),
        };
        Ok(found)
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
