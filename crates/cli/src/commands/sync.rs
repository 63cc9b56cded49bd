//! `nimbo sync login|now|status|refused|conflicts|logout`: this computer's side of sync, for
//! scripts and tests as much as for people.

use std::io::{BufRead, IsTerminal};

use nimbo_app::{Nimbo, sync};

use crate::args::SyncCommand;
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

/// Reads the password: `NIMBO_PASSWORD`, else one line of standard input (typed hidden
/// at a terminal would need a prompt library; a pipe or the variable serve scripts).
fn password(ctx: &Ctx) -> Result<String, CliError> {
    if let Ok(p) = std::env::var("NIMBO_PASSWORD")
        && !p.is_empty()
    {
        return Ok(p);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!(
            "{}",
            ctx.t(
                "Contraseña (termine con Enter):",
                "Password (end with Enter):"
            )
        );
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| {
        ctx.fail(nimbo_app::AppError::SyncRefused {
            code: nimbo_domain::ErrorCode::NoPassword,
            message: format!("no se pudo leer la contraseña: {e}"),
        })
    })?;
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        return Err(ctx.fail(nimbo_app::AppError::SyncRefused {
            code: nimbo_domain::ErrorCode::NoPassword,
            message: "falta la contraseña: escríbala en la entrada estándar o en NIMBO_PASSWORD"
                .into(),
        }));
    }
    Ok(p)
}

fn when(ctx: &Ctx, t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&chrono_tz::America::Asuncion)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    })
    .unwrap_or_else(|| ctx.t("nunca", "never").into())
}

fn print_status(ctx: &Ctx, s: &sync::SyncStatus) {
    fields(&[
        (
            ctx.t("Servidor", "Server"),
            s.server_url
                .clone()
                .unwrap_or_else(|| ctx.t("sin conectar", "not connected").into()),
        ),
        (
            ctx.t("Usuario", "User"),
            s.username.clone().unwrap_or_default(),
        ),
        (ctx.t("Pendientes", "Pending"), s.pending.to_string()),
        (
            ctx.t("Rechazadas o en conflicto", "Refused or in conflict"),
            s.unaccepted.to_string(),
        ),
        (
            ctx.t("Traído hasta el n.º", "Pulled through no."),
            s.pulled_through.to_string(),
        ),
        (
            ctx.t("Última sincronización", "Last sync"),
            when(ctx, s.last_sync_at),
        ),
        (
            ctx.t("Último error", "Last error"),
            s.last_error.clone().unwrap_or_else(|| "—".into()),
        ),
    ]);
}

/// Runs a sync command.
pub async fn run(ctx: &Ctx, command: SyncCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let code = match command {
        SyncCommand::Login { server, user } => {
            let password = password(ctx)?;
            let status = sync::login(&nimbo, &server, &user, &password)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&status);
            } else {
                say!(
                    "{}",
                    ctx.t(
                        "Equipo conectado al servidor de sincronización.",
                        "Computer connected to the sync server."
                    )
                );
                print_status(ctx, &status);
            }
            0
        }
        SyncCommand::Now => sync_now(ctx, &nimbo).await?,
        SyncCommand::Status => {
            let status = sync::status(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&status);
            } else {
                print_status(ctx, &status);
            }
            0
        }
        SyncCommand::Refused => refused(ctx, &nimbo).await?,
        SyncCommand::Conflicts => conflicts(ctx, &nimbo).await?,
        SyncCommand::Logout => {
            sync::logout(&nimbo).await.map_err(|e| ctx.fail(e))?;
            say!(
                "{}",
                ctx.t(
                    "Equipo desconectado; lo pendiente queda en cola.",
                    "Computer disconnected; pending work stays queued."
                )
            );
            0
        }
    };
    nimbo.close().await;
    Ok(code)
}

/// `nimbo sync now`: pushes and pulls, and says what happened; 1 when something was refused.
async fn sync_now(ctx: &Ctx, nimbo: &Nimbo) -> Result<u8, CliError> {
    let report = sync::sync(nimbo).await.map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&report);
    } else {
        fields(&[
            (
                ctx.t("Enviadas y aplicadas", "Sent and applied"),
                report.applied.to_string(),
            ),
            (ctx.t("Rechazadas", "Refused"), report.refused.to_string()),
            (
                ctx.t("En conflicto", "In conflict"),
                report.conflicts.to_string(),
            ),
            (
                ctx.t("En espera", "Kept queued"),
                report.deferred.to_string(),
            ),
            (
                ctx.t("Archivos enviados", "Files sent"),
                report.files_sent.to_string(),
            ),
            (
                ctx.t("Traídas de otros", "Pulled from others"),
                report.pulled.to_string(),
            ),
            (
                ctx.t("Archivos recibidos", "Files received"),
                report.files_received.to_string(),
            ),
        ]);
        if report.refused + report.conflicts > 0 {
            say!(
                "{}",
                ctx.t(
                    "Vea el motivo con: nimbo sync refused",
                    "See why with: nimbo sync refused"
                )
            );
        }
    }
    if report.edit_conflicts > 0 && !ctx.json {
        say!(
            "{} {}",
            report.edit_conflicts,
            ctx.t(
                "conflicto(s) de edición con otras personas: nimbo sync conflicts",
                "edit conflict(s) with other people: nimbo sync conflicts"
            )
        );
    }
    Ok(u8::from(report.refused + report.conflicts > 0))
}

/// `nimbo sync refused`: the operations the server did not accept, and why.
async fn refused(ctx: &Ctx, nimbo: &Nimbo) -> Result<u8, CliError> {
    let list = sync::unaccepted(nimbo).await.map_err(|e| ctx.fail(e))?;
    if ctx.json {
        let rows: Vec<_> = list
            .iter()
            .map(|u| {
                serde_json::json!({
                    "operation": u.op_id, "actor": u.actor, "entity": u.entity,
                    "state": u.state, "answer": u.answer, "answered_at": u.answered_at,
                })
            })
            .collect();
        json(&rows);
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|u| {
                vec![
                    u.answered_at.clone(),
                    u.actor.clone(),
                    u.entity.clone(),
                    u.state.clone(),
                    u.answer["message"].as_str().unwrap_or_default().to_string(),
                ]
            })
            .collect();
        table(
            &[
                ctx.t("respondida", "answered"),
                ctx.t("autor", "author"),
                ctx.t("registro", "record"),
                ctx.t("estado", "state"),
                ctx.t("motivo", "reason"),
            ],
            &rows,
        );
    }
    Ok(0)
}

/// `nimbo sync conflicts`: the edit conflicts of the last sync.
async fn conflicts(ctx: &Ctx, nimbo: &Nimbo) -> Result<u8, CliError> {
    let list = nimbo_app::views::sync::edit_conflicts(nimbo, ctx.lang)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&list);
    } else if list.is_empty() {
        say!(
            "{}",
            ctx.t(
                "Ningún conflicto de edición en la última sincronización.",
                "No edit conflicts at the last sync."
            )
        );
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|c| {
                vec![
                    c.recorded_at.clone(),
                    c.record.clone(),
                    c.field.clone(),
                    c.text.clone(),
                ]
            })
            .collect();
        table(
            &[
                ctx.t("registrado", "recorded"),
                ctx.t("registro", "record"),
                ctx.t("campo", "field"),
                ctx.t("qué pasó", "what happened"),
            ],
            &rows,
        );
    }
    Ok(0)
}
