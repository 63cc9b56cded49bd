//! An order's documents as the app shows them: one card per kind the order needs, with
//! its current version, each signer and how they stand, the trail of signature events,
//! the files of every version (original, signed in person, signed copy) and what the
//! signed-in user may do now; and "Firmas pendientes" across every order.

use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use nimbo_domain::Lang;
use nimbo_domain::document::{
    Channel, DocumentKind, Party, SignatureEventKind, SignatureState, SignerEntry, SignerState,
};
use nimbo_domain::order::{FieldValue, OrderStatus};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::user::User;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::order_page::viewer;
use super::{People, day, instant};
use crate::actions::documents::{self, VersionLine};
use crate::actions::orders;
use crate::{AppError, Nimbo};

/// One signer of a version, and how they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SignerView {
    /// `customer` or `organisation`.
    pub party: String,
    /// For whom they sign, in words.
    pub party_label: String,
    /// Their full name.
    pub name: String,
    /// Their identity document, when known.
    pub id_number: Option<String>,
    /// `pending`, `signed` or `declined`.
    pub state: String,
    /// How they stand, in words ("firmó en persona", "rechazó: …").
    pub state_label: String,
    /// When they signed or declined (RFC 3339).
    pub at: Option<String>,
}

/// One event of a version's signature trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SignatureEventView {
    /// When (RFC 3339).
    pub at: String,
    /// Who recorded it (a username).
    pub actor: String,
    /// Their full name.
    pub actor_name: String,
    /// `issued`, `sent`, `signed`, `declined`, `voided` or `expired`.
    pub kind: String,
    /// What happened, in words.
    pub text: String,
}

/// A file of a version that can be opened: the original or a signed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DocumentFileView {
    /// What it is, in words ("Original", "Firmada en persona", "Copia firmada").
    pub label: String,
    /// Its SHA-256, to open it with.
    pub sha256: String,
    /// The file name to save it under.
    pub file_name: String,
}

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DocumentVersionView {
    /// The version number, from 1.
    pub version: u32,
    /// Its signature state id (`issued`, `sent`, `partially_signed`, `signed`, …).
    pub state: String,
    /// Its state in words.
    pub state_label: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// Who issued it (a username).
    pub issued_by: String,
    /// Their full name.
    pub issued_by_name: String,
    /// The day after which it expires unsigned (`YYYY-MM-DD`), if set.
    pub expires_on: Option<String>,
    /// SHA-256 of the PDF Nimbo issued.
    pub pdf_sha256: String,
    /// Whether it is the document's latest version.
    pub latest: bool,
    /// Who must sign it, and how each stands.
    pub signers: Vec<SignerView>,
    /// Its files: the original first, then signed ones.
    pub files: Vec<DocumentFileView>,
    /// Its signature trail, oldest first.
    pub events: Vec<SignatureEventView>,
}

/// A document an order needs, whether made yet or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DocumentCardView {
    /// `welcome_kit`, `acceptance_act` or `risk_act`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The document's number once made (`ACT-…`).
    pub number: Option<String>,
    /// The onboarding step that needs it.
    pub step: u8,
    /// Whether it needs signatures (the Welcome KIT is delivered, not signed).
    pub needs_signatures: bool,
    /// Why it cannot be made yet, when it cannot.
    pub not_yet: Option<String>,
    /// Whether the signed-in user may generate it now.
    pub can_generate: bool,
    /// Whether the signed-in user may send it, record signatures or refusals, or void it.
    pub can_sign: bool,
    /// The latest version, when one was made.
    pub current: Option<DocumentVersionView>,
    /// Earlier versions, newest first.
    pub earlier: Vec<DocumentVersionView>,
}

/// A choice offered in a list: its id and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ChoiceView {
    /// What to send back.
    pub id: String,
    /// What to show.
    pub label: String,
}

/// An order's documents, and the channels a document may be sent through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderDocumentsView {
    /// One card per document the order needs.
    pub cards: Vec<DocumentCardView>,
    /// The sending channels.
    pub channels: Vec<ChoiceView>,
}

/// A document still waiting for signatures, as "Firmas pendientes" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PendingSignatureView {
    /// The number of the order or process it belongs to.
    pub order: String,
    /// Whether it belongs to a termination, suspension or reconnection (its page is the
    /// process's, not an order's).
    pub of_process: bool,
    /// The customer's name.
    pub customer: String,
    /// The document's kind id.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Its number.
    pub number: String,
    /// The version waiting.
    pub version: u32,
    /// Its state in words.
    pub state_label: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// The day it expires unsigned (`YYYY-MM-DD`), if set.
    pub expires_on: Option<String>,
    /// Who has not signed yet, in words ("Ana Pérez (cliente)").
    pub waiting_for: Vec<String>,
}

/// A document's file, ready for the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DocumentFileContent {
    /// The file name to save it under.
    pub file_name: String,
    /// Its SHA-256.
    pub sha256: String,
    /// Its bytes, base64-encoded (a JSON array of numbers would be four times larger).
    pub base64: String,
}

/// Reads a kind id the window sent.
pub fn kind_of(text: &str) -> Result<DocumentKind, AppError> {
    DocumentKind::from_str(text).map_err(|e| AppError::UnknownChoice {
        what: "document",
        text: e.0,
    })
}

/// Reads a party id the window sent.
pub fn party_of(text: &str) -> Result<Party, AppError> {
    Party::from_str(text).map_err(|e| AppError::UnknownChoice {
        what: "party",
        text: e.0,
    })
}

/// Reads a channel id the window sent.
pub fn channel_of(text: &str) -> Result<Channel, AppError> {
    Channel::from_str(text).map_err(|e| AppError::UnknownChoice {
        what: "channel",
        text: e.0,
    })
}

fn party_short(party: Party, lang: Lang) -> &'static str {
    match party {
        Party::Customer => lang.pick("cliente", "customer"),
        Party::Organisation => lang.pick("organización", "organisation"),
    }
}

fn signer_view(s: &SignerEntry, people: &People, lang: Lang) -> SignerView {
    let (state, label, at) = match &s.state {
        SignerState::Pending => (
            "pending",
            lang.pick("falta firmar", "not signed yet").to_string(),
            None,
        ),
        SignerState::Signed {
            method,
            at,
            recorded_by,
        } => {
            let how = match method {
                nimbo_domain::document::SignatureMethod::InPerson { .. } => {
                    lang.pick("firmó en persona", "signed in person")
                }
                nimbo_domain::document::SignatureMethod::SignedCopy { .. } => {
                    lang.pick("copia firmada adjunta", "signed copy attached")
                }
            };
            let by = lang.pick("registrado por", "recorded by");
            (
                "signed",
                format!("{how} ({by} {})", people.name(recorded_by)),
                Some(instant(*at)),
            )
        }
        SignerState::Declined { reason, at } => (
            "declined",
            format!(
                "{}: «{reason}»",
                lang.pick("rechazó firmar", "refused to sign")
            ),
            Some(instant(*at)),
        ),
    };
    SignerView {
        party: s.party.id().to_string(),
        party_label: party_short(s.party, lang).to_string(),
        name: s.name.clone(),
        id_number: s.id_number.clone(),
        state: state.to_string(),
        state_label: label,
        at,
    }
}

fn version_view(line: &VersionLine, people: &People, lang: Lang) -> DocumentVersionView {
    let v = &line.version;
    let state = v.signature.state.id();
    let mut state_label = state.name(lang).to_string();
    if let SignatureState::Sent { channel } = &v.signature.state {
        state_label = format!("{state_label} ({})", channel.name(lang));
    }
    let mut files = vec![DocumentFileView {
        label: lang.pick("Original", "Original").to_string(),
        sha256: v.pdf_sha256.clone(),
        file_name: format!("{}-v{}.pdf", v.number, v.version),
    }];
    for e in &line.events {
        let Some(sha) = e
            .pdf_sha256
            .as_ref()
            .filter(|_| e.kind == SignatureEventKind::Signed)
        else {
            continue;
        };
        if files.iter().any(|f| &f.sha256 == sha) {
            continue;
        }
        let n = files.len();
        files.push(DocumentFileView {
            label: format!("{} {n}", lang.pick("Firmada", "Signed")),
            sha256: sha.clone(),
            file_name: format!("{}-v{}-firmada-{n}.pdf", v.number, v.version),
        });
    }
    DocumentVersionView {
        version: v.version,
        state: state.id().to_string(),
        state_label,
        issued_at: instant(v.issued_at),
        issued_by: v.issued_by.clone(),
        issued_by_name: people.name(&v.issued_by),
        expires_on: v.signature.expires_on.map(day),
        pdf_sha256: v.pdf_sha256.clone(),
        latest: line.latest,
        signers: v
            .signature
            .signers
            .iter()
            .map(|s| signer_view(s, people, lang))
            .collect(),
        files,
        events: line
            .events
            .iter()
            .map(|e| {
                let mut text = e.kind.name(lang).to_string();
                if let Some(p) = e.party {
                    text = format!("{text} — {}", party_short(p, lang));
                }
                if !e.detail.is_empty() {
                    text = format!("{text}: {}", e.detail);
                }
                SignatureEventView {
                    at: instant(e.at),
                    actor: e.actor.clone(),
                    actor_name: people.name(&e.actor),
                    kind: e.kind.id().to_string(),
                    text,
                }
            })
            .collect(),
    }
}

fn may(user: Option<&User>, action: Action) -> bool {
    user.is_some_and(|u| authorize(u, action).is_ok())
}

/// The documents an order needs, with every version made so far.
pub async fn order_documents(
    nimbo: &Nimbo,
    number: &str,
    username: Option<&str>,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let page = orders::show(nimbo, number).await?;
    let order = &page.order;
    let user = viewer(nimbo, username).await?;
    let lines = documents::list(nimbo, number).await?;
    let people = People::load(nimbo).await?;
    let open = order.status != OrderStatus::Cancelled;
    let mut cards = Vec::new();
    for kind in DocumentKind::OF_ORDERS {
        let mine: Vec<&VersionLine> = lines.iter().filter(|l| l.version.kind == kind).collect();
        if kind == DocumentKind::RiskAct && !order.has_risks() && mine.is_empty() {
            continue;
        }
        let not_yet = kind.missing_data(order).map(|step| {
            format!(
                "{} {} «{}»",
                lang.pick(
                    "Se puede generar después del paso",
                    "Can be generated after step"
                ),
                step.number(),
                step.name(lang)
            )
        });
        let step = kind.step().map_or(0, |s| s.number());
        let who = Whose {
            user: user.as_ref(),
            people: &people,
            open,
        };
        cards.push(card(kind, &mine, step, not_yet, &who, lang));
    }
    Ok(OrderDocumentsView {
        cards,
        channels: channels(lang),
    })
}

/// Who looks at a list of documents, and whether their holder is still open.
struct Whose<'a> {
    user: Option<&'a User>,
    people: &'a People,
    open: bool,
}

/// The card of one kind of document: its current version, the earlier ones, and what
/// the viewer may do.
fn card(
    kind: DocumentKind,
    mine: &[&VersionLine],
    step: u8,
    not_yet: Option<String>,
    who: &Whose<'_>,
    lang: Lang,
) -> DocumentCardView {
    let mut versions: Vec<DocumentVersionView> = mine
        .iter()
        .map(|l| version_view(l, who.people, lang))
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.version));
    let current = (!versions.is_empty()).then(|| versions.remove(0));
    DocumentCardView {
        kind: kind.id().to_string(),
        name: kind.name(lang).to_string(),
        number: mine.first().map(|l| l.version.number.clone()),
        step,
        needs_signatures: !kind.signers().is_empty(),
        can_generate: who.open
            && not_yet.is_none()
            && may(who.user, Action::GenerateDocument(kind)),
        can_sign: who.open && !kind.signers().is_empty() && may(who.user, Action::RecordSignature),
        not_yet,
        current,
        earlier: versions,
    }
}

fn channels(lang: Lang) -> Vec<ChoiceView> {
    Channel::ALL
        .into_iter()
        .map(|c| ChoiceView {
            id: c.id().to_string(),
            label: c.name(lang).to_string(),
        })
        .collect()
}

/// The documents of the order or process after an action on its document of `kind`.
pub(crate) async fn documents_after(
    nimbo: &Nimbo,
    number: &str,
    kind: DocumentKind,
    username: Option<&str>,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    if kind.of_process() {
        process_documents(nimbo, number, username, lang).await
    } else {
        order_documents(nimbo, number, username, lang).await
    }
}

/// The documents of a termination, suspension or reconnection (`BAJ-…`, `SUS-…`,
/// `REC-…`), as an order's: one card per kind its process issues, with what blocks
/// generating one said as the domain says it.
pub async fn process_documents(
    nimbo: &Nimbo,
    number: &str,
    username: Option<&str>,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let (process, subscription) = {
        let mut conn = nimbo.store().read().await?;
        let process = crate::actions::processes::find(&mut conn, number).await?;
        let subscription =
            nimbo_store::subscriptions::by_id(&mut conn, process.subscription_id()).await?;
        (process, subscription)
    };
    let user = viewer(nimbo, username).await?;
    let lines = documents::list(nimbo, number).await?;
    let people = People::load(nimbo).await?;
    let who = Whose {
        user: user.as_ref(),
        people: &people,
        open: process.status() != nimbo_domain::workflow::FlowStatus::Cancelled,
    };
    let mut cards = Vec::new();
    for kind in DocumentKind::OF_PROCESSES {
        let Some(step) = kind.process_step().filter(|s| s.kind() == process.kind()) else {
            continue;
        };
        let mine: Vec<&VersionLine> = lines.iter().filter(|l| l.version.kind == kind).collect();
        let refusal = subscription
            .as_ref()
            .and_then(|s| kind.check_issuable_for(&process, s).err());
        // A standard service has no penalties: no card, unless one was made.
        if matches!(refusal, Some(nimbo_domain::DomainError::NoPenalties { .. })) && mine.is_empty()
        {
            continue;
        }
        let not_yet = refusal.map(|e| e.message(lang));
        cards.push(card(kind, &mine, step.number(), not_yet, &who, lang));
    }
    Ok(OrderDocumentsView {
        cards,
        channels: channels(lang),
    })
}
/// "Firmas pendientes": who still has to sign what, oldest first.
pub async fn pending(nimbo: &Nimbo, lang: Lang) -> Result<Vec<PendingSignatureView>, AppError> {
    Ok(documents::pending(nimbo)
        .await?
        .into_iter()
        .map(|p| PendingSignatureView {
            of_process: p.version.kind.of_process(),
            kind: p.version.kind.id().to_string(),
            name: p.version.kind.name(lang).to_string(),
            number: p.version.number.clone(),
            version: p.version.version,
            state_label: p.version.signature.state.id().name(lang).to_string(),
            issued_at: instant(p.version.issued_at),
            expires_on: p.version.signature.expires_on.map(day),
            waiting_for: p
                .waiting_for
                .iter()
                .map(|s| format!("{} ({})", s.name, party_short(s.party, lang)))
                .collect(),
            order: p.order,
            customer: p.customer,
        })
        .collect())
}

/// A file of the order or process, by its SHA-256: a version of one of its documents
/// (issued or signed), or a file one of the order's steps recorded; with its bytes. Any
/// other file is refused, so the viewer opens only what the order or process names.
async fn order_file(
    nimbo: &Nimbo,
    number: &str,
    sha256: &str,
) -> Result<(DocumentFileView, Vec<u8>), AppError> {
    let not_found = || AppError::DocumentFileNotFound {
        number: number.to_string(),
        sha256: sha256.to_string(),
    };
    let of_process = {
        let mut conn = nimbo.store().read().await?;
        nimbo_store::processes::by_number(&mut conn, number.trim())
            .await?
            .is_some()
    };
    let recorded = if of_process {
        None
    } else {
        let order = orders::show(nimbo, number).await?.order;
        order.records.values().find_map(|r| {
            r.values.values().find_map(|v| match v {
                FieldValue::File(a) if a.sha256 == sha256 => Some(DocumentFileView {
                    label: a.name.clone(),
                    sha256: a.sha256.clone(),
                    file_name: a.name.clone(),
                }),
                _ => None,
            })
        })
    };
    let known = match recorded {
        Some(f) => Some(f),
        None => {
            let nobody = People(Vec::new());
            documents::list(nimbo, number).await?.iter().find_map(|l| {
                version_view(l, &nobody, Lang::Es)
                    .files
                    .into_iter()
                    .find(|f| f.sha256 == sha256)
            })
        }
    };
    let f = known.ok_or_else(not_found)?;
    let mut conn = nimbo.store().read().await?;
    let bytes = nimbo_store::attachments::content(&mut conn, &f.sha256)
        .await?
        .ok_or_else(not_found)?;
    Ok((f, bytes))
}

/// A file of the order, ready for the viewer (see [`order_file`]).
pub async fn file(
    nimbo: &Nimbo,
    number: &str,
    sha256: &str,
) -> Result<DocumentFileContent, AppError> {
    let (f, bytes) = order_file(nimbo, number, sha256).await?;
    Ok(DocumentFileContent {
        file_name: f.file_name,
        sha256: f.sha256,
        base64: STANDARD.encode(bytes),
    })
}

/// The name a file of the order is offered to be saved under.
pub async fn file_name(nimbo: &Nimbo, number: &str, sha256: &str) -> Result<String, AppError> {
    Ok(order_file(nimbo, number, sha256).await?.0.file_name)
}

/// Saves a copy of one of the order's files (see [`order_file`]) where the person chose
/// in the system's save dialog.
pub async fn save_file(
    nimbo: &Nimbo,
    number: &str,
    sha256: &str,
    path: &std::path::Path,
) -> Result<(), AppError> {
    let (_, bytes) = order_file(nimbo, number, sha256).await?;
    tokio::fs::write(path, bytes)
        .await
        .map_err(|e| AppError::FileNotSaved {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
}
