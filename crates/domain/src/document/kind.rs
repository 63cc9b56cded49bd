//! The kinds of document Nimbo issues, and what each needs before it can be issued.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::lang::Lang;
use crate::order::{Order, OrderStatus, Step};
use crate::service::{
    ReconnectionStep, ServiceProcess, ServiceStep, SuspensionStep, TerminationStep,
};
use crate::subscription::Subscription;
use crate::workflow::{Flow, FlowStatus, ProcessStep};

use super::signer::Party;

/// A kind of document: the three of an order's onboarding (DOMAIN §7), and the four of a
/// service's life after it (DOMAIN §6, §8), which belong to a termination, suspension or
/// reconnection instead of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The Welcome KIT (step 19).
    WelcomeKit,
    /// The service acceptance act (step 20).
    AcceptanceAct,
    /// The AWS risk acceptance act (step 9, when the offer records risks).
    RiskAct,
    /// A termination's penalty table (from its verification, step 2).
    PenaltyTable,
    /// A termination's confirmation to the customer (at its last step).
    TerminationConfirmation,
    /// A suspension's notice to the customer (its notice step).
    SuspensionNotice,
    /// A reconnection's notice to the customer (its notice step).
    ReconnectionNotice,
}

/// A text that names no kind of document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl DocumentKind {
    /// Every kind Nimbo issues.
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::WelcomeKit,
        DocumentKind::AcceptanceAct,
        DocumentKind::RiskAct,
        DocumentKind::PenaltyTable,
        DocumentKind::TerminationConfirmation,
        DocumentKind::SuspensionNotice,
        DocumentKind::ReconnectionNotice,
    ];

    /// The kinds an order's onboarding issues.
    pub const OF_ORDERS: [DocumentKind; 3] = [
        DocumentKind::WelcomeKit,
        DocumentKind::AcceptanceAct,
        DocumentKind::RiskAct,
    ];

    /// The kinds a termination, suspension or reconnection issues.
    pub const OF_PROCESSES: [DocumentKind; 4] = [
        DocumentKind::PenaltyTable,
        DocumentKind::TerminationConfirmation,
        DocumentKind::SuspensionNotice,
        DocumentKind::ReconnectionNotice,
    ];

    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::WelcomeKit => "welcome_kit",
            DocumentKind::AcceptanceAct => "acceptance_act",
            DocumentKind::RiskAct => "risk_act",
            DocumentKind::PenaltyTable => "penalty_table",
            DocumentKind::TerminationConfirmation => "termination_confirmation",
            DocumentKind::SuspensionNotice => "suspension_notice",
            DocumentKind::ReconnectionNotice => "reconnection_notice",
        }
    }

    /// The prefix of the document's number (`KIT-7K3F-000123`).
    pub fn prefix(self) -> &'static str {
        match self {
            DocumentKind::WelcomeKit => "KIT",
            DocumentKind::AcceptanceAct => "ACT",
            DocumentKind::RiskAct => "RSK",
            DocumentKind::PenaltyTable => "PEN",
            DocumentKind::TerminationConfirmation => "CBJ",
            DocumentKind::SuspensionNotice => "AVS",
            DocumentKind::ReconnectionNotice => "AVR",
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
            DocumentKind::PenaltyTable => lang.pick("Tabla de penalidades", "Penalty table"),
            DocumentKind::TerminationConfirmation => {
                lang.pick("Confirmación de baja", "Termination confirmation")
            }
            DocumentKind::SuspensionNotice => lang.pick(
                "Aviso de suspensión del servicio",
                "Service suspension notice",
            ),
            DocumentKind::ReconnectionNotice => lang.pick(
                "Aviso de reconexión del servicio",
                "Service reconnection notice",
            ),
        }
    }

    /// Who must sign it: none for the Welcome KIT and the notices, which are delivered,
    /// not signed; the customer's representative signs for the penalty table (with the
    /// KAM) and acknowledges the termination confirmation (with pre-sales or the order
    /// manager who confirms it) — docs/DECISIONS.md.
    pub fn signers(self) -> &'static [Party] {
        match self {
            DocumentKind::WelcomeKit
            | DocumentKind::SuspensionNotice
            | DocumentKind::ReconnectionNotice => &[],
            DocumentKind::AcceptanceAct
            | DocumentKind::RiskAct
            | DocumentKind::PenaltyTable
            | DocumentKind::TerminationConfirmation => &[Party::Customer, Party::Organisation],
        }
    }

    /// The step of a termination, suspension or reconnection from which a document of
    /// this kind can be made; `None` for an order's document.
    pub fn process_step(self) -> Option<ServiceStep> {
        Some(match self {
            DocumentKind::PenaltyTable => ServiceStep::Termination(TerminationStep::Verification),
            DocumentKind::TerminationConfirmation => {
                ServiceStep::Termination(TerminationStep::Confirmed)
            }
            DocumentKind::SuspensionNotice => ServiceStep::Suspension(SuspensionStep::Notice),
            DocumentKind::ReconnectionNotice => ServiceStep::Reconnection(ReconnectionStep::Notice),
            DocumentKind::WelcomeKit | DocumentKind::AcceptanceAct | DocumentKind::RiskAct => {
                return None;
            }
        })
    }

    /// The onboarding step that needs this document; `None` for a process's document.
    pub fn step(self) -> Option<Step> {
        match self {
            DocumentKind::WelcomeKit => Some(Step::WelcomeKit),
            DocumentKind::AcceptanceAct => Some(Step::AcceptanceAct),
            DocumentKind::RiskAct => Some(Step::CustomerSignature),
            _ => None,
        }
    }

    /// Whether the document prints what its own step records, so that the step must be
    /// done first: the suspension notice gives the date the KAM's notice step records.
    pub fn made_from_its_step(self) -> bool {
        self == DocumentKind::SuspensionNotice
    }

    /// Whether a document of this kind belongs to a process rather than an order.
    pub fn of_process(self) -> bool {
        self.process_step().is_some()
    }

    /// Whether a version of this document may be issued for the process as it stands: a
    /// document of its kind of process, the process not cancelled, at or past the step
    /// the document is made at, and (for the penalty table) a contract with a term. The
    /// laptop asks it before rendering, and `apply` decides with it.
    pub fn check_issuable_for(
        self,
        process: &ServiceProcess,
        subscription: &Subscription,
    ) -> Result<(), DomainError> {
        let number = process.number().to_string();
        let Some(step) = self.process_step().filter(|s| s.kind() == process.kind()) else {
            return Err(DomainError::NotADocumentOf { kind: self, number });
        };
        if process.status() == FlowStatus::Cancelled {
            return Err(crate::service::ServiceError::Closed {
                number,
                completed: false,
            }
            .into());
        }
        if !reached(process, step, self.made_from_its_step()) {
            return Err(DomainError::ProcessNotThereYet {
                kind: self,
                number,
                step,
            });
        }
        if self == DocumentKind::PenaltyTable && subscription.terms.is_none() {
            return Err(DomainError::NoPenalties {
                number,
                subscriber_id: subscription.subscriber_id.clone(),
            });
        }
        Ok(())
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
            DocumentKind::RiskAct => Step::Offer,
            _ => Step::Provisioning,
        };
        (!order.records.contains_key(&needs)).then_some(needs)
    }

    /// Whether a version of this document may be issued for the order as it stands: not
    /// cancelled, its data recorded, and (for the risk act) risks recorded. The laptop
    /// asks it before rendering, and `apply` decides with it.
    pub fn check_issuable(self, order: &Order) -> Result<(), DomainError> {
        if self.of_process() {
            return Err(DomainError::NotADocumentOf {
                kind: self,
                number: order.number.clone(),
            });
        }
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

/// Whether a process stands at or past a step of its own (completed, waiting at it or
/// later, or the step done), or with `done`, whether the step is done.
fn reached(process: &ServiceProcess, step: ServiceStep, done: bool) -> bool {
    fn at_or_past<S: Ord + Copy>(flow: &Flow<S>, step: S, done: bool) -> bool {
        flow.records.contains_key(&step)
            || (!done
                && (flow.status == FlowStatus::Completed
                    || flow.current.is_some_and(|c| c >= step)))
    }
    match (process, step) {
        (ServiceProcess::Termination(c), ServiceStep::Termination(s)) => {
            at_or_past(&c.flow, s, done)
        }
        (ServiceProcess::Suspension(c), ServiceStep::Suspension(s)) => at_or_past(&c.flow, s, done),
        (ServiceProcess::Reconnection(c), ServiceStep::Reconnection(s)) => {
            at_or_past(&c.flow, s, done)
        }
        _ => false,
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
            "penalty_table" | "penalties" | "penalidades" | "tabla_penalidades" => {
                DocumentKind::PenaltyTable
            }
            "termination_confirmation" | "confirmacion_baja" => {
                DocumentKind::TerminationConfirmation
            }
            "suspension_notice" | "aviso_suspension" => DocumentKind::SuspensionNotice,
            "reconnection_notice" | "aviso_reconexion" => DocumentKind::ReconnectionNotice,
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
