//! The JSON of the sync protocol, version [`PROTOCOL`]: what the laptop and the server
//! send each other. The server and [`crate::client`] share these types, so the two sides
//! cannot drift apart.

use chrono::{DateTime, Utc};
use nimbo_domain::ErrorCode;
use nimbo_domain::operation::{FieldConflict, Operation, Record};
use nimbo_domain::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The protocol version this build speaks.
pub const PROTOCOL: u32 = 1;
/// The oldest protocol version this server still accepts.
pub const MIN_PROTOCOL: u32 = 1;
/// The header a client names its protocol version in, on every request.
pub const PROTOCOL_HEADER: &str = "nimbo-protocol";

/// The body of every refusal: a stable code and a message for the person. A code this
/// build does not know arrives as [`ErrorCode::Unknown`], its message intact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What clients branch on.
    pub code: ErrorCode,
    /// What to tell the person, in Spanish.
    pub message: String,
}

/// What `GET /v1/handshake` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handshake {
    /// The newest protocol version the server speaks.
    pub protocol: u32,
    /// The oldest one it still accepts.
    pub min_protocol: u32,
    /// The server's build.
    pub server_version: String,
    /// The server's clock, for the client to see how far off its own is.
    pub server_time: DateTime<Utc>,
}

/// `POST /v1/session`: sign in.
#[derive(Clone, Serialize, Deserialize)]
pub struct SignIn {
    /// The username.
    pub username: String,
    /// The password, sent once over the connection and never kept.
    pub password: String,
}

/// `POST /v1/session/refresh`: trade a refresh token for new tokens.
#[derive(Clone, Serialize, Deserialize)]
pub struct Refresh {
    /// The refresh token, spent by this request.
    pub refresh_token: String,
}

/// The tokens of a session and who it belongs to.
#[derive(Clone, Serialize, Deserialize)]
pub struct SessionTokens {
    /// The short-lived access token for `Authorization: Bearer`.
    pub access_token: String,
    /// When it stops being accepted.
    pub access_expires_at: DateTime<Utc>,
    /// The refresh token, good for one refresh.
    pub refresh_token: String,
    /// When the refresh token expires unused.
    pub refresh_expires_at: DateTime<Utc>,
    /// The signed-in user, as the server knows them.
    pub user: SessionUser,
}

// Tokens are secrets: a debug print shows neither.
impl std::fmt::Debug for SessionTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionTokens")
            .field("access_expires_at", &self.access_expires_at)
            .field("refresh_expires_at", &self.refresh_expires_at)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Who is signed in, with the roles the server holds for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    /// Their id.
    pub id: Uuid,
    /// Their username.
    pub username: String,
    /// Their full name.
    pub full_name: String,
    /// Their roles on the server.
    pub roles: Vec<Role>,
}

/// `PUT /v1/blobs/{sha256}`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobStored {
    /// The file's SHA-256.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// False when the server already had it (the upload changed nothing).
    pub created: bool,
}

/// `POST /v1/operations`: a batch of the outbox, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Push {
    /// The operations.
    pub operations: Vec<Operation>,
}

/// The answers to a push, one per operation, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushAnswers {
    /// The answers.
    pub answers: Vec<OperationAnswer>,
}

/// The answer to one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationAnswer {
    /// The operation's id.
    pub id: Uuid,
    /// What became of it.
    #[serde(flatten)]
    pub answer: Answer,
}

/// What became of one operation. `Applied` and `Refused` (except the codes
/// [`Answer::is_final`] says are not) are kept: a re-send gets the same answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Answer {
    /// Accepted, at this place of the pull sequence.
    Applied {
        /// Its sequence number.
        seq: i64,
    },
    /// Not accepted, for a reason the author is shown.
    Refused {
        /// A stable code.
        code: ErrorCode,
        /// What to tell the author, in Spanish.
        message: String,
    },
    /// Someone else changed the same fields since the author last saw them: the later
    /// hybrid-clock time won each field, and what was kept is recorded for both people
    /// (`GET /v1/conflicts`). When this operation's value won anywhere, the records
    /// changed and it has its place in the pull sequence.
    Conflict {
        /// Its sequence number, when it changed the records.
        seq: Option<i64>,
        /// Each field in conflict: what you wanted, what was there, what was kept.
        conflicts: Vec<FieldConflict>,
        /// What to tell the author, in Spanish.
        message: String,
    },
}

impl Answer {
    /// Whether the server keeps this answer for good. A refusal that the client can
    /// remedy and then re-send (a file not uploaded yet) or one that would let a user
    /// occupy someone else's operation id is not kept.
    pub fn is_final(&self) -> bool {
        match self {
            Answer::Applied { .. } | Answer::Conflict { .. } => true,
            Answer::Refused { code, .. } => !TRANSIENT_REFUSALS.contains(code),
        }
    }
}

/// Refusal codes that are answered but not kept.
/// A laptop whose clock runs ahead (`clock_ahead`) is told to fix it; its operations
/// stay queued and are accepted once their time is no longer in the future.
pub const TRANSIENT_REFUSALS: &[ErrorCode] = &[
    ErrorCode::BlobMissing,
    ErrorCode::ActorMismatch,
    ErrorCode::IdReused,
    ErrorCode::ClockAhead,
];

/// `GET /v1/operations?after=…&limit=…`'s answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullPage {
    /// Applied operations with `seq > after`, in sequence order; empty at the end.
    pub operations: Vec<Pulled>,
    /// The cursor for the next page: the last `seq` here, or `after` when empty.
    pub next_after: i64,
    /// The newest sequence number the server had given out, for progress.
    pub latest_seq: i64,
}

/// One pulled operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    /// Its place in the sequence.
    pub seq: i64,
    /// The operation as its author sent it.
    pub operation: Operation,
}

/// One recorded conflict, as `GET /v1/conflicts` lists it to either person involved: the
/// domain's type, the same the laptop keeps.
pub use nimbo_domain::conflict::EditConflict as ConflictRecord;

/// `GET /v1/conflicts`'s answer: the conflicts the signed-in user is part of, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflicts {
    /// The conflicts.
    pub conflicts: Vec<ConflictRecord>,
}

/// `GET /v1/records/{kind}/{key}`'s answer: the record as the server holds it, or none
/// when the server never accepted it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    /// The record.
    pub record: Option<Record>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_refusal_travels_with_its_code_as_a_string() {
        let body = ErrorBody {
            code: ErrorCode::BadCredentials,
            message: "Usuario o contraseña incorrectos.".into(),
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["code"], ErrorCode::BadCredentials.as_str());
        assert_eq!(serde_json::from_value::<ErrorBody>(json).unwrap(), body);
    }

    #[test]
    fn a_code_from_a_newer_server_is_read_as_unknown_with_its_message() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"billing_run_locked","message":"Espere."}"#).unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
        assert_eq!(body.message, "Espere.");
        let answers: PushAnswers = serde_json::from_str(
            r#"{"answers":[{"id":"0190b1c2-7d3e-7a00-8000-000000000001","status":"refused","code":"billing_run_locked","message":"Espere."}]}"#,
        )
        .unwrap();
        let answer = &answers.answers[0].answer;
        assert_eq!(
            *answer,
            Answer::Refused {
                code: ErrorCode::Unknown,
                message: "Espere.".into()
            }
        );
        assert!(answer.is_final());
    }

    #[test]
    fn the_transient_refusals_are_not_kept() {
        let refused = |code| Answer::Refused {
            code,
            message: String::new(),
        };
        for code in [
            ErrorCode::BlobMissing,
            ErrorCode::ActorMismatch,
            ErrorCode::IdReused,
            ErrorCode::ClockAhead,
        ] {
            assert!(!refused(code).is_final(), "{code}");
        }
        for code in [
            ErrorCode::NotAllowed,
            ErrorCode::Malformed,
            ErrorCode::Unknown,
        ] {
            assert!(refused(code).is_final(), "{code}");
        }
    }
}
