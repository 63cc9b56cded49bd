//! A document's snapshot whichever template draws it — an order's (`nimbo_docs::Document`)
//! or one of a service's life (penalty table, termination confirmation, notices) — with
//! what the one issuing path asks of it: its canonical JSON, its PDF, its signers.

use nimbo_docs::{
    Document, PenaltyTable, ReconnectionNotice, Rendered, Signer, SuspensionNotice,
    TerminationConfirmation,
};
use nimbo_domain::document::DocumentKind;
use serde::Deserialize;

use super::{render_error, snapshot_json};
use crate::AppError;

/// A snapshot of a service's document, read back from its stored JSON (tagged with its
/// kind, as `nimbo_docs` hashes it).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum ServicePaper {
    PenaltyTable(PenaltyTable),
    TerminationConfirmation(TerminationConfirmation),
    SuspensionNotice(SuspensionNotice),
    ReconnectionNotice(ReconnectionNotice),
}

/// The snapshot of any document Nimbo issues.
#[derive(Debug, Clone)]
pub(crate) enum Paper {
    /// An order's document (or a certificate).
    Order(Document),
    /// A process's document.
    Service(ServicePaper),
}

impl Paper {
    /// Reads a stored snapshot of a document of that kind.
    pub fn parse(kind: DocumentKind, json: &str) -> Result<Paper, serde_json::Error> {
        if kind.of_process() {
            serde_json::from_str(json).map(Paper::Service)
        } else {
            serde_json::from_str(json).map(Paper::Order)
        }
    }

    /// Its canonical JSON, what its SHA-256 covers.
    pub fn snapshot_json(&self) -> Result<String, AppError> {
        match self {
            Paper::Order(doc) => snapshot_json(doc),
            Paper::Service(paper) => match paper {
                ServicePaper::PenaltyTable(d) => d.snapshot_json(),
                ServicePaper::TerminationConfirmation(d) => d.snapshot_json(),
                ServicePaper::SuspensionNotice(d) => d.snapshot_json(),
                ServicePaper::ReconnectionNotice(d) => d.snapshot_json(),
            }
            .map_err(render_error),
        }
    }

    /// Its PDF.
    pub fn render(&self) -> Result<Rendered, AppError> {
        match self {
            Paper::Order(doc) => doc.render(),
            Paper::Service(paper) => match paper {
                ServicePaper::PenaltyTable(d) => nimbo_docs::render_penalty_table(d),
                ServicePaper::TerminationConfirmation(d) => {
                    nimbo_docs::render_termination_confirmation(d)
                }
                ServicePaper::SuspensionNotice(d) => nimbo_docs::render_suspension_notice(d),
                ServicePaper::ReconnectionNotice(d) => nimbo_docs::render_reconnection_notice(d),
            },
        }
        .map_err(render_error)
    }

    /// The signature blocks it prints, when it has any.
    pub fn signers_mut(&mut self) -> Option<&mut Vec<Signer>> {
        match self {
            Paper::Order(Document::AcceptanceAct(a)) => Some(&mut a.signers),
            Paper::Order(Document::RiskAct(r)) => Some(&mut r.signers),
            Paper::Service(ServicePaper::PenaltyTable(t)) => Some(&mut t.signers),
            Paper::Service(ServicePaper::TerminationConfirmation(c)) => Some(&mut c.signers),
            _ => None,
        }
    }
}
