//! The server's refusals and failures. Each variant has a stable code that clients branch
//! on and a message that tells the person what to do, in Spanish (es-PY) and English;
//! over HTTP it becomes `{ "code": …, "message": … }` in Spanish with the status that fits.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use nimbo_domain::{ErrorCode, Lang};

use crate::wire::ErrorBody;

/// Everything the server or its command line can fail with. Its `Display` is the Spanish
/// message, what the server answers and its command line prints.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is missing a value or holds a wrong one.
    Config(String),
    /// PostgreSQL could not be reached or refused a statement.
    Database(#[from] crate::postgres::DatabaseError),
    /// The database's schema could not be brought up to date.
    Migrate(#[from] crate::postgres::MigrateError),
    /// A bug or an unexpected state; the details are in the server's log.
    Internal(String),
    /// The request's body or parameters are not what the protocol says.
    BadRequest(String),
    /// The client speaks a protocol version this server does not.
    UpdateRequired {
        /// The client's version.
        client: u32,
        /// The oldest version the server speaks.
        min: u32,
        /// The newest version the server speaks.
        max: u32,
    },
    /// No access token came with a request that needs one.
    NotSignedIn,
    /// Wrong username or password (which one is not said).
    BadCredentials,
    /// The access or refresh token is past its time.
    SessionExpired,
    /// The token was not issued by this server, was altered, or its session was closed.
    TokenInvalid,
    /// The user was deactivated.
    UserInactive(String),
    /// A path names a file by something that is not a SHA-256.
    BadHash(String),
    /// The uploaded bytes do not hash to the name they were sent under.
    BlobHashMismatch {
        /// The name it was sent under.
        expected: String,
        /// What its bytes hash to.
        actual: String,
    },
    /// The upload is larger than the server accepts.
    BlobTooLarge {
        /// The limit.
        max: u64,
    },
    /// The server holds no file with that hash.
    BlobNotFound(String),
    /// Too many operations in one request.
    BatchTooLarge {
        /// How many came (0 when the body was cut off before they could be counted).
        given: usize,
        /// The limit.
        max: usize,
    },
    /// A username that is already taken.
    UserExists(String),
    /// A username nobody has.
    UserNotFound(String),
    /// A password that is too weak to accept.
    PasswordTooShort(usize),
    /// What a person typed for a new user was refused.
    InvalidUser(String),
    /// The domain refused an administrator's command on the server (its message says
    /// why and what to do).
    Refused {
        /// The domain's stable code.
        code: ErrorCode,
        /// The domain's message, in Spanish.
        message: String,
    },
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Es))
    }
}

impl ServerError {
    /// The stable code clients and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::Config(_) => ErrorCode::Config,
            ServerError::Database(_) => ErrorCode::DatabaseUnavailable,
            ServerError::Migrate(_) => ErrorCode::MigrationFailed,
            ServerError::Internal(_) => ErrorCode::Internal,
            ServerError::BadRequest(_) => ErrorCode::BadRequest,
            ServerError::UpdateRequired { .. } => ErrorCode::UpdateRequired,
            ServerError::NotSignedIn => ErrorCode::NotSignedIn,
            ServerError::BadCredentials => ErrorCode::BadCredentials,
            ServerError::SessionExpired => ErrorCode::SessionExpired,
            ServerError::TokenInvalid => ErrorCode::TokenInvalid,
            ServerError::UserInactive(_) => ErrorCode::UserInactive,
            ServerError::BadHash(_) => ErrorCode::BadHash,
            ServerError::BlobHashMismatch { .. } => ErrorCode::BlobHashMismatch,
            ServerError::BlobTooLarge { .. } => ErrorCode::BlobTooLarge,
            ServerError::BlobNotFound(_) => ErrorCode::BlobNotFound,
            ServerError::BatchTooLarge { .. } => ErrorCode::BatchTooLarge,
            ServerError::UserExists(_) => ErrorCode::UserExists,
            ServerError::UserNotFound(_) => ErrorCode::UserNotFound,
            ServerError::PasswordTooShort(_) => ErrorCode::PasswordTooShort,
            ServerError::InvalidUser(_) => ErrorCode::InvalidUser,
            ServerError::Refused { code, .. } => *code,
        }
    }

    /// The message in `lang`: what went wrong and what to do. Over HTTP and at the
    /// server's command line it is the Spanish one; what a variant carries (a detail, the
    /// domain's message) is shown as it came.
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            ServerError::Config(detail) if es => format!("Configuración del servidor: {detail}"),
            ServerError::Config(detail) => format!("Server configuration: {detail}"),
            ServerError::Database(_) => lang
                .pick(
                    "La base de datos del servidor no respondió: intente de nuevo en unos minutos; si sigue, avise al administrador.",
                    "The server's database did not answer: try again in a few minutes; if it goes on, tell the administrator.",
                )
                .into(),
            ServerError::Migrate(e) if es => format!(
                "No se pudo actualizar el esquema de la base de datos del servidor: {e}"
            ),
            ServerError::Migrate(e) => {
                format!("The schema of the server's database could not be brought up to date: {e}")
            }
            ServerError::Internal(_) => lang
                .pick(
                    "Error interno del servidor: intente de nuevo; si sigue, avise al administrador.",
                    "Internal server error: try again; if it goes on, tell the administrator.",
                )
                .into(),
            // What was wrong with it is for the log, not for the person.
            ServerError::BadRequest(_) => lang
                .pick(
                    "Este equipo envió algo que el servidor no entiende: actualice Nimbo o avise al administrador.",
                    "This computer sent something the server does not understand: update Nimbo or tell the administrator.",
                )
                .into(),
            ServerError::UpdateRequired { client, min, max } => format!(
                "Esta versión de Nimbo (protocolo {client}) ya no puede sincronizar con el servidor (protocolo {min} a {max}): actualice Nimbo. / This version of Nimbo can no longer sync with the server: please update Nimbo."
            ),
            ServerError::NotSignedIn => lang
                .pick(
                    "No inició sesión: inicie sesión en Nimbo para sincronizar.",
                    "You are not signed in: sign in to Nimbo to sync.",
                )
                .into(),
            ServerError::BadCredentials => lang
                .pick(
                    "Usuario o contraseña incorrectos: revíselos e intente de nuevo.",
                    "Wrong username or password: check them and try again.",
                )
                .into(),
            ServerError::SessionExpired => lang
                .pick(
                    "La sesión venció: inicie sesión de nuevo.",
                    "The session expired: sign in again.",
                )
                .into(),
            ServerError::TokenInvalid => lang
                .pick(
                    "La sesión no es válida o fue cerrada: inicie sesión de nuevo.",
                    "The session is not valid or was closed: sign in again.",
                )
                .into(),
            ServerError::UserInactive(username) if es => format!(
                "El usuario «{username}» está desactivado: pídale a un administrador que lo reactive."
            ),
            ServerError::UserInactive(username) => format!(
                "The user «{username}» is deactivated: ask an administrator to reactivate it."
            ),
            ServerError::BadHash(given) if es => format!(
                "«{given}» no es un SHA-256 (64 caracteres hexadecimales en minúscula): actualice Nimbo."
            ),
            ServerError::BadHash(given) => format!(
                "«{given}» is not a SHA-256 (64 lowercase hexadecimal characters): update Nimbo."
            ),
            ServerError::BlobHashMismatch { expected, actual } if es => format!(
                "El archivo llegó alterado (su SHA-256 es {actual}, no {expected}): Nimbo lo enviará de nuevo."
            ),
            ServerError::BlobHashMismatch { expected, actual } => format!(
                "The file arrived altered (its SHA-256 is {actual}, not {expected}): Nimbo will send it again."
            ),
            ServerError::BlobTooLarge { max } if es => format!(
                "El archivo es demasiado grande: el servidor acepta hasta {max} bytes; adjunte uno más chico o pídale al administrador que suba el límite."
            ),
            ServerError::BlobTooLarge { max } => format!(
                "The file is too large: the server accepts up to {max} bytes; attach a smaller one or ask the administrator to raise the limit."
            ),
            ServerError::BlobNotFound(sha256) if es => format!(
                "El servidor no tiene el archivo {sha256}: la computadora que lo adjuntó todavía no lo envió."
            ),
            ServerError::BlobNotFound(sha256) => format!(
                "The server does not have the file {sha256}: the computer that attached it has not sent it yet."
            ),
            ServerError::BatchTooLarge { max, .. } if es => {
                format!("Demasiadas operaciones en un envío (hasta {max}): actualice Nimbo.")
            }
            ServerError::BatchTooLarge { max, .. } => {
                format!("Too many operations in one push (up to {max}): update Nimbo.")
            }
            ServerError::UserExists(username) if es => {
                format!("Ya existe el usuario «{username}»: elija otro nombre de usuario.")
            }
            ServerError::UserExists(username) => {
                format!("The user «{username}» already exists: choose another username.")
            }
            ServerError::UserNotFound(username) if es => format!(
                "No existe el usuario «{username}»: revise el nombre (nimbo-server user list)."
            ),
            ServerError::UserNotFound(username) => format!(
                "There is no user «{username}»: check the name (nimbo-server user list)."
            ),
            ServerError::PasswordTooShort(min) if es => format!(
                "La contraseña debe tener al menos {min} caracteres: elija una más larga."
            ),
            ServerError::PasswordTooShort(min) => format!(
                "The password must have at least {min} characters: choose a longer one."
            ),
            ServerError::InvalidUser(detail) if es => {
                format!("Datos del usuario no válidos: {detail}")
            }
            ServerError::InvalidUser(detail) => format!("The user's details are not valid: {detail}"),
            ServerError::Refused { message, .. } => message.clone(),
        }
    }

    /// The HTTP status the refusal travels with.
    pub fn status(&self) -> StatusCode {
        match self {
            ServerError::Config(_) | ServerError::Migrate(_) | ServerError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            ServerError::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
            ServerError::BadRequest(_)
            | ServerError::BadHash(_)
            | ServerError::PasswordTooShort(_)
            | ServerError::InvalidUser(_) => StatusCode::BAD_REQUEST,
            ServerError::UpdateRequired { .. } => StatusCode::UPGRADE_REQUIRED,
            ServerError::NotSignedIn
            | ServerError::BadCredentials
            | ServerError::SessionExpired
            | ServerError::TokenInvalid => StatusCode::UNAUTHORIZED,
            ServerError::UserInactive(_) => StatusCode::FORBIDDEN,
            ServerError::BlobHashMismatch { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ServerError::BlobTooLarge { .. } | ServerError::BatchTooLarge { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ServerError::BlobNotFound(_) | ServerError::UserNotFound(_) => StatusCode::NOT_FOUND,
            ServerError::UserExists(_) | ServerError::Refused { .. } => StatusCode::CONFLICT,
        }
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let ServerError::BadRequest(detail) = &self {
            tracing::warn!(%detail, "bad request");
        }
        if status.is_server_error() {
            // The cause stays in the log; the client gets the advice only.
            match &self {
                ServerError::Database(e) => tracing::error!(error = %e, "database error"),
                ServerError::Internal(detail) => tracing::error!(%detail, "internal error"),
                other => tracing::error!(error = %other, "server error"),
            }
        }
        let body = ErrorBody {
            code: self.code(),
            message: self.message(Lang::Es),
        };
        (status, Json(body)).into_response()
    }
}
