//! `nimbo statement …`: issue a customer's statement of a locked period, and list a
//! customer's statements with their versions.

use nimbo_app::actions::billing::{period, statement};
use nimbo_domain::problem::Problem;
use nimbo_domain::time::local_display;

use crate::billing_args::{StatementArgs, StatementCommand};
use crate::output::{json, table};
use crate::{CliError, Ctx};

/// Runs a statement command.
pub async fn run(ctx: &Ctx, a: StatementArgs) -> Result<u8, CliError> {
    match a.command {
        Some(StatementCommand::List { customer }) => list(ctx, &customer).await,
        None => {
            // clap requires the three when no subcommand is given.
            let missing = |field| super::bad_value(ctx, field, Problem::Required);
            let customer = a.customer.ok_or_else(|| missing("--customer"))?;
            let p = a.period.ok_or_else(|| missing("--period"))?;
            let output = a.output.ok_or_else(|| missing("--output"))?;
            issue(ctx, &customer, &p, &output).await
        }
    }
}

/// Issues a customer's statement of a locked period and writes it.
async fn issue(
    ctx: &Ctx,
    customer: &str,
    p: &str,
    output: &std::path::Path,
) -> Result<u8, CliError> {
    let by = ctx.actor()?;
    let nimbo = ctx.open().await?;
    let p = period(p).map_err(|e| ctx.fail(e))?;
    let file = statement::statement(&nimbo, by, customer, p, output)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&file);
    } else {
        let state = if file.created {
            ctx.t("emitida ahora", "issued now")
        } else {
            ctx.t("sin cambios, la misma", "unchanged, the same")
        };
        say!(
            "{} {} {} {} ({state}) → {} ({} {}, total USD {}; SHA-256 {})",
            ctx.t("Estado de cuenta", "Statement"),
            file.number,
            ctx.t("versión", "version"),
            file.version,
            file.path,
            file.lines,
            ctx.t("líneas", "lines"),
            file.total,
            file.pdf_sha256
        );
    }
    Ok(0)
}

/// Lists a customer's statements with their versions.
async fn list(ctx: &Ctx, customer: &str) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let versions = statement::list(&nimbo, customer)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&versions);
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = versions
        .iter()
        .map(|v| {
            vec![
                v.number.clone(),
                v.version.to_string(),
                if v.current {
                    ctx.t("vigente", "current").into()
                } else {
                    ctx.t("reemplazada", "superseded").into()
                },
                local_display(v.issued_at),
                v.issued_by_name.clone(),
            ]
        })
        .collect();
    table(
        &[
            ctx.t("Número", "Number"),
            ctx.t("Versión", "Version"),
            ctx.t("Estado", "State"),
            ctx.t("Emitida", "Issued"),
            ctx.t("Por", "By"),
        ],
        &rows,
    );
    Ok(0)
}
