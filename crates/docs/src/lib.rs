//! # nimbo-docs
//!
//! Nimbo's PDF documents (DOMAIN §7): the Welcome KIT, the service acceptance act, the
//! AWS risk acceptance act, the certificate of completion, a customer's statement of a
//! billing period, and the documents of a service's life after onboarding (the penalty
//! table, the termination confirmation, the suspension and reconnection notices), in
//! Spanish. A document is a snapshot — a plain serde struct of the data
//! it is made from — and rendering turns it into PDF bytes deterministically: the same
//! snapshot gives the same bytes in any process, so a version can be re-rendered and
//! compared. Every page carries a QR code with the document's id, version and the SHA-256
//! of the snapshot's canonical JSON.
//!
//! House rules: pure rendering. It may depend on printpdf (and lopdf, its writer, with
//! flate2 to compress streams), a QR encoder, sha2 and hex, serde and serde_json,
//! thiserror, chrono and chrono-tz, rust_decimal and uuid (the charge lines' ids), and on
//! `nimbo-domain` for the catalogue, billing's vocabulary and time conventions. It must
//! not depend on nimbo-store, nimbo-app, sqlx or tauri, read the clock, or do any I/O
//! besides the bytes the caller passes in (the typeface is compiled in, with its licence
//! in `fonts/OFL.txt`).
//!
//! The layout engine is public so that its positions can be tested: [`flow::Flow`]
//! places paragraphs, headings and [`table`]s on A4 pages as [`marks`]; [`frame`] adds
//! header, footer and QR code once the page count is known; [`pdf`] writes the marks.

#![warn(missing_docs)]

pub mod dates;
pub mod document;
pub mod error;
pub mod flow;
pub mod fonts;
pub mod footer;
pub mod frame;
pub mod header;
pub mod images;
pub mod marks;
pub mod measure;
pub mod model;
pub mod money;
pub mod pdf;
pub mod qr;
pub mod samples;
pub mod snapshot;
pub mod style;
pub mod table;
pub mod templates;
pub mod wrap;

pub use document::{Document, Layout, Rendered};
pub use error::DocsError;
pub use fonts::{Fonts, fonts};
pub use model::{
    ActBasis, Customer, DocumentMeta, DrawnSignature, MasterContractRef, Organisation, Person, Png,
    Signer, SignerRole, SowRef, TemplateVersion,
};
pub use templates::acceptance_act::{AcceptanceAct, DeliveredItem};
pub use templates::certificate::{
    Certificate, CertificateEvent, CertificateSigner, CertifiedDocument, EventKind, SigningMethod,
};
pub use templates::risk_act::{RiskAct, RiskItem};
pub use templates::service_status::penalty_table::{
    ContractTerms, PenaltyRow, PenaltyTable, UnpaidInstalment,
};
pub use templates::service_status::reconnection_notice::{ConfirmedPayment, ReconnectionNotice};
pub use templates::service_status::suspension_notice::{OverdueInvoice, SuspensionNotice};
pub use templates::service_status::termination_confirmation::{
    Authorisation, DebtSituation, TerminationConfirmation, TerminationLetter, TerminationScope,
};
pub use templates::service_status::{
    Contact, ServiceCustomer, ServiceSubscription, SupportContact, render_penalty_table,
    render_reconnection_notice, render_suspension_notice, render_termination_confirmation,
};
pub use templates::statement::{
    PeriodTotals, ServiceConsumption, Statement, StatementCustomer, StatementSubscription,
    render_statement,
};
pub use templates::welcome_kit::{
    AwsAccount, Billing, EscalationContact, McoAccess, PlanLine, Price, ResponseTime,
    SupportChannel, WelcomeKit,
};
