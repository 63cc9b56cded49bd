//! The documents of a service's life after onboarding (issue 13, DOMAIN §6 and §8): the
//! penalty table and the termination confirmation of a termination, the suspension
//! notice and the reconnection notice. Each has the evidence of every Nimbo document (a
//! versioned snapshot, its SHA-256 in the QR code, deterministic bytes) and is rendered
//! with its own `render_*` function, like the statement: they are not variants of
//! [`crate::Document`] (the app stores them by their kind).
//!
//! The snapshots are plain data the app fills in from its records: amounts as
//! `Decimal`, days as `NaiveDate`, instants in UTC, and every explanation already worded
//! by the domain, which computed it; the documents print, they do not compute (totals
//! are sums of the rows they print, so a row and its total never disagree).

mod explained;
pub mod penalty_table;
pub mod reconnection_notice;
pub mod suspension_notice;
pub mod termination_confirmation;

use serde::{Deserialize, Serialize};

use crate::document::{Layout, Rendered, lay_out};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::fonts::Fonts;
use crate::snapshot::{canonical_json, sha256_hex};
use crate::style::{BODY, CELL, MUTED};
use crate::templates::blocks::{key_values, para};

use penalty_table::PenaltyTable;
use reconnection_notice::ReconnectionNotice;
use suspension_notice::SuspensionNotice;
use termination_confirmation::TerminationConfirmation;

/// The customer a document of the service's life is for, with the representative it is
/// addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCustomer {
    /// Its legal name.
    pub name: String,
    /// Its RUC.
    pub ruc: String,
    /// Its address, when recorded.
    pub address: Option<String>,
    /// The Siebel billing account its services are invoiced to.
    pub billing_account: String,
    /// The legal representative the document is addressed to, by full name.
    pub representative: String,
}

/// The subscription a document is about, as the customer knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSubscription {
    /// Siebel's Subscriber ID, which the invoices show.
    pub subscriber_id: String,
    /// Its plans, by their catalogue names.
    pub plans: Vec<String>,
    /// Its AWS accounts (12 digits each).
    pub aws_accounts: Vec<String>,
}

impl ServiceSubscription {
    /// `su cuenta AWS 123456789012` or `sus cuentas AWS 123456789012 y 210987654321`,
    /// or nothing.
    pub fn accounts_phrase(&self) -> Option<String> {
        match self.aws_accounts.as_slice() {
            [] => None,
            [one] => Some(format!("su cuenta AWS {one}")),
            many => Some(format!("sus cuentas AWS {}", spanish_list(many))),
        }
    }
}

/// Someone of the organisation the customer can turn to, as a notice signs and names
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Title, one per role (`Ejecutivo comercial`).
    pub title: String,
    /// E-mail address.
    pub email: String,
    /// Telephone, when given.
    pub phone: Option<String>,
}

impl Contact {
    /// `María José Benítez, Ejecutivo comercial · mbenitez@… · +595 981 123 456`.
    pub fn line(&self) -> String {
        let mut out = format!("{}, {} · {}", self.name, self.title, self.email);
        if let Some(phone) = self.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            out.push_str(&format!(" · {phone}"));
        }
        out
    }
}

/// The organisation's support channels, from its profile; each left out when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    /// The support telephone.
    pub phone: Option<String>,
    /// The support e-mail address.
    pub email: Option<String>,
    /// The address of TBO, the self-service portal where invoices are downloaded.
    pub invoices_portal: Option<String>,
}

/// `a`, `a y b`, `a, b y c`.
pub fn spanish_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} y {last}", init.join(", ")),
    }
}

/// A SHA-256 in hex, in groups of eight characters so that a person can compare it with
/// another by eye.
pub fn grouped_hash(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The kicker over a document's title: the service and the subscription.
fn kicker(subscription: &ServiceSubscription) -> String {
    format!(
        "Servicio de nube AWS · Suscripción {}",
        subscription.subscriber_id
    )
}

/// Whom and where a notice goes to, as a letter opens: place and day, then the
/// representative, the customer and its address.
fn addressee(flow: &mut Flow, place_and_day: &str, customer: &ServiceCustomer) {
    para(flow, place_and_day);
    flow.paragraph(BODY.bold(), &customer.representative);
    flow.paragraph(BODY.coloured(MUTED), "Representante legal");
    flow.paragraph(BODY, &customer.name);
    if let Some(address) = customer.address.as_deref().filter(|a| !a.trim().is_empty()) {
        flow.paragraph(BODY.coloured(MUTED), address);
    }
    flow.gap(12.0);
}

/// The notice's last section, kept on one page: its heading and paragraphs, where to
/// turn — the KAM, then support and the invoices portal when the organisation has them —
/// and the sign-off of the KAM who sends the notice.
fn closing_section(
    flow: &mut Flow,
    heading: &str,
    paragraphs: &[String],
    kam: &Contact,
    support: &SupportContact,
    organisation: &str,
) {
    let mut rows = vec![("Su ejecutivo comercial", kam.line())];
    let channels: Vec<String> = [support.phone.as_deref(), support.email.as_deref()]
        .into_iter()
        .flatten()
        .filter(|c| !c.trim().is_empty())
        .map(str::to_string)
        .collect();
    if !channels.is_empty() {
        rows.push(("Soporte corporativo", channels.join(" · ")));
    }
    if let Some(portal) = support
        .invoices_portal
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        rows.push((
            "Sus facturas",
            format!("En el portal de autogestión (TBO): {portal}"),
        ));
    }
    let block = |f: &mut Flow| {
        f.heading(heading);
        for p in paragraphs {
            para(f, p);
        }
        key_values(f, &rows);
        para(f, "Atentamente,");
        f.gap(18.0);
        f.paragraph(CELL.bold(), &kam.name);
        f.paragraph(CELL, &kam.title);
        f.paragraph(CELL.coloured(MUTED), organisation);
        Ok::<(), std::convert::Infallible>(())
    };
    let Ok(()) = flow.keep_together(block);
}

/// The snapshots as hashed: tagged with their kind, like [`crate::Document`]'s, so that
/// a stored JSON says what it is.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Tagged<'a> {
    PenaltyTable(&'a PenaltyTable),
    TerminationConfirmation(&'a TerminationConfirmation),
    SuspensionNotice(&'a SuspensionNotice),
    ReconnectionNotice(&'a ReconnectionNotice),
}

/// What each of the four snapshots can do, in the statement's words: its canonical
/// JSON, its SHA-256, its layout and its PDF.
macro_rules! snapshot_methods {
    ($ty:ident) => {
        impl $ty {
            /// The snapshot's canonical JSON, tagged with its kind: what its SHA-256
            /// covers and what a caller keeps to render the same bytes again.
            pub fn snapshot_json(&self) -> Result<String, DocsError> {
                canonical_json(&Tagged::$ty(self))
            }

            /// SHA-256 of the snapshot's canonical JSON, hex (what the QR code carries).
            pub fn snapshot_sha256(&self) -> Result<String, DocsError> {
                sha256_hex(&Tagged::$ty(self))
            }

            /// Lays the document out on A4 pages.
            pub fn layout(&self, fonts: &Fonts) -> Result<Layout, DocsError> {
                lay_out(self, self.snapshot_sha256()?, fonts)
            }

            /// Renders the document with fonts the caller keeps.
            pub fn render_with(&self, fonts: &Fonts) -> Result<Rendered, DocsError> {
                self.layout(fonts)?.write(fonts)
            }
        }
    };
}

snapshot_methods!(PenaltyTable);
snapshot_methods!(TerminationConfirmation);
snapshot_methods!(SuspensionNotice);
snapshot_methods!(ReconnectionNotice);

/// Renders a penalty table with the process-wide fonts: the PDF, its SHA-256, the
/// snapshot's SHA-256 and the QR code's text.
pub fn render_penalty_table(table: &PenaltyTable) -> Result<Rendered, DocsError> {
    table.render_with(crate::fonts()?)
}

/// Renders a termination confirmation with the process-wide fonts.
pub fn render_termination_confirmation(
    confirmation: &TerminationConfirmation,
) -> Result<Rendered, DocsError> {
    confirmation.render_with(crate::fonts()?)
}

/// Renders a suspension notice with the process-wide fonts.
pub fn render_suspension_notice(notice: &SuspensionNotice) -> Result<Rendered, DocsError> {
    notice.render_with(crate::fonts()?)
}

/// Renders a reconnection notice with the process-wide fonts.
pub fn render_reconnection_notice(notice: &ReconnectionNotice) -> Result<Rendered, DocsError> {
    notice.render_with(crate::fonts()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_hashes_read_the_spanish_way() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(spanish_list(&s(&[])), "");
        assert_eq!(spanish_list(&s(&["a"])), "a");
        assert_eq!(spanish_list(&s(&["a", "b", "c"])), "a, b y c");
        assert_eq!(grouped_hash("0123456789abcdef01"), "01234567 89abcdef 01");
    }
}
