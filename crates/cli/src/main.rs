//! # nimbo (the command line)
//!
//! A thin front door on the use cases of `nimbo-app`: it parses arguments, calls one use
//! case, and prints the result for a person (Spanish by default, `--lang en`) or for a
//! script (`--json`). No rule lives here. Exit codes: 0 done; 1 refused (a rule, invalid
//! input or an unreadable file, not found); 2 wrong usage; 3 the database failed.
//!
//! May depend on: `nimbo-app`, `nimbo-domain` (types), `nimbo-store` only for the filter
//! and sort of `nimbo orders list` (`nimbo_store::orders::{OrderFilter, OrderSort}`, which
//! `nimbo_app::orders::list` takes), clap, tokio, serde and serde_json (`--json`), chrono
//! and chrono-tz (dates as read in Asunción). Must not: open SQL itself, touch the store
//! in any other way, or decide what is allowed.

#![warn(missing_docs)]

#[macro_use]
mod output;
mod args;
mod billing_args;
mod commands;
mod lifecycle_args;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use nimbo_app::{AppError, Nimbo};
use nimbo_domain::{ErrorCode, Lang};

use crate::args::Cli;

/// What every command needs: the database, who acts, how to print.
pub struct Ctx {
    /// The database file.
    pub db: PathBuf,
    /// Who acts, if said.
    pub actor: Option<String>,
    /// JSON output.
    pub json: bool,
    /// The user's language.
    pub lang: Lang,
}

impl Ctx {
    /// Opens the database.
    pub async fn open(&self) -> Result<Nimbo, CliError> {
        Nimbo::open(&self.db).await.map_err(|e| self.fail(e))
    }

    /// The acting user, required for changes.
    pub fn actor(&self) -> Result<&str, CliError> {
        self.actor
            .as_deref()
            .filter(|a| !a.trim().is_empty())
            .ok_or_else(|| self.fail(AppError::NoActor))
    }

    /// Turns a use case's error into the command line's.
    pub fn fail(&self, e: AppError) -> CliError {
        let exit = match &e {
            AppError::Busy | AppError::Store(_) => 3,
            _ => 1,
        };
        CliError {
            exit,
            payload: e.payload(self.lang),
        }
    }

    /// Picks the text of the user's language.
    pub fn t<'a>(&self, es: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(es, en)
    }
}

/// A failure as the command line reports it.
pub struct CliError {
    /// The exit code.
    pub exit: u8,
    /// What the user reads.
    pub payload: nimbo_app::ErrorPayload,
}

/// The command that mends a refusal, for the refusals a command mends.
fn hint(ctx: &Ctx, code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::MasterContractMissing => ctx.t(
            "nimbo customer contract RUC --signed-on AAAA-MM-DD --reference REFERENCIA",
            "nimbo customer contract RUC --signed-on YYYY-MM-DD --reference REFERENCE",
        ),
        ErrorCode::BillingCycleNot15 => ctx.t(
            "nimbo customer edit RUC --billing-account CUENTA --cycle 15",
            "nimbo customer edit RUC --billing-account ACCOUNT --cycle 15",
        ),
        ErrorCode::NotInitialised => ctx.t(
            "nimbo init --org-name NOMBRE --org-ruc RUC --admin USUARIO --admin-name NOMBRE, o nimbo demo",
            "nimbo init --org-name NAME --org-ruc RUC --admin USERNAME --admin-name NAME, or nimbo demo",
        ),
        ErrorCode::AlreadyInitialised => ctx.t(
            "otra organización va en otro archivo: --db RUTA",
            "another organisation goes in another file: --db PATH",
        ),
        ErrorCode::NoActor => ctx.t(
            "diga quién actúa con --as USUARIO (o la variable NIMBO_USER); nimbo user list muestra los usuarios",
            "say who is acting with --as USERNAME (or the NIMBO_USER variable); nimbo user list shows the users",
        ),
        ErrorCode::SyncNotConnected => ctx.t(
            "nimbo sync login --server URL --user USUARIO",
            "nimbo sync login --server URL --user USERNAME",
        ),
        ErrorCode::UnknownUser => ctx.t(
            "nimbo user list muestra los usuarios",
            "nimbo user list shows the users",
        ),
        ErrorCode::CustomerNotFound => ctx.t(
            "nimbo customer list --search TEXTO lo busca por nombre",
            "nimbo customer list --search TEXT searches by name",
        ),
        ErrorCode::OrderNotFound => ctx.t(
            "nimbo order list muestra los pedidos",
            "nimbo order list shows the orders",
        ),
        ErrorCode::NotCurrentStep => ctx.t(
            "nimbo order show NÚMERO muestra el paso actual; nimbo steps N, sus campos",
            "nimbo order show NUMBER shows the current step; nimbo steps N, its fields",
        ),
        ErrorCode::DocumentNotFound => ctx.t(
            "nimbo doc generate TIPO --order NÚMERO -o ARCHIVO.pdf",
            "nimbo doc generate KIND --order NUMBER -o FILE.pdf",
        ),
        ErrorCode::DocumentNotInState | ErrorCode::AlreadySigned => ctx.t(
            "nimbo doc list --order NÚMERO muestra el estado de cada versión",
            "nimbo doc list --order NUMBER shows how each version stands",
        ),
        _ => return None,
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Ctx {
        db: cli.db.clone().unwrap_or_else(nimbo_app::default_database),
        actor: cli.actor.clone(),
        json: cli.json,
        lang: Lang::from_code(&cli.lang),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nimbo: {e}");
            return ExitCode::from(3);
        }
    };
    match runtime.block_on(commands::run(&ctx, cli.command)) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if ctx.json {
                let body = serde_json::json!({ "error": err.payload });
                say!("{body}");
            } else if err.payload.fields.len() > 1 {
                eprintln!(
                    "{}",
                    ctx.t("error: hay que corregir:", "error: please correct:")
                );
                for f in &err.payload.fields {
                    eprintln!("  - {}", f.message);
                }
            } else {
                eprintln!("{}: {}", ctx.t("error", "error"), err.payload.message);
            }
            if let Some(hint) = hint(&ctx, err.payload.code).filter(|_| !ctx.json) {
                eprintln!("  → {hint}");
            }
            ExitCode::from(err.exit)
        }
    }
}
