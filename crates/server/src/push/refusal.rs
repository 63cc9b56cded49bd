//! Why the server refuses a pushed operation before the domain decides it: it cannot read
//! it, it is someone else's, its id was taken by other content, its files are not here,
//! its records disagree, or the laptop's clock runs ahead. Each has its code and its
//! message in Spanish (what the server answers) and English.

use nimbo_domain::{ErrorCode, Lang};
use uuid::Uuid;

use crate::wire::Answer;

/// A refusal of one operation by the server's own checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushRefusal {
    /// The operation does not decode as one this server knows.
    Malformed {
        /// What the decoder said.
        detail: String,
    },
    /// The operation decoded but its content could not be hashed.
    Unreadable {
        /// What failed.
        detail: String,
    },
    /// The operation's author is not the signed-in user.
    ActorMismatch {
        /// Who the operation says made it.
        actor: String,
        /// Who is signed in.
        user: String,
    },
    /// Another operation with different content was received under this id.
    IdReused {
        /// The id.
        id: Uuid,
    },
    /// An attachment is not named by a SHA-256.
    BadAttachment {
        /// The file's name.
        name: String,
    },
    /// Files the operation names have not been uploaded.
    BlobMissing {
        /// Their names.
        names: Vec<String>,
    },
    /// A per-field edit names one record in its header and another in its body.
    Inconsistent,
    /// The operation's time is ahead of the server's clock by more than allowed.
    ClockAhead {
        /// How far ahead, in milliseconds.
        ahead_ms: i64,
        /// How far ahead is allowed, in milliseconds.
        max_ms: i64,
    },
}

impl PushRefusal {
    /// The stable code the laptop branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            PushRefusal::Malformed { .. } | PushRefusal::Unreadable { .. } => ErrorCode::Malformed,
            PushRefusal::ActorMismatch { .. } => ErrorCode::ActorMismatch,
            PushRefusal::IdReused { .. } => ErrorCode::IdReused,
            PushRefusal::BadAttachment { .. } => ErrorCode::BadAttachment,
            PushRefusal::BlobMissing { .. } => ErrorCode::BlobMissing,
            PushRefusal::Inconsistent => ErrorCode::Inconsistent,
            PushRefusal::ClockAhead { .. } => ErrorCode::ClockAhead,
        }
    }

    /// The message for the author, in `lang`: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            PushRefusal::Malformed { detail } if es => {
                format!("El servidor no entiende esta operación ({detail}): actualice Nimbo.")
            }
            PushRefusal::Malformed { detail } => {
                format!("The server does not understand this operation ({detail}): update Nimbo.")
            }
            PushRefusal::Unreadable { detail } if es => format!("operación ilegible: {detail}"),
            PushRefusal::Unreadable { detail } => format!("unreadable operation: {detail}"),
            PushRefusal::ActorMismatch { actor, user } if es => format!(
                "La operación es de «{actor}», pero la sesión es de «{user}»: solo se envían las operaciones propias."
            ),
            PushRefusal::ActorMismatch { actor, user } => format!(
                "The operation is «{actor}»'s, but the session is «{user}»'s: only one's own operations are sent."
            ),
            PushRefusal::IdReused { id } if es => format!(
                "El servidor ya recibió otra operación con el id {id}: la copia local está dañada; avise al administrador."
            ),
            PushRefusal::IdReused { id } => format!(
                "The server already received another operation with the id {id}: the local copy is damaged; tell the administrator."
            ),
            PushRefusal::BadAttachment { name } if es => {
                format!("El archivo «{name}» no tiene un SHA-256 válido.")
            }
            PushRefusal::BadAttachment { name } => {
                format!("The file «{name}» does not have a valid SHA-256.")
            }
            PushRefusal::BlobMissing { names } if es => format!(
                "Faltan los archivos {} en el servidor: Nimbo los sube y vuelve a enviar la operación.",
                names.join(", ")
            ),
            PushRefusal::BlobMissing { names } => format!(
                "The files {} are missing on the server: Nimbo uploads them and sends the operation again.",
                names.join(", ")
            ),
            PushRefusal::Inconsistent => lang
                .pick(
                    "La operación nombra dos registros distintos: actualice Nimbo.",
                    "The operation names two different records: update Nimbo.",
                )
                .into(),
            PushRefusal::ClockAhead { ahead_ms, max_ms } if es => format!(
                "El reloj de esta computadora está {} adelantado respecto del servidor (se permiten hasta {}): corrija la fecha y la hora de la computadora (active la hora automática). Lo pendiente se enviará solo cuando la hora sea correcta.",
                minutes(*ahead_ms),
                minutes(*max_ms)
            ),
            PushRefusal::ClockAhead { ahead_ms, max_ms } => format!(
                "This computer's clock is {} ahead of the server's (up to {} is allowed): correct the computer's date and time (turn on automatic time). What is pending will be sent by itself once the time is right.",
                minutes(*ahead_ms),
                minutes(*max_ms)
            ),
        }
    }

    /// The answer the server gives: the code and the Spanish message.
    pub fn answer(&self) -> Answer {
        Answer::Refused {
            code: self.code(),
            message: self.message(Lang::Es),
        }
    }
}

/// A duration as a person reads it: whole minutes, or seconds below one.
fn minutes(ms: i64) -> String {
    let minutes = (ms + 30_000).div_euclid(60_000);
    if minutes >= 1 {
        format!("{minutes} min")
    } else {
        format!("{} s", ms.div_euclid(1000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_says_what_to_do_in_both_languages() {
        let all = [
            PushRefusal::Malformed { detail: "x".into() },
            PushRefusal::Unreadable { detail: "x".into() },
            PushRefusal::ActorMismatch {
                actor: "karina".into(),
                user: "pedro".into(),
            },
            PushRefusal::IdReused { id: Uuid::nil() },
            PushRefusal::BadAttachment {
                name: "hld.pdf".into(),
            },
            PushRefusal::BlobMissing {
                names: vec!["hld.pdf".into(), "acta.pdf".into()],
            },
            PushRefusal::Inconsistent,
            PushRefusal::ClockAhead {
                ahead_ms: 600_000,
                max_ms: 300_000,
            },
        ];
        for refusal in &all {
            let (es, en) = (refusal.message(Lang::Es), refusal.message(Lang::En));
            assert_ne!(es, en, "{refusal:?}");
            assert_eq!(
                refusal.answer(),
                Answer::Refused {
                    code: refusal.code(),
                    message: es
                }
            );
        }
        assert!(
            all[5]
                .message(Lang::Es)
                .contains("Faltan los archivos hld.pdf, acta.pdf")
        );
        assert!(all[7].message(Lang::Es).contains("está 10 min adelantado"));
        assert!(all[7].message(Lang::En).contains("up to 5 min"));
    }
}
