//! `nimbo-server`: serve the sync protocol, or manage the server's users.
//!
//! ```text
//! nimbo-server [--config FILE] serve
//! nimbo-server [--config FILE] user add --username ana --name "Ana Benítez" --role kam
//! nimbo-server [--config FILE] user list | set-password | grant | revoke | activate | deactivate
//! ```
//! Passwords come from `NIMBO_SERVER_PASSWORD` or standard input, never from an argument
//! (arguments show in `ps` and shell history). Adding a user, their roles and whether
//! they are active become operations the laptops pull ([`nimbo_server::admin`]); a
//! password stays on the server.

#![warn(missing_docs)]

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_server::{AppState, Config, ServerError, admin, postgres, users};
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(
    name = "nimbo-server",
    version,
    about = "Servidor de sincronización de Nimbo"
)]
struct Cli {
    /// The TOML settings file (environment variables NIMBO_SERVER_* win over it).
    #[arg(long, global = true, env = "NIMBO_SERVER_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync protocol (migrates the database first).
    Serve,
    /// Manage the users who may sign in.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from NIMBO_SERVER_PASSWORD or standard input.
    Add {
        /// The sign-in name.
        #[arg(long)]
        username: String,
        /// The full name.
        #[arg(long)]
        name: String,
        /// The e-mail address.
        #[arg(long)]
        email: Option<String>,
        /// A role (repeat for several): presales, regional, offers, kam, corporate_support,
        /// order_manager, service_executive, credit_manager, sales_manager,
        /// billing_specialist, admin.
        #[arg(long = "role")]
        roles: Vec<Role>,
    },
    /// List the users with their roles.
    List,
    /// Set a user's password (read like `add`'s) and close their sessions.
    SetPassword {
        /// Whose.
        #[arg(long)]
        username: String,
    },
    /// Grant a role.
    Grant {
        /// To whom.
        #[arg(long)]
        username: String,
        /// Which role.
        #[arg(long)]
        role: Role,
    },
    /// Revoke a role.
    Revoke {
        /// From whom.
        #[arg(long)]
        username: String,
        /// Which role.
        #[arg(long)]
        role: Role,
    },
    /// Deactivate a user: they can no longer sign in or sync, and their sessions close.
    Deactivate {
        /// Whom.
        #[arg(long)]
        username: String,
    },
    /// Activate a user again.
    Activate {
        /// Whom.
        #[arg(long)]
        username: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NIMBO_SERVER_LOG")
                // sqlx reports "relation already exists, skipping" at every start.
                .unwrap_or_else(|_| {
                    tracing_subscriber::EnvFilter::new("info,sqlx::postgres::notice=warn")
                }),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("nimbo-server: no se pudo iniciar: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nimbo-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), ServerError> {
    let config = Config::load(cli.config.as_deref())?;
    let pool = postgres::connect(&config.database_url).await?;
    postgres::migrate(&pool).await?;
    let now = chrono::Utc::now();
    match cli.command {
        Command::Serve => {
            let listen = config.listen;
            let state = AppState::new(pool, config)?;
            let listener = TcpListener::bind(listen).await.map_err(|e| {
                ServerError::Config(format!("no se pudo escuchar en {listen}: {e}"))
            })?;
            tracing::info!(%listen, "serving");
            nimbo_server::serve(listener, state, shutdown_signal()).await
        }
        Command::User(UserCommand::Add {
            username,
            name,
            email,
            roles,
        }) => {
            let password = read_password()?;
            let draft = UserDraft {
                username,
                full_name: name,
                email,
                roles,
            };
            let added = admin::add_user(&pool, &draft, &password, now).await?;
            println!(
                "usuario «{}» creado con roles: {}; las computadoras lo reciben al sincronizar",
                added.user.username,
                roles_text(&added.user.roles)
            );
            Ok(())
        }
        Command::User(UserCommand::List) => {
            for user in postgres::users::list(&pool).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    user.username,
                    user.full_name,
                    if user.active { "activo" } else { "inactivo" },
                    roles_text(&user.roles)
                );
            }
            Ok(())
        }
        Command::User(UserCommand::SetPassword { username }) => {
            let password = read_password()?;
            users::set_password(&pool, &username, &password, now).await?;
            println!("contraseña de «{username}» cambiada; sus sesiones se cerraron");
            Ok(())
        }
        Command::User(UserCommand::Grant { username, role }) => {
            roles_changed(&admin::grant(&pool, &username, role, now).await?);
            Ok(())
        }
        Command::User(UserCommand::Revoke { username, role }) => {
            roles_changed(&admin::revoke(&pool, &username, role, now).await?);
            Ok(())
        }
        Command::User(UserCommand::Deactivate { username }) => {
            let changed = admin::set_active(&pool, &username, false, now).await?;
            if changed.seq.is_some() {
                println!("«{username}» quedó desactivado y sus sesiones se cerraron");
            } else {
                println!("«{username}» ya estaba desactivado; sus sesiones están cerradas");
            }
            Ok(())
        }
        Command::User(UserCommand::Activate { username }) => {
            let changed = admin::set_active(&pool, &username, true, now).await?;
            if changed.seq.is_some() {
                println!("«{username}» quedó activo: puede volver a iniciar sesión");
            } else {
                println!("«{username}» ya estaba activo: nada cambió");
            }
            Ok(())
        }
    }
}

/// What a grant or a revocation left.
fn roles_changed(changed: &admin::Changed) {
    let user = &changed.user;
    let roles = roles_text(&user.roles);
    if changed.seq.is_some() {
        println!(
            "«{}» tiene ahora: {roles}; las computadoras lo reciben al sincronizar",
            user.username
        );
    } else {
        println!(
            "«{}» ya tenía esos roles: {roles}; nada cambió",
            user.username
        );
    }
}

fn roles_text(roles: &std::collections::BTreeSet<Role>) -> String {
    if roles.is_empty() {
        return "(ninguno)".into();
    }
    roles.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ")
}

/// The password from NIMBO_SERVER_PASSWORD, else asked twice without echo at a terminal,
/// else the first line of standard input.
fn read_password() -> Result<String, ServerError> {
    if let Ok(password) = std::env::var("NIMBO_SERVER_PASSWORD")
        && !password.is_empty()
    {
        return Ok(password);
    }
    let unreadable =
        |e: std::io::Error| ServerError::Config(format!("no se pudo leer la contraseña: {e}"));
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Contraseña: ").map_err(unreadable)?;
        let again = rpassword::prompt_password("Repítala: ").map_err(unreadable)?;
        if first != again {
            return Err(ServerError::Config(
                "las dos contraseñas no coinciden: escríbala de nuevo".into(),
            ));
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(unreadable)?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    std::io::stderr().flush().ok();
    Ok(password)
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    interrupt.await.ok();
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.ok();
    tracing::info!("stopping");
}
