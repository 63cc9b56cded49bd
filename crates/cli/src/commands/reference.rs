//! Reference commands that need no database: the RUC check, the steps, the roles.

use nimbo_domain::order::{Branch, FieldKind, Need, Step};
use nimbo_domain::role::Role;
use nimbo_domain::ruc::{Ruc, RucError};
use serde_json::json;

use crate::args::RucCommand;
use crate::output::{json, table};
use crate::{CliError, Ctx};

use super::parse_step;

/// `nimbo ruc check`: exit 0 when valid; 1 with the expected digit when not.
pub fn ruc(ctx: &Ctx, command: RucCommand) -> Result<u8, CliError> {
    let RucCommand::Check { ruc } = command;
    match ruc.parse::<Ruc>() {
        Ok(valid) => {
            if ctx.json {
                json(&json!({ "ruc": valid, "valid": true }));
            } else {
                say!(
                    "{}",
                    ctx.t(
                        &format!("RUC {valid} válido"),
                        &format!("RUC {valid} is valid")
                    )
                );
            }
            Ok(0)
        }
        Err(e) => {
            if ctx.json {
                let expected = match &e {
                    RucError::WrongCheckDigit { expected, .. } => Some(*expected),
                    RucError::Malformed(_) => None,
                };
                json(
                    &json!({ "ruc": ruc, "valid": false, "code": e.code(), "expected_digit": expected, "message": e.message(ctx.lang) }),
                );
            } else {
                eprintln!("{}", e.message(ctx.lang));
            }
            Ok(1)
        }
    }
}

/// `nimbo steps`: the 22 steps, their role and fields.
pub fn steps(ctx: &Ctx, which: Option<&str>) -> Result<u8, CliError> {
    let chosen: Vec<Step> = match which {
        Some(s) => vec![parse_step(ctx, s)?],
        None => Step::ALL.to_vec(),
    };
    if ctx.json {
        let list: Vec<_> = chosen
            .iter()
            .map(|s| {
                json!({
                    "number": s.number(), "id": s, "name": s.name(ctx.lang), "role": s.role(),
                    "branch": s.branch(), "optional": s.is_optional(),
                    "rejects_to": s.rejects_to().map(|r| r.number()), "fields": s.fields(),
                })
            })
            .collect();
        json(&list);
        return Ok(0);
    }
    for s in chosen {
        let branch = match s.branch() {
            Branch::Always => "",
            Branch::Complex => ctx.t(" [solo compleja]", " [complex only]"),
            Branch::PriceException => {
                ctx.t(" [solo con excepción de precio]", " [price exception only]")
            }
        };
        say!(
            "{:>2}. {} — {}{branch}",
            s.number(),
            s.name(ctx.lang),
            s.role().name(ctx.lang)
        );
        let rows: Vec<(String, String)> = s
            .fields()
            .iter()
            .map(|f| {
                let need = match f.need {
                    Need::Required => ctx.t("obligatorio", "required"),
                    Need::Optional => ctx.t("opcional", "optional"),
                    Need::WhenOrderHasRisks => ctx.t(
                        "si la oferta registra riesgos",
                        "when the offer records risks",
                    ),
                    Need::WhenYes(_) => ctx.t(
                        "si hay excepción de precio",
                        "when there is a price exception",
                    ),
                };
                let how = if f.kind.is_file() { "--file" } else { "--set" };
                (
                    format!("{how} {}={}", f.key, format_of(ctx, f.kind)),
                    format!("{} ({need})", f.label(ctx.lang)),
                )
            })
            .collect();
        let width = rows
            .iter()
            .map(|(a, _)| a.chars().count())
            .max()
            .unwrap_or(0);
        for (a, b) in rows {
            say!("      {a}{}  {b}", " ".repeat(width - a.chars().count()));
        }
        if s.is_optional() {
            say!(
                "      {}",
                ctx.t(
                    "se puede omitir: nimbo order skip NÚMERO --reason …",
                    "may be skipped: nimbo order skip NUMBER --reason …"
                )
            );
        }
        if let Some(back) = s.rejects_to() {
            say!(
                "      {} {}: nimbo order reject NÚMERO --reason …",
                ctx.t(
                    "se puede rechazar, vuelve al paso",
                    "may be rejected, back to step"
                ),
                back.number()
            );
        }
    }
    Ok(0)
}

/// How a value of a kind is typed on the command line.
fn format_of(ctx: &Ctx, kind: FieldKind) -> String {
    match kind {
        FieldKind::Text | FieldKind::LongText => ctx.t("texto", "text").into(),
        FieldKind::YesNo => ctx.t("si|no", "yes|no").into(),
        FieldKind::PastDate | FieldKind::Date => ctx.t("AAAA-MM-DD", "YYYY-MM-DD").into(),
        FieldKind::Email => ctx.t("correo", "e-mail").into(),
        FieldKind::HttpsUrl => "https://…".into(),
        FieldKind::ExternalId(shape) => shape.describe().2.into(),
        FieldKind::AwsAccounts => "123456789012,210987654321".into(),
        FieldKind::Plans => ctx.t("códigos,de,planes", "plan,codes").into(),
        FieldKind::Risks => ctx.t("códigos,de,riesgos", "risk,codes").into(),
        FieldKind::File => ctx.t("ARCHIVO", "FILE").into(),
        FieldKind::SignedPdf => ctx.t("ARCHIVO.pdf", "FILE.pdf").into(),
    }
}

/// `nimbo roles`: every role and the steps it performs.
pub fn roles(ctx: &Ctx) -> Result<u8, CliError> {
    let rows: Vec<Vec<String>> = Role::ALL
        .iter()
        .map(|r| {
            let steps: Vec<String> = Step::ALL
                .iter()
                .filter(|s| s.role() == *r)
                .map(|s| s.number().to_string())
                .collect();
            vec![
                r.id().to_string(),
                r.name(ctx.lang).to_string(),
                steps.join(", "),
            ]
        })
        .collect();
    if ctx.json {
        json(&rows);
    } else {
        table(
            &[
                ctx.t("rol", "role"),
                ctx.t("nombre", "name"),
                ctx.t("pasos", "steps"),
            ],
            &rows,
        );
    }
    Ok(0)
}
