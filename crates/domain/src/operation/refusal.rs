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
    /// The view has no record of that kind under that key.
    pub(super) fn unknown(kind: EntityKind, key: impl ToString) -> Refusal {
        Refusal::UnknownRecord {
            kind,
            key: key.to_string(),
        }
    }

    /// The view already has a record of that kind under that key.
    pub(super) fn exists(kind: EntityKind, key: impl ToString) -> Refusal {
        Refusal::RecordExists {
            kind,
            key: key.to_string(),
        }
    }

    /// The domain's own validation refused these fields.
    pub(super) fn invalid(errors: Vec<crate::problem::FieldError>) -> Refusal {
        Refusal::Domain(DomainError::InvalidFields { errors })
    }

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

    /// The message for the author: what happened and what to do, in `lang` (the server
    /// answers in Spanish).
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Refusal::Domain(e) => e.message(lang),
            Refusal::UnknownRecord { kind, key } if es => format!(
                "El servidor no conoce {} «{key}»: quizás se creó en otra computadora que todavía no sincronizó, o su creación fue rechazada. Sincronice esa computadora y vuelva a hacer el cambio.",
                kind_name(*kind, lang)
            ),
            Refusal::UnknownRecord { kind, key } => format!(
                "The server does not know {} «{key}»: it may have been created on another computer that has not synced yet, or its creation was refused. Sync that computer and make the change again.",
                kind_name(*kind, lang)
            ),
            Refusal::RecordExists { kind, key } if es => format!(
                "Ya existe {} «{key}» en el servidor: otra persona lo creó antes. Sincronice para verlo y, si hace falta, use ese.",
                kind_name(*kind, lang)
            ),
            Refusal::RecordExists { kind, key } => format!(
                "{} «{key}» already exists on the server: someone else created it first. Sync to see it and, if need be, use that one.",
                capitalised(kind_name(*kind, lang))
            ),
            Refusal::AlreadyInitialised { name } if es => format!(
                "La organización «{name}» ya está configurada en el servidor: sincronice para recibir sus datos en lugar de crearla de nuevo."
            ),
            Refusal::AlreadyInitialised { name } => format!(
                "The organisation «{name}» is already set up on the server: sync to receive its data instead of creating it again."
            ),
            Refusal::UnknownField { kind, field } if es => format!(
                "El campo «{field}» no se puede editar en {}: actualice Nimbo.",
                kind_name(*kind, lang)
            ),
            Refusal::UnknownField { kind, field } => format!(
                "The field «{field}» cannot be edited on {}: update Nimbo.",
                kind_name(*kind, lang)
            ),
            Refusal::NotEditable { kind } if es => format!(
                "Los registros de tipo «{}» no se editan campo por campo: actualice Nimbo.",
                kind.id()
            ),
            Refusal::NotEditable { kind } => format!(
                "Records of kind «{}» are not edited field by field: update Nimbo.",
                kind.id()
            ),
            Refusal::BadValue { field, given } if es => {
                format!("El valor {given} no sirve para el campo «{field}»: actualice Nimbo.")
            }
            Refusal::BadValue { field, given } => {
                format!("The value {given} does not fit the field «{field}»: update Nimbo.")
            }
            Refusal::MoneyConflict {
                field,
                yours,
                theirs,
            } if es => format!(
                "Otra persona cambió «{field}» a {theirs} mientras usted lo cambiaba a {yours}. Los importes no se resuelven solos: acuerde el valor con ella y vuelva a cargarlo."
            ),
            Refusal::MoneyConflict {
                field,
                yours,
                theirs,
            } => format!(
                "Someone else changed «{field}» to {theirs} while you changed it to {yours}. Amounts are not settled automatically: agree on the value with them and enter it again."
            ),
            Refusal::VersionOutOfOrder {
                number,
                given,
                expected,
            } if es => format!(
                "El documento {number} espera la versión {expected}, no la {given}: otra computadora emitió una versión antes. Sincronice y vuelva a generarlo."
            ),
            Refusal::VersionOutOfOrder {
                number,
                given,
                expected,
            } => format!(
                "Document {number} expects version {expected}, not {given}: another computer issued a version first. Sync and generate it again."
            ),
            Refusal::DocumentMismatch { number } if es => format!(
                "La nueva versión del documento {number} nombra otro pedido u otro tipo de documento: actualice Nimbo."
            ),
            Refusal::DocumentMismatch { number } => format!(
                "The new version of document {number} names another order or another kind of document: update Nimbo."
            ),
            Refusal::DocumentKindTaken { kind, number } if es => format!(
                "El pedido ya tiene «{}» ({number}), emitido en otra computadora: sincronice y genere una nueva versión de ese documento.",
                kind.name(lang)
            ),
            Refusal::DocumentKindTaken { kind, number } => format!(
                "The order already has «{}» ({number}), issued on another computer: sync and generate a new version of that document.",
                kind.name(lang)
            ),
            Refusal::SnapshotAltered { number } if es => format!(
                "Los datos de la versión del documento {number} no coinciden con su SHA-256: la copia local está dañada; vuelva a generarlo."
            ),
            Refusal::SnapshotAltered { number } => format!(
                "The data of the version of document {number} do not match its SHA-256: the local copy is damaged; generate it again."
            ),
            Refusal::WrongSigners { kind } if es => format!(
                "Los firmantes enviados no son los que «{}» lleva: actualice Nimbo y vuelva a generarlo.",
                kind.name(lang)
            ),
            Refusal::WrongSigners { kind } => format!(
                "The signers sent are not the ones «{}» bears: update Nimbo and generate it again.",
                kind.name(lang)
            ),
            Refusal::UnsignedOriginal { number, version } if es => format!(
                "El archivo adjunto es el PDF sin firmar que Nimbo emitió ({number}, versión {version}): adjunte la copia firmada."
            ),
            Refusal::UnsignedOriginal { number, version } => format!(
                "The attached file is the unsigned PDF Nimbo issued ({number}, version {version}): attach the signed copy."
            ),
            Refusal::UnknownVersion { number, version } if es => format!(
                "El documento {number} no tiene la versión {version} en el servidor: sincronice y vuelva a intentarlo."
            ),
            Refusal::UnknownVersion { number, version } => format!(
                "Document {number} has no version {version} on the server: sync and try again."
            ),
            Refusal::Inconsistent { id } if es => {
                format!("La operación nombra el registro {id} pero cambia otro: actualice Nimbo.")
            }
            Refusal::Inconsistent { id } => {
                format!("The operation names record {id} but changes another: update Nimbo.")
            }
        }
    }
}

fn kind_name(kind: EntityKind, lang: Lang) -> &'static str {
    match kind {
        EntityKind::Organisation => lang.pick("la organización", "the organisation"),
        EntityKind::User => lang.pick("el usuario", "the user"),
        EntityKind::Customer => lang.pick("el cliente", "the customer"),
        EntityKind::Order => lang.pick("el pedido", "the order"),
        EntityKind::Subscription => lang.pick("la suscripción", "the subscription"),
        EntityKind::Attachment => lang.pick("el archivo", "the file"),
        EntityKind::Document => lang.pick("el documento", "the document"),
        EntityKind::Plan => lang.pick("el plan", "the plan"),
        EntityKind::Risk => lang.pick("el riesgo", "the risk"),
        EntityKind::Holiday => lang.pick("el feriado", "the holiday"),
        EntityKind::Hours => lang.pick("el registro de horas", "the hours entry"),
        EntityKind::Adjustment => lang.pick("el ajuste", "the adjustment"),
        EntityKind::ConsumptionImport => lang.pick("la importación", "the import"),
        EntityKind::PeriodLock => lang.pick("el cierre del período", "the period's lock"),
        EntityKind::Invoice => lang.pick("la factura", "the invoice"),
        EntityKind::Process => lang.pick("el trámite", "the process"),
        EntityKind::Statement => lang.pick("el estado de cuenta", "the statement"),
    }
}

/// The text with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn every_sync_refusal() -> Vec<Refusal> {
        let number = || "DOC-7K3".to_string();
        vec![
            Refusal::UnknownRecord {
                kind: EntityKind::Customer,
                key: "80028061-0".into(),
            },
            Refusal::RecordExists {
                kind: EntityKind::Order,
                key: "P-AB2C".into(),
            },
            Refusal::AlreadyInitialised {
                name: "Telecom".into(),
            },
            Refusal::UnknownField {
                kind: EntityKind::Customer,
                field: "colour".into(),
            },
            Refusal::NotEditable {
                kind: EntityKind::Order,
            },
            Refusal::BadValue {
                field: "billing_cycle".into(),
                given: json!("x"),
            },
            Refusal::MoneyConflict {
                field: "monthly_fee".into(),
                yours: json!("80.00"),
                theirs: json!("75.00"),
            },
            Refusal::VersionOutOfOrder {
                number: number(),
                given: 3,
                expected: 2,
            },
            Refusal::DocumentMismatch { number: number() },
            Refusal::DocumentKindTaken {
                kind: DocumentKind::WelcomeKit,
                number: number(),
            },
            Refusal::SnapshotAltered { number: number() },
            Refusal::WrongSigners {
                kind: DocumentKind::AcceptanceAct,
            },
            Refusal::UnsignedOriginal {
                number: number(),
                version: 1,
            },
            Refusal::UnknownVersion {
                number: number(),
                version: 4,
            },
            Refusal::Inconsistent { id: Uuid::nil() },
        ]
    }

    #[test]
    fn every_sync_refusal_is_said_in_spanish_and_in_english() {
        let all = every_sync_refusal();
        let mut codes: Vec<ErrorCode> = all.iter().map(Refusal::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "one code per refusal");
        for refusal in &all {
            let (es, en) = (refusal.message(Lang::Es), refusal.message(Lang::En));
            assert_ne!(es, en, "{refusal:?}");
            assert!(
                es.chars().next().is_some_and(char::is_uppercase)
                    && en.chars().next().is_some_and(char::is_uppercase),
                "{es} / {en}"
            );
        }
        assert_eq!(
            all[1].message(Lang::En),
            "The order «P-AB2C» already exists on the server: someone else created it first. Sync to see it and, if need be, use that one."
        );
        assert!(
            all[0]
                .message(Lang::Es)
                .starts_with("El servidor no conoce el cliente «80028061-0»")
        );
    }

    #[test]
    fn a_rule_of_the_domain_keeps_its_code_and_words() {
        let refusal = Refusal::from(DomainError::ReasonRequired);
        assert_eq!(refusal.code(), ErrorCode::ReasonRequired);
        assert_eq!(
            refusal.message(Lang::En),
            DomainError::ReasonRequired.message(Lang::En)
        );
    }
}
