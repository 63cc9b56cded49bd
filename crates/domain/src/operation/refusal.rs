//! Why an operation is not applied to the records: a rule of the domain refused it
//! ([`DomainError`], unchanged, so the laptop shows the same words it would have shown
//! offline), or the records it names are not what it expects (never seen, already there,
//! out of order, a money field changed under it). Each has a stable code and a message
//! that says what to do.

use serde_json::Value;
use uuid::Uuid;

use crate::code::ErrorCode;
use crate::document::DocumentKind;
use crate::error::DomainError;
use crate::lang::Lang;

use super::EntityKind;

/// Why an operation was not applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// A rule of the domain refused it.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// It names a record that does not exist.
    #[error("unknown record")]
    UnknownRecord {
        /// The kind of record.
        kind: EntityKind,
        /// How it was named (id, number or username).
        key: String,
    },
    /// It creates a record that exists already.
    #[error("record exists")]
    RecordExists {
        /// The kind of record.
        kind: EntityKind,
        /// What is taken (id, RUC, number or username).
        key: String,
    },
    /// The organisation was set up already.
    #[error("already initialised")]
    AlreadyInitialised {
        /// Its name.
        name: String,
    },
    /// A per-field edit names a field the record does not have or that is not edited so.
    #[error("unknown field")]
    UnknownField {
        /// The kind of record.
        kind: EntityKind,
        /// The field.
        field: String,
    },
    /// A per-field edit of a kind of record that changes only through commands.
    #[error("not editable")]
    NotEditable {
        /// The kind of record.
        kind: EntityKind,
    },
    /// A field's value is not of the type the field holds.
    #[error("bad value")]
    BadValue {
        /// The field.
        field: String,
        /// What was sent.
        given: Value,
    },
    /// A money field was changed by someone else since the author last saw it: never
    /// settled automatically.
    #[error("money conflict")]
    MoneyConflict {
        /// The field.
        field: String,
        /// What the author wanted.
        yours: Value,
        /// What it is now.
        theirs: Value,
    },
    /// A document version that is not the next one.
    #[error("version out of order")]
    VersionOutOfOrder {
        /// The document's number.
        number: String,
        /// The version sent.
        given: u32,
        /// The version expected.
        expected: u32,
    },
    /// A document version that names another order or kind than its document.
    #[error("document mismatch")]
    DocumentMismatch {
        /// The document's number.
        number: String,
    },
    /// A second document of a kind the order already has.
    #[error("document kind taken")]
    DocumentKindTaken {
        /// The kind.
        kind: DocumentKind,
        /// The existing document's number.
        number: String,
    },
    /// The snapshot does not hash to the SHA-256 sent with it.
    #[error("snapshot altered")]
    SnapshotAltered {
        /// The document's number.
        number: String,
    },
    /// The signers are not the parties the kind of document names.
    #[error("wrong signers")]
    WrongSigners {
        /// The kind.
        kind: DocumentKind,
    },
    /// The unsigned PDF Nimbo issued offered as the signed copy.
    #[error("unsigned original")]
    UnsignedOriginal {
        /// The document's number.
        number: String,
        /// The version.
        version: u32,
    },
    /// The document has no such version.
    #[error("unknown version")]
    UnknownVersion {
        /// The document's number.
        number: String,
        /// The version asked.
        version: u32,
    },
    /// The operation's record and its body disagree.
    #[error("inconsistent")]
    Inconsistent {
        /// The record the operation names.
        id: Uuid,
    },
}

impl Refusal {
    /// The stable code the laptop branches on: the domain's own for its refusals.
    pub fn code(&self) -> ErrorCode {
        match self {
            Refusal::Domain(e) => e.code(),
            Refusal::UnknownRecord { .. } => ErrorCode::UnknownRecord,
            Refusal::RecordExists { .. } => ErrorCode::RecordExists,
            Refusal::AlreadyInitialised { .. } => ErrorCode::AlreadyInitialised,
            Refusal::UnknownField { .. } => ErrorCode::UnknownField,
            Refusal::NotEditable { .. } => ErrorCode::NotEditable,
            Refusal::BadValue { .. } => ErrorCode::BadValue,
            Refusal::MoneyConflict { .. } => ErrorCode::MoneyConflict,
            Refusal::VersionOutOfOrder { .. } => ErrorCode::VersionOutOfOrder,
            Refusal::DocumentMismatch { .. } => ErrorCode::DocumentMismatch,
            Refusal::DocumentKindTaken { .. } => ErrorCode::DocumentKindTaken,
            Refusal::SnapshotAltered { .. } => ErrorCode::SnapshotAltered,
            Refusal::WrongSigners { .. } => ErrorCode::WrongSigners,
            Refusal::UnsignedOriginal { .. } => ErrorCode::UnsignedOriginal,
            Refusal::UnknownVersion { .. } => ErrorCode::UnknownVersion,
            Refusal::Inconsistent { .. } => ErrorCode::Inconsistent,
        }
    }

    /// The message for the author: what happened and what to do. The sync refusals are
    /// in Spanish whatever `lang` says, as the server answers; the domain's follow `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Domain(e) => e.message(lang),
            Refusal::UnknownRecord { kind, key } => format!(
                "El servidor no conoce {} «{key}»: quizás se creó en otra computadora que todavía no sincronizó, o su creación fue rechazada. Sincronice esa computadora y vuelva a hacer el cambio.",
                kind_name(*kind)
            ),
            Refusal::RecordExists { kind, key } => format!(
                "Ya existe {} «{key}» en el servidor: otra persona lo creó antes. Sincronice para verlo y, si hace falta, use ese.",
                kind_name(*kind)
            ),
            Refusal::AlreadyInitialised { name } => format!(
                "La organización «{name}» ya está configurada en el servidor: sincronice para recibir sus datos en lugar de crearla de nuevo."
            ),
            Refusal::UnknownField { kind, field } => format!(
                "El campo «{field}» no se puede editar en {}: actualice Nimbo.",
                kind_name(*kind)
            ),
            Refusal::NotEditable { kind } => format!(
                "Los registros de tipo «{}» no se editan campo por campo: actualice Nimbo.",
                kind.id()
            ),
            Refusal::BadValue { field, given } => {
                format!("El valor {given} no sirve para el campo «{field}»: actualice Nimbo.")
            }
            Refusal::MoneyConflict {
                field,
                yours,
                theirs,
            } => format!(
                "Otra persona cambió «{field}» a {theirs} mientras usted lo cambiaba a {yours}. Los importes no se resuelven solos: acuerde el valor con ella y vuelva a cargarlo."
            ),
            Refusal::VersionOutOfOrder {
                number,
                given,
                expected,
            } => format!(
                "El documento {number} espera la versión {expected}, no la {given}: otra computadora emitió una versión antes. Sincronice y vuelva a generarlo."
            ),
            Refusal::DocumentMismatch { number } => format!(
                "La nueva versión del documento {number} nombra otro pedido u otro tipo de documento: actualice Nimbo."
            ),
            Refusal::DocumentKindTaken { kind, number } => format!(
                "El pedido ya tiene «{}» ({number}), emitido en otra computadora: sincronice y genere una nueva versión de ese documento.",
                kind.name(Lang::Es)
            ),
            Refusal::SnapshotAltered { number } => format!(
                "Los datos de la versión del documento {number} no coinciden con su SHA-256: la copia local está dañada; vuelva a generarlo."
            ),
            Refusal::WrongSigners { kind } => format!(
                "Los firmantes enviados no son los que «{}» lleva: actualice Nimbo y vuelva a generarlo.",
                kind.name(Lang::Es)
            ),
            Refusal::UnsignedOriginal { number, version } => format!(
                "El archivo adjunto es el PDF sin firmar que Nimbo emitió ({number}, versión {version}): adjunte la copia firmada."
            ),
            Refusal::UnknownVersion { number, version } => format!(
                "El documento {number} no tiene la versión {version} en el servidor: sincronice y vuelva a intentarlo."
            ),
            Refusal::Inconsistent { id } => {
                format!("La operación nombra el registro {id} pero cambia otro: actualice Nimbo.")
            }
        }
    }
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Organisation => "la organización",
        EntityKind::User => "el usuario",
        EntityKind::Customer => "el cliente",
        EntityKind::Order => "el pedido",
        EntityKind::Subscription => "la suscripción",
        EntityKind::Attachment => "el archivo",
        EntityKind::Document => "el documento",
    }
}
