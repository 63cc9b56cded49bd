//! What every command shares: the open database, who is signed in, and the language.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use nimbo_app::{AppError, ErrorPayload, Nimbo};
use nimbo_domain::Lang;

/// A command's answer: the view, or the error as the UI branches on it.
pub type Reply<T> = Result<T, ErrorPayload>;

/// The desktop app's state, managed by Tauri.
pub struct AppState {
    /// The use cases on the open database.
    pub nimbo: Nimbo,
    /// The database file.
    pub database: PathBuf,
    user: Mutex<Option<String>>,
    lang: Mutex<Lang>,
}

impl AppState {
    /// A state with no one signed in.
    pub fn new(nimbo: Nimbo, database: PathBuf, lang: Lang) -> AppState {
        AppState {
            nimbo,
            database,
            user: Mutex::new(None),
            lang: Mutex::new(lang),
        }
    }

    /// The language of the interface.
    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the language of the interface.
    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
    }

    /// The signed-in username, if any.
    pub fn user(&self) -> Option<String> {
        self.user
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Signs a username in, or everyone out with `None`.
    pub fn set_user(&self, username: Option<String>) {
        *self.user.lock().unwrap_or_else(PoisonError::into_inner) = username;
    }

    /// The signed-in user who acts, or the [`AppError::NoActor`] error.
    pub fn actor(&self) -> Reply<String> {
        self.user().ok_or_else(|| {
            let lang = self.lang();
            ErrorPayload {
                code: AppError::NoActor.code(),
                message: lang
                    .pick(
                        "Inicie sesión para continuar: elija su usuario.",
                        "Sign in to continue: choose your user.",
                    )
                    .to_string(),
                fields: Vec::new(),
            }
        })
    }

    /// A use case's result as the UI receives it.
    pub fn reply<T>(&self, result: Result<T, AppError>) -> Reply<T> {
        result.map_err(|e| {
            // The person reads one sentence; what the system or the server said goes to
            // the log.
            if let Some(detail) = e.detail() {
                eprintln!("nimbo-desktop: {}: {detail}", e.code());
            }
            e.payload(self.lang())
        })
    }
}
