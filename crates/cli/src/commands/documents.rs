//! `nimbo doc …`: generate, verify, list and follow the signatures of documents.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nimbo_app::Nimbo;
use nimbo_app::actions::billing::statement::StatementVersionView;
use nimbo_app::attachments::FileUpload;
use nimbo_app::documents::{self, SignatureDone, Verdict, VersionInfo};
use nimbo_domain::document::{Channel, DocumentKind, Party, SignerState};
use nimbo_domain::problem::Problem;
use nimbo_domain::time::local_display;

use crate::args::{DocCommand, DocTarget};
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

use super::bad_value;

fn parse_kind(ctx: &Ctx, text: &str) -> Result<DocumentKind, CliError> {
    text.parse().map_err(|_| {
        bad_value(
            ctx,
            "kind",
            Problem::NotInCatalogue {
                given: text.to_string(),
                known: DocumentKind::ALL
                    .iter()
                    .map(|k| k.id().to_string())
                    .collect(),
            },
        )
    })
}

fn parse_party(ctx: &Ctx, text: &str) -> Result<Party, CliError> {
    text.parse().map_err(|_| {
        bad_value(
            ctx,
            "signer",
            Problem::NotInCatalogue {
                given: text.to_string(),
                known: vec!["customer".into(), "organisation".into()],
            },
        )
    })
}

fn parse_channel(ctx: &Ctx, text: &str) -> Result<Channel, CliError> {
    text.parse().map_err(|_| {
        bad_value(
            ctx,
            "channel",
            Problem::NotInCatalogue {
                given: text.to_string(),
                known: Channel::ALL.iter().map(|c| c.id().to_string()).collect(),
            },
        )
    })
}

fn parse_date(ctx: &Ctx, field: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        bad_value(
            ctx,
            field,
            Problem::BadShape {
                given: text.to_string(),
                expected_es: "una fecha AAAA-MM-DD",
                expected_en: "a date YYYY-MM-DD",
                example: "2026-12-31",
            },
        )
    })
}

fn parse_month(ctx: &Ctx, text: &str) -> Result<(i32, u32), CliError> {
    let bad = || {
        bad_value(
            ctx,
            "completed-in",
            Problem::BadShape {
                given: text.to_string(),
                expected_es: "un mes AAAA-MM",
                expected_en: "a month YYYY-MM",
                example: "2026-11",
            },
        )
    };
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
    Ok((y, m))
}

fn write_file(ctx: &Ctx, path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|e| {
        ctx.fail(nimbo_app::AppError::FileUnreadable {
            path: path.to_path_buf(),
            reason: nimbo_app::FileProblem::from_io(&e),
        })
    })
}

/// Runs a `doc` command.
pub async fn run(ctx: &Ctx, command: DocCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let result = match command {
        DocCommand::Generate {
            kind,
            order,
            process,
            out,
            completed_in,
            out_dir,
        } => {
            let kind = parse_kind(ctx, &kind)?;
            match (order.or(process), completed_in, out_dir) {
                (Some(number), _, _) => generate(ctx, &nimbo, kind, &number, out).await,
                (None, Some(month), Some(dir)) => batch(ctx, &nimbo, kind, &month, &dir).await,
                _ => Err(bad_value(ctx, "order", Problem::Required)),
            }
        }
        DocCommand::Verify { file } => verify(ctx, &nimbo, &file).await,
        DocCommand::List { order, process } => {
            let number = order.or(process).unwrap_or_default();
            list(ctx, &nimbo, &number).await
        }
        DocCommand::Pending => pending(ctx, &nimbo).await,
        DocCommand::Certificate { target, out } => {
            let kind = parse_kind(ctx, &target.kind)?;
            let pdf = documents::certificate(&nimbo, target.number(), kind)
                .await
                .map_err(|e| ctx.fail(e))?;
            write_file(ctx, &out, &pdf)?;
            if ctx.json {
                json(&serde_json::json!({ "file": out, "size": pdf.len() }));
            } else {
                say!(
                    "{}: {}",
                    ctx.t("Certificado de finalización", "Certificate of completion"),
                    out.display()
                );
            }
            Ok(0)
        }
        DocCommand::Send {
            target,
            channel,
            expires,
        } => {
            let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
            let channel = parse_channel(ctx, &channel)?;
            let expires = expires
                .map(|d| parse_date(ctx, "expires", &d))
                .transpose()?;
            let done = documents::send(&nimbo, by, target.number(), kind, channel, expires)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_done(ctx, &done, None)
        }
        DocCommand::Sign {
            target,
            signer,
            signature,
            out,
        } => sign(ctx, &nimbo, &target, &signer, &signature, out).await,
        DocCommand::AttachSigned {
            target,
            file,
            signers,
        } => {
            let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
            let parties = signers
                .iter()
                .map(|s| parse_party(ctx, s))
                .collect::<Result<Vec<_>, _>>()?;
            let copy = FileUpload::from_path(&file).map_err(|e| ctx.fail(e))?;
            let done = documents::attach_signed(&nimbo, by, target.number(), kind, &parties, copy)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_done(ctx, &done, None)
        }
        DocCommand::Decline {
            target,
            signer,
            reason,
        } => {
            let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
            let party = parse_party(ctx, &signer)?;
            let done = documents::decline(&nimbo, by, target.number(), kind, party, &reason)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_done(ctx, &done, None)
        }
        DocCommand::Void { target, reason } => {
            let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
            let done = documents::void(&nimbo, by, target.number(), kind, &reason)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_done(ctx, &done, None)
        }
        DocCommand::Expire { target } => {
            let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
            let done = documents::expire(&nimbo, by, target.number(), kind)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_done(ctx, &done, None)
        }
    };
    nimbo.close().await;
    result
}

async fn generate(
    ctx: &Ctx,
    nimbo: &Nimbo,
    kind: DocumentKind,
    order: &str,
    out: Option<PathBuf>,
) -> Result<u8, CliError> {
    let by = ctx.actor()?;
    let g = documents::generate(nimbo, by, order, kind)
        .await
        .map_err(|e| ctx.fail(e))?;
    let path = out.unwrap_or_else(|| {
        PathBuf::from(format!("{}-v{}.pdf", g.version.number, g.version.version))
    });
    write_file(ctx, &path, &g.pdf)?;
    if ctx.json {
        json(&serde_json::json!({ "generated": g, "file": path }));
    } else {
        say!(
            "{} {} {} {} — {}",
            g.version.kind.name(ctx.lang),
            g.version.number,
            ctx.t("versión", "version"),
            g.version.version,
            if g.created {
                ctx.t("nueva versión", "new version")
            } else {
                ctx.t(
                    "sin cambios, la misma versión",
                    "unchanged, the same version",
                )
            }
        );
        let mut rows = vec![
            (ctx.t("Archivo", "File"), path.display().to_string()),
            ("SHA-256 PDF", g.version.pdf_sha256.clone()),
            (
                ctx.t("SHA-256 datos", "SHA-256 data"),
                g.version.snapshot_sha256.clone(),
            ),
            (
                ctx.t("Tamaño", "Size"),
                nimbo_domain::workflow::size_label(g.version.size, ctx.lang),
            ),
        ];
        if let Some(v) = g.voided {
            rows.push((
                ctx.t("Anula", "Voids"),
                format!("{} {v}", ctx.t("versión", "version")),
            ));
        }
        fields(&rows);
    }
    Ok(0)
}

/// A progress bar on standard error, drawn only for a person at a terminal.
struct Progress {
    total: usize,
    done: usize,
    visible: bool,
}

impl Progress {
    fn new(ctx: &Ctx, total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            visible: !ctx.json && total > 0 && std::io::stderr().is_terminal(),
        }
    }

    fn tick(&mut self, label: &str) {
        self.done += 1;
        if !self.visible {
            return;
        }
        let width = 30;
        let filled = (self.done * width) / self.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {}/{} {label:<24}",
            "█".repeat(filled),
            "░".repeat(width - filled),
            self.done,
            self.total
        );
        if self.done == self.total {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

async fn batch(
    ctx: &Ctx,
    nimbo: &Nimbo,
    kind: DocumentKind,
    month: &str,
    dir: &Path,
) -> Result<u8, CliError> {
    let by = ctx.actor()?;
    let (year, m) = parse_month(ctx, month)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        ctx.fail(nimbo_app::AppError::FileUnreadable {
            path: dir.to_path_buf(),
            reason: nimbo_app::FileProblem::from_io(&e),
        })
    })?;
    let numbers = documents::completed_in(nimbo, year, m)
        .await
        .map_err(|e| ctx.fail(e))?;
    let mut progress = Progress::new(ctx, numbers.len());
    let mut made = Vec::new();
    let mut refused = Vec::new();
    for number in &numbers {
        match documents::generate(nimbo, by, number, kind).await {
            Ok(g) => {
                let path = dir.join(format!("{}-v{}.pdf", g.version.number, g.version.version));
                write_file(ctx, &path, &g.pdf)?;
                made.push(serde_json::json!({
                    "order": number, "file": path, "version": g.version.version,
                    "created": g.created, "pdf_sha256": g.version.pdf_sha256,
                }));
            }
            Err(e) => {
                let failure = ctx.fail(e);
                if failure.exit == 3 {
                    return Err(failure);
                }
                refused.push(serde_json::json!({ "order": number, "error": failure.payload }));
            }
        }
        progress.tick(number);
    }
    if ctx.json {
        json(&serde_json::json!({ "generated": made, "refused": refused }));
    } else {
        say!(
            "{} {} {month}: {} {}, {} {}",
            kind.name(ctx.lang),
            ctx.t(
                "de los pedidos completados en",
                "of the orders completed in"
            ),
            made.len(),
            ctx.t("generados", "generated"),
            refused.len(),
            ctx.t("rechazados", "refused")
        );
        for r in &refused {
            say!(
                "  {} {}: {}",
                ctx.t("pedido", "order"),
                r["order"].as_str().unwrap_or_default(),
                r["error"]["message"].as_str().unwrap_or_default()
            );
        }
        say!("{}: {}", ctx.t("Carpeta", "Folder"), dir.display());
    }
    Ok(if refused.is_empty() { 0 } else { 1 })
}

fn describe(ctx: &Ctx, v: &VersionInfo) -> String {
    format!(
        "{} {} {} {} ({} {}), {}",
        v.kind.name(ctx.lang),
        v.number,
        ctx.t("versión", "version"),
        v.version,
        ctx.t("pedido", "order"),
        v.order,
        match (&v.void_reason, v.current) {
            (Some(r), _) => format!("{}: {r}", ctx.t("ANULADA", "VOIDED")),
            (None, true) => format!(
                "{} — {}",
                ctx.t("vigente", "current"),
                v.state.name(ctx.lang)
            ),
            (None, false) => ctx.t("reemplazada", "superseded").into(),
        }
    )
}

/// `Estado de cuenta EC-80028061-0-2026-11 versión 2 de Cooperativa … — vigente`.
fn describe_statement(ctx: &Ctx, v: &StatementVersionView) -> String {
    format!(
        "{} {} {} {} {} {} — {}",
        ctx.t("Estado de cuenta", "Statement"),
        v.number,
        ctx.t("versión", "version"),
        v.version,
        ctx.t("de", "of"),
        v.customer,
        if v.current {
            ctx.t("vigente", "current")
        } else {
            ctx.t("reemplazada", "superseded")
        }
    )
}

async fn verify(ctx: &Ctx, nimbo: &Nimbo, file: &Path) -> Result<u8, CliError> {
    let upload = FileUpload::from_path(file).map_err(|e| ctx.fail(e))?;
    let verdict = documents::verify(nimbo, &upload.bytes)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&verdict);
    } else {
        match &verdict {
            Verdict::Issued { version } => say!(
                "{}: {}",
                ctx.t("EMITIDO POR NIMBO", "ISSUED BY NIMBO"),
                describe(ctx, version)
            ),
            Verdict::Signed { version } => say!(
                "{}: {}",
                ctx.t("COPIA FIRMADA REGISTRADA", "RECORDED SIGNED COPY"),
                describe(ctx, version)
            ),
            Verdict::Altered {
                version: Some(version),
                sha256,
            } => say!(
                "{}: {} — {} {sha256}",
                ctx.t("ALTERADO", "ALTERED"),
                ctx.t(
                    "dice ser una versión emitida por Nimbo pero su contenido no coincide",
                    "it claims to be a version Nimbo issued but its content does not match"
                ),
                describe(ctx, version),
            ),
            Verdict::Altered {
                version: None,
                sha256,
            } => say!(
                "{}: {} (SHA-256 {sha256})",
                ctx.t("ALTERADO", "ALTERED"),
                ctx.t(
                    "nombra un documento de Nimbo pero ninguna de sus versiones",
                    "it names a Nimbo document but none of its versions"
                )
            ),
            Verdict::StatementIssued { statement } => say!(
                "{}: {}",
                ctx.t("EMITIDO POR NIMBO", "ISSUED BY NIMBO"),
                describe_statement(ctx, statement)
            ),
            Verdict::StatementAltered { statement, sha256 } => say!(
                "{}: {} — {} {sha256}",
                ctx.t("ALTERADO", "ALTERED"),
                ctx.t(
                    "dice ser una versión emitida por Nimbo pero su contenido no coincide",
                    "it claims to be a version Nimbo issued but its content does not match"
                ),
                describe_statement(ctx, statement),
            ),
            Verdict::Unknown { sha256 } => say!(
                "{}: {} (SHA-256 {sha256})",
                ctx.t("DESCONOCIDO", "UNKNOWN"),
                ctx.t(
                    "Nimbo no emitió este archivo",
                    "Nimbo did not issue this file"
                )
            ),
        }
    }
    Ok(if verdict.is_genuine() { 0 } else { 1 })
}

fn signer_text(ctx: &Ctx, state: &SignerState) -> String {
    match state {
        SignerState::Pending => ctx.t("pendiente", "pending").into(),
        SignerState::Signed { at, .. } => {
            format!("{} {}", ctx.t("firmó", "signed"), local_display(*at))
        }
        SignerState::Declined { reason, .. } => {
            format!("{}: {reason}", ctx.t("rechazó", "declined"))
        }
    }
}

async fn list(ctx: &Ctx, nimbo: &Nimbo, order: &str) -> Result<u8, CliError> {
    let lines = documents::list(nimbo, order)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&lines);
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let v = &l.version;
            vec![
                v.number.clone(),
                v.version.to_string(),
                v.kind.name(ctx.lang).to_string(),
                v.signature.state.id().name(ctx.lang).to_string(),
                local_display(v.issued_at),
                v.signature
                    .signers
                    .iter()
                    .map(|s| format!("{} ({})", s.name, signer_text(ctx, &s.state)))
                    .collect::<Vec<_>>()
                    .join("; "),
                v.pdf_sha256.get(..16).unwrap_or_default().to_string(),
            ]
        })
        .collect();
    table(
        &[
            ctx.t("documento", "document"),
            ctx.t("v.", "v."),
            ctx.t("tipo", "kind"),
            ctx.t("estado", "state"),
            ctx.t("emitido", "issued"),
            ctx.t("firmantes", "signers"),
            "sha256",
        ],
        &rows,
    );
    Ok(0)
}

async fn pending(ctx: &Ctx, nimbo: &Nimbo) -> Result<u8, CliError> {
    let list = documents::pending(nimbo).await.map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&list);
        return Ok(0);
    }
    say!("{}", ctx.t("Firmas pendientes", "Pending signatures"));
    if list.is_empty() {
        say!(
            "{}",
            ctx.t(
                "Nadie tiene firmas pendientes.",
                "No one has signatures pending."
            )
        );
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.order.clone(),
                p.customer.clone(),
                format!("{} v{}", p.version.kind.name(ctx.lang), p.version.version),
                p.version.signature.state.id().name(ctx.lang).to_string(),
                p.waiting_for
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.party.name(ctx.lang)))
                    .collect::<Vec<_>>()
                    .join("; "),
                p.version
                    .signature
                    .expires_on
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    table(
        &[
            ctx.t("pedido", "order"),
            ctx.t("cliente", "customer"),
            ctx.t("documento", "document"),
            ctx.t("estado", "state"),
            ctx.t("falta firmar", "still to sign"),
            ctx.t("vence", "expires"),
        ],
        &rows,
    );
    Ok(0)
}

async fn sign(
    ctx: &Ctx,
    nimbo: &Nimbo,
    target: &DocTarget,
    signer: &str,
    signature: &Path,
    out: Option<PathBuf>,
) -> Result<u8, CliError> {
    let (kind, by) = (parse_kind(ctx, &target.kind)?, ctx.actor()?);
    let party = parse_party(ctx, signer)?;
    let drawing = FileUpload::from_path(signature).map_err(|e| ctx.fail(e))?;
    let done = documents::sign_in_person(nimbo, by, target.number(), kind, party, drawing)
        .await
        .map_err(|e| ctx.fail(e))?;
    let path = out.unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}-v{}-firmado.pdf",
            done.version.number, done.version.version
        ))
    });
    if let Some(pdf) = &done.signed_pdf {
        write_file(ctx, &path, pdf)?;
    }
    print_done(ctx, &done, Some(&path))
}

fn print_done(ctx: &Ctx, done: &SignatureDone, file: Option<&Path>) -> Result<u8, CliError> {
    let v = &done.version;
    if ctx.json {
        json(&serde_json::json!({ "document": done, "file": file }));
        return Ok(0);
    }
    say!(
        "{} {} {} {}: {}",
        v.kind.name(ctx.lang),
        v.number,
        ctx.t("versión", "version"),
        v.version,
        v.signature.state.id().name(ctx.lang)
    );
    for s in &v.signature.signers {
        say!("  {} — {}", s.name, signer_text(ctx, &s.state));
    }
    if let (Some(path), Some(sha)) = (file, &done.signed_pdf_sha256) {
        say!(
            "{}: {} (SHA-256 {sha})",
            ctx.t("PDF firmado", "Signed PDF"),
            path.display()
        );
    }
    Ok(0)
}
