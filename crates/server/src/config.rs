//! The server's settings: a TOML file, then environment variables over it. Secrets (the
//! token key, a database password inside the URL) are never printed.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ServerError;

/// The shortest token secret accepted, in bytes: HS256 wants a key at least as long as
/// its hash.
pub const MIN_SECRET_BYTES: usize = 32;

/// The file's shape; every key is optional and the environment may supply it instead.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    listen: Option<String>,
    token_secret: Option<String>,
    token_secret_file: Option<PathBuf>,
    access_token_minutes: Option<i64>,
    refresh_token_days: Option<i64>,
    max_blob_bytes: Option<u64>,
    max_push_operations: Option<usize>,
    max_pull_operations: Option<i64>,
    max_clock_skew_seconds: Option<i64>,
}

/// The server's settings, resolved.
#[derive(Clone)]
pub struct Config {
    /// Where PostgreSQL is.
    pub database_url: String,
    /// The address to listen on.
    pub listen: SocketAddr,
    /// The key access tokens are signed with; needed to serve, not for the user commands.
    pub token_secret: Option<Vec<u8>>,
    /// How long an access token is accepted.
    pub access_lifetime: chrono::Duration,
    /// How long a refresh token stays good unused.
    pub refresh_lifetime: chrono::Duration,
    /// The largest file accepted.
    pub max_blob_bytes: u64,
    /// The most operations in one push.
    pub max_push_operations: usize,
    /// The most operations in one pulled page.
    pub max_pull_operations: i64,
    /// How far ahead of the server's clock an operation's time may be.
    pub max_clock_skew: chrono::Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("access_lifetime", &self.access_lifetime)
            .field("refresh_lifetime", &self.refresh_lifetime)
            .field("max_blob_bytes", &self.max_blob_bytes)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Settings for tests and embedding: the defaults with a database and a secret.
    pub fn new(database_url: &str, token_secret: &[u8]) -> Config {
        Config {
            database_url: database_url.to_string(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8470)),
            token_secret: Some(token_secret.to_vec()),
            access_lifetime: chrono::Duration::minutes(15),
            refresh_lifetime: chrono::Duration::days(30),
            max_blob_bytes: 32 * 1024 * 1024,
            max_push_operations: 1000,
            max_pull_operations: 1000,
            max_clock_skew: chrono::Duration::minutes(5),
        }
    }

    /// Reads the file, when given, and the `NIMBO_SERVER_*` variables over it.
    pub fn load(file: Option<&Path>) -> Result<Config, ServerError> {
        Config::load_from(file, |name| std::env::var(name).ok())
    }

    /// [`Config::load`] with the environment given as a function, for tests.
    pub fn load_from(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ServerError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    ServerError::Config(format!(
                        "no se pudo leer {}: {e}; revise la ruta de --config",
                        path.display()
                    ))
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|e| {
                    ServerError::Config(format!("{} no es un TOML válido: {e}", path.display()))
                })?
            }
            None => FileConfig::default(),
        };
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let defaults = Config::new("", b"");

        let database_url = var("NIMBO_SERVER_DATABASE_URL")
            .or(from_file.database_url)
            .ok_or_else(|| {
                ServerError::Config(
                    "falta la base de datos: ponga database_url en el archivo o NIMBO_SERVER_DATABASE_URL (postgres://usuario@host/base)".into(),
                )
            })?;
        let listen = match var("NIMBO_SERVER_LISTEN").or(from_file.listen) {
            Some(text) => text.trim().parse::<SocketAddr>().map_err(|_| {
                ServerError::Config(format!(
                    "«{text}» no es una dirección para escuchar: escríbala como 0.0.0.0:8470"
                ))
            })?,
            None => defaults.listen,
        };
        let secret_file = var("NIMBO_SERVER_TOKEN_SECRET_FILE")
            .map(PathBuf::from)
            .or(from_file.token_secret_file);
        let token_secret = match (
            var("NIMBO_SERVER_TOKEN_SECRET").or(from_file.token_secret),
            secret_file,
        ) {
            (Some(secret), _) => Some(secret.trim().as_bytes().to_vec()),
            (None, Some(path)) => Some(
                std::fs::read_to_string(&path)
                    .map_err(|e| {
                        ServerError::Config(format!(
                            "no se pudo leer el secreto de los tokens en {}: {e}",
                            path.display()
                        ))
                    })?
                    .trim()
                    .as_bytes()
                    .to_vec(),
            ),
            (None, None) => None,
        };
        if let Some(secret) = &token_secret
            && secret.len() < MIN_SECRET_BYTES
        {
            return Err(ServerError::Config(format!(
                "el secreto de los tokens tiene {} bytes y necesita al menos {MIN_SECRET_BYTES}: genere uno con `openssl rand -hex 32`",
                secret.len()
            )));
        }
        let number = |name: &str, given: Option<i64>, default: i64| -> Result<i64, ServerError> {
            match var(name) {
                Some(text) => text
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        ServerError::Config(format!(
                            "{name}=«{text}» debe ser un número entero positivo"
                        ))
                    }),
                None => match given {
                    Some(n) if n <= 0 => Err(ServerError::Config(format!(
                        "{} debe ser un número entero positivo",
                        name.trim_start_matches("NIMBO_SERVER_")
                            .to_ascii_lowercase()
                    ))),
                    Some(n) => Ok(n),
                    None => Ok(default),
                },
            }
        };
        let access_minutes = number(
            "NIMBO_SERVER_ACCESS_TOKEN_MINUTES",
            from_file.access_token_minutes,
            defaults.access_lifetime.num_minutes(),
        )?;
        let refresh_days = number(
            "NIMBO_SERVER_REFRESH_TOKEN_DAYS",
            from_file.refresh_token_days,
            defaults.refresh_lifetime.num_days(),
        )?;
        let max_blob_bytes = number(
            "NIMBO_SERVER_MAX_BLOB_BYTES",
            from_file.max_blob_bytes.and_then(|n| i64::try_from(n).ok()),
            i64::try_from(defaults.max_blob_bytes).unwrap_or(i64::MAX),
        )?;
        let max_push = number(
            "NIMBO_SERVER_MAX_PUSH_OPERATIONS",
            from_file
                .max_push_operations
                .and_then(|n| i64::try_from(n).ok()),
            1000,
        )?;
        let max_pull = number(
            "NIMBO_SERVER_MAX_PULL_OPERATIONS",
            from_file.max_pull_operations,
            defaults.max_pull_operations,
        )?;
        let max_skew = number(
            "NIMBO_SERVER_MAX_CLOCK_SKEW_SECONDS",
            from_file.max_clock_skew_seconds,
            defaults.max_clock_skew.num_seconds(),
        )?;
        Ok(Config {
            database_url,
            listen,
            token_secret,
            access_lifetime: chrono::Duration::minutes(access_minutes),
            refresh_lifetime: chrono::Duration::days(refresh_days),
            max_blob_bytes: u64::try_from(max_blob_bytes).unwrap_or(u64::MAX),
            max_push_operations: usize::try_from(max_push).unwrap_or(usize::MAX),
            max_pull_operations: max_pull,
            max_clock_skew: chrono::Duration::seconds(max_skew),
        })
    }

    /// The token secret, which serving needs.
    pub fn require_secret(&self) -> Result<&[u8], ServerError> {
        self.token_secret.as_deref().ok_or_else(|| {
            ServerError::Config(
                "falta el secreto de los tokens: ponga token_secret_file en el archivo o NIMBO_SERVER_TOKEN_SECRET (genérelo con `openssl rand -hex 32`)".into(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_over_the_file() {
        let dir = std::env::temp_dir().join(format!("nimbo-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("server.toml");
        std::fs::write(
            &file,
            "database_url = \"postgres://a@h/file\"\nlisten = \"127.0.0.1:9000\"\naccess_token_minutes = 5\n",
        )
        .unwrap();
        let config = Config::load_from(Some(&file), |name| match name {
            "NIMBO_SERVER_DATABASE_URL" => Some("postgres://a@h/env".into()),
            "NIMBO_SERVER_TOKEN_SECRET" => Some("x".repeat(40)),
            _ => None,
        })
        .unwrap();
        assert_eq!(config.database_url, "postgres://a@h/env");
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.access_lifetime, chrono::Duration::minutes(5));
        assert_eq!(config.refresh_lifetime, chrono::Duration::days(30));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_short_secret_or_no_database_is_refused_with_the_fix() {
        let short = Config::load_from(None, |name| match name {
            "NIMBO_SERVER_DATABASE_URL" => Some("postgres://a@h/db".into()),
            "NIMBO_SERVER_TOKEN_SECRET" => Some("corto".into()),
            _ => None,
        });
        assert!(matches!(short, Err(ServerError::Config(m)) if m.contains("openssl rand")));
        let none = Config::load_from(None, |_| None);
        assert!(
            matches!(none, Err(ServerError::Config(m)) if m.contains("NIMBO_SERVER_DATABASE_URL"))
        );
    }

    #[test]
    fn the_debug_print_shows_no_secret() {
        let config = Config::new("postgres://u:clave-secreta@h/db", b"secreto-de-los-tokens");
        let shown = format!("{config:?}");
        assert!(!shown.contains("clave-secreta") && !shown.contains("secreto-de-los-tokens"));
    }
}
