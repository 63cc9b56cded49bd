//! Following a version through its signatures: sent, signed in person (a signed
//! rendering is made with the drawing and its time), signed copy attached, declined,
//! voided, expired. Each is one transaction: the signature record, its trail, the files,
//! one audit event and one outbox operation.

use chrono::{DateTime, NaiveDate, Utc};
use nimbo_docs::{DrawnSignature, Png, SignerRole};
use nimbo_domain::document::{
    Channel, DocumentKind, DocumentVersion, Party, SignatureMethod, SignerState,
};
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::order::AttachmentRef;
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::user::User;
use nimbo_store::{Tx, attachments};
use serde::Serialize;

use super::latest;
use crate::attachments::{FileUpload, media_type};
use crate::context::actor;
use crate::issuing::{Paper, version_in};
use crate::journal::{Change, act};
use crate::{AppError, Nimbo};

/// What a signature action gave: the version's new state, and the signed rendering
/// when one was made.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureDone {
    /// The version as it stands now.
    #[serde(flatten)]
    pub version: DocumentVersion,
    /// The PDF signed in person, when this action made one.
    #[serde(skip)]
    pub signed_pdf: Option<Vec<u8>>,
    /// Its SHA-256.
    pub signed_pdf_sha256: Option<String>,
}

/// What a signature action asks for, before the domain decides it: the command, the
/// files it names (stored in its transaction) and the signed rendering it made, if any.
struct Signing {
    files: Vec<(AttachmentRef, Vec<u8>)>,
    command: Command,
    signed_pdf: Option<Vec<u8>>,
}

impl Signing {
    fn command(command: Command) -> Signing {
        Signing {
            files: Vec::new(),
            command,
            signed_pdf: None,
        }
    }
}

async fn begin(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    action: Action,
) -> Result<(Tx, User, DocumentVersion), AppError> {
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    // Asked first so that someone who may not do this is told so before anything else.
    authorize(&user, action)?;
    let v = latest(&mut tx, number, kind).await?;
    Ok((tx, user, v))
}

async fn commit(
    mut tx: Tx,
    user: &User,
    v: DocumentVersion,
    signing: Signing,
    now: DateTime<Utc>,
) -> Result<SignatureDone, AppError> {
    for (r, bytes) in &signing.files {
        attachments::put(&mut tx, r, bytes, now).await?;
    }
    let change = Change::command(user, EntityKind::Document, v.document_id, signing.command);
    let outcome = act(&mut tx, now, change).await?;
    let version = version_in(&outcome, v.document_id, v.version)?;
    tx.commit().await?;
    let signed_pdf_sha256 = signing
        .signed_pdf
        .as_ref()
        .map(|b| hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b)));
    Ok(SignatureDone {
        version,
        signed_pdf: signing.signed_pdf,
        signed_pdf_sha256,
    })
}

/// Records that the latest version was sent through a channel, optionally with a date
/// after which it expires unsigned.
pub async fn send(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    channel: Channel,
    expires_on: Option<NaiveDate>,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    let (tx, user, v) = begin(nimbo, by, number, kind, Action::SendDocument).await?;
    let signing = Signing::command(Command::SendDocument {
        document_id: v.document_id,
        version: v.version,
        channel,
        expires_on,
    });
    commit(tx, &user, v, signing, now).await
}

fn role_party(role: SignerRole) -> Party {
    if role.for_customer() {
        Party::Customer
    } else {
        Party::Organisation
    }
}

/// A signer signs in person on the laptop: the drawing (a PNG) is kept, and a signed
/// rendering of the version is made with every drawing so far and its time.
pub async fn sign_in_person(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    party: Party,
    drawing: FileUpload,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    if media_type(&drawing.bytes) != "image/png" {
        return Err(AppError::WrongFileType {
            path: drawing.name.clone().into(),
            expected: "PNG",
        });
    }
    let (mut tx, user, v) = begin(nimbo, by, number, kind, Action::RecordSignature).await?;
    let drawing_ref = drawing.reference();
    let record = v.signature.sign(
        party,
        SignatureMethod::InPerson {
            drawing_sha256: drawing_ref.sha256.clone(),
        },
        now,
        &user.username,
    )?;
    let mut doc = Paper::parse(kind, &v.snapshot).map_err(|e| {
        AppError::Store(nimbo_store::StoreError::Corrupt(format!(
            "the snapshot of {} version {} is unreadable: {e}",
            v.number, v.version
        )))
    })?;
    let Some(signers) = doc.signers_mut() else {
        return Err(nimbo_domain::DomainError::DocumentNeedsNoSignature { kind }.into());
    };
    for entry in &record.signers {
        let SignerState::Signed {
            method: SignatureMethod::InPerson { drawing_sha256 },
            at,
            ..
        } = &entry.state
        else {
            continue;
        };
        let png = if *drawing_sha256 == drawing_ref.sha256 {
            drawing.bytes.clone()
        } else {
            attachments::content(&mut tx, drawing_sha256)
                .await?
                .unwrap_or_default()
        };
        if let Some(s) = signers
            .iter_mut()
            .find(|s| role_party(s.role) == entry.party)
        {
            s.signature = Some(DrawnSignature {
                png: Png(png),
                signed_at: *at,
            });
        }
    }
    let rendered = doc.render()?;
    let signed_ref = AttachmentRef {
        sha256: rendered.pdf_sha256.clone(),
        name: format!("{}-v{}-firmado.pdf", v.number, v.version),
        size: rendered.pdf.len() as u64,
        media_type: "application/pdf".into(),
    };
    let signing = Signing {
        files: vec![
            (drawing_ref.clone(), drawing.bytes),
            (signed_ref.clone(), rendered.pdf.clone()),
        ],
        command: Command::SignDocumentInPerson {
            document_id: v.document_id,
            version: v.version,
            party,
            drawing: drawing_ref,
            signed_pdf: signed_ref,
            signed_snapshot_sha256: Some(rendered.snapshot_sha256.clone()),
            signed_at: now,
        },
        signed_pdf: Some(rendered.pdf),
    };
    commit(tx, &user, v, signing, now).await
}

/// Attaches a signed copy (a scanned or digitally signed PDF, judged by its content)
/// carrying the signatures of the given parties.
pub async fn attach_signed(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    parties: &[Party],
    copy: FileUpload,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    if media_type(&copy.bytes) != "application/pdf" {
        return Err(AppError::WrongFileType {
            path: copy.name.clone().into(),
            expected: "PDF",
        });
    }
    let (tx, user, v) = begin(nimbo, by, number, kind, Action::RecordSignature).await?;
    let copy_ref = copy.reference();
    let signing = Signing {
        files: vec![(copy_ref.clone(), copy.bytes)],
        command: Command::AttachSignedCopy {
            document_id: v.document_id,
            version: v.version,
            parties: Party::of_signed_copy(parties),
            copy: copy_ref,
        },
        signed_pdf: None,
    };
    commit(tx, &user, v, signing, now).await
}

/// Records that a signer refused to sign, with the reason.
pub async fn decline(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    party: Party,
    reason: &str,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    let (tx, user, v) = begin(nimbo, by, number, kind, Action::RecordSignature).await?;
    let signing = Signing::command(Command::DeclineDocument {
        document_id: v.document_id,
        version: v.version,
        party,
        reason: reason.trim().to_string(),
    });
    commit(tx, &user, v, signing, now).await
}

/// Voids the latest version, with the reason.
pub async fn void(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
    reason: &str,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    let (tx, user, v) = begin(nimbo, by, number, kind, Action::VoidDocument).await?;
    let signing = Signing::command(Command::VoidDocument {
        document_id: v.document_id,
        version: v.version,
        reason: reason.trim().to_string(),
    });
    commit(tx, &user, v, signing, now).await
}

/// Marks the latest version expired, once its date has passed unsigned.
pub async fn expire(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
) -> Result<SignatureDone, AppError> {
    let now = nimbo.now();
    let (tx, user, v) = begin(nimbo, by, number, kind, Action::SendDocument).await?;
    let signing = Signing::command(Command::ExpireDocument {
        document_id: v.document_id,
        version: v.version,
    });
    commit(tx, &user, v, signing, now).await
}
