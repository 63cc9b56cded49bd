//! `nimbo billing import FILE`: a month's AWS export into billing's sums.

use std::path::Path;

use nimbo_app::Nimbo;
use nimbo_app::actions::billing::consumption;

use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

/// Imports the export; exit code 0 when it was recorded or was already, 1 when it had
/// problems (the sums without problems are recorded all the same: see the report).
pub async fn import(
    ctx: &Ctx,
    nimbo: &Nimbo,
    file: &Path,
    problems: Option<&Path>,
) -> Result<u8, CliError> {
    let by = ctx.actor()?;
    let report = consumption::import(nimbo, by, file, problems, ctx.lang, Box::new(|_| {}))
        .await
        .map_err(|e| ctx.fail(e))?;
    let code = u8::from(report.rows_with_problems > 0);
    if ctx.json {
        json(&report);
        return Ok(code);
    }
    if let Some(before) = &report.already_imported {
        say!(
            "{} ({before}): {}",
            ctx.t(
                "Este archivo ya se había importado",
                "This file was imported before"
            ),
            ctx.t("no cambió nada.", "nothing changed.")
        );
    }
    fields(&[
        (ctx.t("Archivo", "File"), report.file_name.clone()),
        (ctx.t("Formato", "Format"), report.format.to_uppercase()),
        ("SHA-256", report.sha256.clone()),
        (ctx.t("Meses", "Months"), report.months.join(", ")),
        (ctx.t("Filas", "Rows"), report.rows.to_string()),
        (ctx.t("Sumadas", "Summed"), report.rows_billed.to_string()),
        (
            ctx.t("Con problemas", "With problems"),
            report.rows_with_problems.to_string(),
        ),
        (
            ctx.t("Registrada", "Recorded"),
            ctx.t(
                if report.recorded { "sí" } else { "no" },
                if report.recorded { "yes" } else { "no" },
            )
            .into(),
        ),
    ]);
    if !report.periods.is_empty() {
        let rows: Vec<Vec<String>> = report
            .periods
            .iter()
            .map(|(p, a)| vec![p.clone(), a.clone()])
            .collect();
        table(
            &[ctx.t("Período", "Period"), ctx.t("Consumo", "Consumption")],
            &rows,
        );
    }
    for l in &report.locked {
        if l.same {
            say!(
                "{} {}: {}",
                ctx.t("Período cerrado", "Locked period"),
                l.period,
                ctx.t(
                    "ya facturado, sin diferencias.",
                    "already billed, no difference."
                )
            );
        } else {
            say!(
                "{} {}: {} {} / {} {} — {}",
                ctx.t("Período cerrado", "Locked period"),
                l.period,
                ctx.t("en el archivo", "in the file"),
                l.in_file,
                ctx.t("facturado", "billed"),
                l.billed,
                ctx.t(
                    "registre la diferencia como ajuste.",
                    "record the difference as an adjustment."
                )
            );
        }
    }
    if !report.problems.is_empty() {
        let rows: Vec<Vec<String>> = report
            .problems
            .iter()
            .take(50)
            .map(|p| {
                vec![
                    p.line.to_string(),
                    p.column.clone(),
                    p.kind_label.clone(),
                    p.message.clone(),
                ]
            })
            .collect();
        table(
            &[
                ctx.t("Línea", "Line"),
                ctx.t("Columna", "Column"),
                ctx.t("Problema", "Problem"),
                ctx.t("Detalle", "Detail"),
            ],
            &rows,
        );
        if let Some(path) = &report.report {
            say!(
                "{} {path}",
                ctx.t("Todos los problemas en", "Every problem in")
            );
        }
    }
    Ok(code)
}
