//! The server's refusals and failures. Each variant has a stable code that clients branch
//! on and a message in Spanish (es-PY) that tells the person what to do; over HTTP it
//! becomes `{ "code": …, "message": … }` with the status that fits.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use nimbo_domain::ErrorCode;

use crate::wire::ErrorBody;

/// Everything the server or its command line can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is missing a value or holds a wrong one.
    #[error("Configuración del servidor: {0}")]
    Config(String),
    /// PostgreSQL could not be reached or refused a statement.
    #[error(
        "La base de datos del servidor no respondió: intente de nuevo en unos minutos; si sigue, avise al administrador."
    )]
    Database(#[from] sqlx::Error),
    /// The database's schema could not be brought up to date.
    #[error("No se pudo actualizar el esquema de la base de datos del servidor: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A bug or an unexpected state; the details are in the server's log.
    #[error("Error interno del servidor: intente de nuevo; si sigue, avise al administrador.")]
    Internal(String),
    /// The request's body or parameters are not what the protocol says.
    #[error("La solicitud no es válida ({0}): actualice Nimbo o avise al administrador.")]
    BadRequest(String),
    /// The client speaks a protocol version this server does not.
    #[error(
        "Esta versión de Nimbo (protocolo {client}) ya no puede sincronizar con el servidor (protocolo {min} a {max}): actualice Nimbo. / This version of Nimbo can no longer sync with the server: please update Nimbo."
    )]
    UpdateRequired {
        /// The client's version.
        client: u32,
        /// The oldest version the server speaks.
        min: u32,
        /// The newest version the server speaks.
        max: u32,
    },
    /// No access token came with a request that needs one.
    #[error("No inició sesión: inicie sesión en Nimbo para sincronizar.")]
    NotSignedIn,
    /// Wrong username or password (which one is not said).
    #[error("Usuario o contraseña incorrectos: revíselos e intente de nuevo.")]
    BadCredentials,
    /// The access or refresh token is past its time.
    #[error("La sesión venció: inicie sesión de nuevo.")]
    SessionExpired,
    /// The token was not issued by this server, was altered, or its session was closed.
    #[error("La sesión no es válida o fue cerrada: inicie sesión de nuevo.")]
    TokenInvalid,
    /// The user was deactivated.
    #[error("El usuario «{0}» está desactivado: pídale a un administrador que lo reactive.")]
    UserInactive(String),
    /// A path names a file by something that is not a SHA-256.
    #[error("«{0}» no es un SHA-256 (64 caracteres hexadecimales en minúscula): actualice Nimbo.")]
    BadHash(String),
    /// The uploaded bytes do not hash to the name they were sent under.
    #[error(
        "El archivo llegó alterado (su SHA-256 es {actual}, no {expected}): Nimbo lo enviará de nuevo."
    )]
    BlobHashMismatch {
        /// The name it was sent under.
        expected: String,
        /// What its bytes hash to.
        actual: String,
    },
    /// The upload is larger than the server accepts.
    #[error(
        "El archivo es demasiado grande: el servidor acepta hasta {max} bytes; adjunte uno más chico o pídale al administrador que suba el límite."
    )]
    BlobTooLarge {
        /// The limit.
        max: u64,
    },
    /// The server holds no file with that hash.
    #[error(
        "El servidor no tiene el archivo {0}: la computadora que lo adjuntó todavía no lo envió."
    )]
    BlobNotFound(String),
    /// Too many operations in one request.
    #[error("Demasiadas operaciones en un envío (hasta {max}): actualice Nimbo.")]
    BatchTooLarge {
        /// How many came (0 when the body was cut off before they could be counted).
        given: usize,
        /// The limit.
        max: usize,
    },
    /// A username that is already taken.
    #[error("Ya existe el usuario «{0}»: elija otro nombre de usuario.")]
    UserExists(String),
    /// A username nobody has.
    #[error("No existe el usuario «{0}»: revise el nombre (nimbo-server user list).")]
    UserNotFound(String),
    /// A password that is too weak to accept.
    #[error("La contraseña debe tener al menos {0} caracteres: elija una más larga.")]
    PasswordTooShort(usize),
    /// What a person typed for a new user was refused.
    #[error("Datos del usuario no válidos: {0}")]
    InvalidUser(String),
    /// The domain refused an administrator's command on the server (its message says
    /// why and what to do).
    #[error("{message}")]
    Refused {
        /// The domain's stable code.
        code: ErrorCode,
        /// The domain's message, in Spanish.
        message: String,
    },
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
            message: self.to_string(),
        };
        (status, Json(body)).into_response()
    }
}
