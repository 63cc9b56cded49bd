//! `nimbo audit verify`: exit 0 when every chain is sound, 1 naming the first broken link.

use nimbo_app::audit;
use nimbo_domain::audit::BreakReason;

use crate::args::AuditCommand;
use crate::output::json;
use crate::{CliError, Ctx};

/// Runs an audit command.
pub async fn run(ctx: &Ctx, command: AuditCommand) -> Result<u8, CliError> {
    let AuditCommand::Verify = command;
    let nimbo = ctx.open().await?;
    let report = audit::verify(&nimbo).await.map_err(|e| ctx.fail(e))?;
    nimbo.close().await;
    if ctx.json {
        json(&report);
        return Ok(if report.broken.is_some() { 1 } else { 0 });
    }
    match report.broken {
        None => {
            say!(
                "{}",
                ctx.t(
                    &format!(
                        "Registro de auditoría íntegro: {} eventos verificados.",
                        report.checked
                    ),
                    &format!("Audit trail intact: {} events verified.", report.checked),
                )
            );
            Ok(0)
        }
        Some(b) => {
            let why = match b.reason {
                BreakReason::ContentAltered => ctx.t("su contenido fue alterado", "its content was altered").to_string(),
                BreakReason::PreviousHashMismatch => ctx
                    .t("no enlaza con el evento anterior (otro evento fue alterado o insertado)", "it does not link to the event before (another event was altered or inserted)")
                    .to_string(),
                BreakReason::Truncated { expected_last } => {
                    if ctx.lang == nimbo_domain::Lang::Es {
                        format!("faltan los eventos {} a {expected_last}: los más recientes fueron borrados", b.seq)
                    } else {
                        format!("events {} to {expected_last} are missing: the newest were deleted", b.seq)
                    }
                }
                BreakReason::HeadMismatch => ctx
                    .t("el último evento fue reemplazado", "the newest event was replaced")
                    .to_string(),
                BreakReason::Gap { expected } => {
                    if ctx.lang == nimbo_domain::Lang::Es {
                        format!("falta el evento {expected} (fue borrado)")
                    } else {
                        format!("event {expected} is missing (it was deleted)")
                    }
                }
            };
            eprintln!(
                "{}",
                ctx.t(
                    &format!(
                        "Registro de auditoría ALTERADO: primer eslabón roto en el evento {} (id {}, dispositivo {}): {why}. {} eventos anteriores están íntegros.",
                        b.seq, b.id, b.device, report.checked
                    ),
                    &format!(
                        "Audit trail ALTERED: first broken link at event {} (id {}, device {}): {why}. {} earlier events are intact.",
                        b.seq, b.id, b.device, report.checked
                    ),
                )
            );
            Ok(1)
        }
    }
}
