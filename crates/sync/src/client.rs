//! The sync protocol from the laptop's side: an HTTP client that speaks [`crate::wire`]
//! and turns the server's `{ code, message }` refusals into [`ClientError::Refused`].
//! The server's tests drive the server through it, so the laptop will start from a client
//! that is already proven against the real thing.

use nimbo_domain::ErrorCode;
use nimbo_domain::operation::Operation;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::sha256_hex;
use crate::wire::{
    BlobStored, ConflictRecord, Conflicts, ErrorBody, Handshake, OperationAnswer, PROTOCOL,
    PROTOCOL_HEADER, PullPage, Push, PushAnswers, RecordState, Refresh, SessionTokens, SignIn,
};

/// What a call to the server can end in, short of an answer.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with a refusal.
    #[error("{message} ({code}, HTTP {status})")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The refusal's code.
        code: ErrorCode,
        /// Its message for the person.
        message: String,
    },
    /// The server could not be reached or the connection broke: try again later.
    #[error("No se pudo conectar con el servidor de sincronización: {0}")]
    Network(#[from] reqwest::Error),
    /// The server's answer was not what the protocol says.
    #[error("Respuesta inesperada del servidor (HTTP {status}): {detail}")]
    Unexpected {
        /// The HTTP status.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
}

impl ClientError {
    /// The refusal's code, if the server refused.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Refused { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// A connection to one server, optionally signed in.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    access_token: Option<String>,
    protocol: u32,
}

/// How long to wait for a connection to the server.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// How long a request may wait for the next bytes of the server's answer.
pub const READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

impl Client {
    /// A client for the server at `base` (e.g. `https://sync.example.com`).
    pub fn new(base: &str) -> Result<Client, ClientError> {
        Ok(Client {
            // A server that never answers must not leave the laptop waiting forever (the
            // first screen's join, the timer's sync): give up on a silent connection or
            // a read that stalls, and let the caller retry. No total limit: a 32 MB
            // signed scan on a slow link may take minutes and is still progressing.
            http: reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .read_timeout(READ_TIMEOUT)
                .build()?,
            base: base.trim_end_matches('/').to_string(),
            access_token: None,
            protocol: PROTOCOL,
        })
    }

    /// The same client presenting this access token.
    pub fn with_access_token(&self, token: &str) -> Client {
        Client {
            access_token: Some(token.to_string()),
            ..self.clone()
        }
    }

    /// The same client claiming another protocol version (for tests of the handshake).
    pub fn with_protocol(&self, protocol: u32) -> Client {
        Client {
            protocol,
            ..self.clone()
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(PROTOCOL_HEADER, self.protocol.to_string());
        if let Some(token) = &self.access_token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        request
    }

    /// `GET /v1/handshake`.
    pub async fn handshake(&self) -> Result<Handshake, ClientError> {
        answer(
            self.request(reqwest::Method::GET, "/v1/handshake")
                .send()
                .await?,
        )
        .await
    }

    /// Signs in; the returned client presents the new access token.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> Result<(Client, SessionTokens), ClientError> {
        let body = SignIn {
            username: username.to_string(),
            password: password.to_string(),
        };
        let tokens: SessionTokens = answer(
            self.request(reqwest::Method::POST, "/v1/session")
                .json(&body)
                .send()
                .await?,
        )
        .await?;
        Ok((self.with_access_token(&tokens.access_token), tokens))
    }

    /// Spends the refresh token for a new pair; the returned client presents the new
    /// access token.
    pub async fn refresh(
        &self,
        refresh_token: &str,
    ) -> Result<(Client, SessionTokens), ClientError> {
        let body = Refresh {
            refresh_token: refresh_token.to_string(),
        };
        let tokens: SessionTokens = answer(
            self.request(reqwest::Method::POST, "/v1/session/refresh")
                .json(&body)
                .send()
                .await?,
        )
        .await?;
        Ok((self.with_access_token(&tokens.access_token), tokens))
    }

    /// Closes the session of the access token.
    pub async fn sign_out(&self) -> Result<(), ClientError> {
        let response = self
            .request(reqwest::Method::DELETE, "/v1/session")
            .send()
            .await?;
        expect_success(response).await.map(|_| ())
    }

    /// Uploads a file under its SHA-256.
    pub async fn put_blob(&self, bytes: &[u8]) -> Result<BlobStored, ClientError> {
        self.put_blob_as(&sha256_hex(bytes), bytes).await
    }

    /// Uploads bytes under a given name (for tests of the server's hash check).
    pub async fn put_blob_as(&self, sha256: &str, bytes: &[u8]) -> Result<BlobStored, ClientError> {
        answer(
            self.request(reqwest::Method::PUT, &format!("/v1/blobs/{sha256}"))
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(bytes.to_vec())
                .send()
                .await?,
        )
        .await
    }

    /// Downloads a file by its SHA-256.
    pub async fn get_blob(&self, sha256: &str) -> Result<Vec<u8>, ClientError> {
        let response = self
            .request(reqwest::Method::GET, &format!("/v1/blobs/{sha256}"))
            .send()
            .await?;
        Ok(expect_success(response).await?.bytes().await?.to_vec())
    }

    /// Pushes a batch of operations; one answer per operation, in order.
    pub async fn push(
        &self,
        operations: &[Operation],
    ) -> Result<Vec<OperationAnswer>, ClientError> {
        let body = Push {
            operations: operations.to_vec(),
        };
        let answers: PushAnswers = answer(
            self.request(reqwest::Method::POST, "/v1/operations")
                .json(&body)
                .send()
                .await?,
        )
        .await?;
        Ok(answers.answers)
    }

    /// The conflicts the signed-in user is part of, newest first.
    pub async fn conflicts(&self) -> Result<Vec<ConflictRecord>, ClientError> {
        let list: Conflicts = answer(
            self.request(reqwest::Method::GET, "/v1/conflicts")
                .send()
                .await?,
        )
        .await?;
        Ok(list.conflicts)
    }

    /// A record as the server holds it (`kind` as `EntityKind::id`; `key` its id, or a
    /// user's username), or none when the server never accepted it.
    pub async fn record(
        &self,
        kind: &str,
        key: &str,
    ) -> Result<Option<nimbo_domain::operation::Record>, ClientError> {
        let state: RecordState = answer(
            self.request(reqwest::Method::GET, &format!("/v1/records/{kind}/{key}"))
                .send()
                .await?,
        )
        .await?;
        Ok(state.record)
    }

    /// Pulls one page of applied operations after the cursor.
    pub async fn pull(&self, after: i64, limit: i64) -> Result<PullPage, ClientError> {
        answer(
            self.request(
                reqwest::Method::GET,
                &format!("/v1/operations?after={after}&limit={limit}"),
            )
            .send()
            .await?,
        )
        .await
    }
}

async fn expect_success(response: Response) -> Result<Response, ClientError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let bytes = response.bytes().await?;
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => Err(ClientError::Refused {
            status: status.as_u16(),
            code: body.code,
            message: body.message,
        }),
        Err(_) => Err(unexpected(status, &String::from_utf8_lossy(&bytes))),
    }
}

async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, ClientError> {
    let response = expect_success(response).await?;
    let status = response.status();
    let bytes = response.bytes().await?;
    serde_json::from_slice(&bytes).map_err(|e| unexpected(status, &e.to_string()))
}

fn unexpected(status: StatusCode, detail: &str) -> ClientError {
    ClientError::Unexpected {
        status: status.as_u16(),
        detail: detail.chars().take(200).collect(),
    }
}
