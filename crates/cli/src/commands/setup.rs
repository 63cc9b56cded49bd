//! Setting up a database: a real organisation, or demonstration data.

use nimbo_app::attachments::FileUpload;
use nimbo_app::demo;
use nimbo_app::organisation::{self, Setup};

use crate::args::InitArgs;
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

/// `nimbo init`.
pub async fn init(ctx: &Ctx, a: InitArgs) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let logo = match &a.logo {
        Some(path) => Some(FileUpload::from_path(path).map_err(|e| ctx.fail(e))?),
        None => None,
    };
    let setup = Setup {
        org_name: a.org_name,
        org_ruc: a.org_ruc,
        admin_username: a.admin,
        admin_full_name: a.admin_name,
        admin_email: a.admin_email,
        logo,
    };
    let org = organisation::init(&nimbo, &setup)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&org);
    } else {
        say!(
            "{}",
            ctx.t(
                &format!(
                    "Organización «{}» creada, con {} como administrador. Base: {}",
                    org.name,
                    setup.admin_username,
                    ctx.db.display()
                ),
                &format!(
                    "Organisation «{}» set up, with {} as administrator. Database: {}",
                    org.name,
                    setup.admin_username,
                    ctx.db.display()
                ),
            )
        );
    }
    nimbo.close().await;
    Ok(0)
}

/// `nimbo demo`.
pub async fn demo(ctx: &Ctx, orders: usize, seed: u64) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let started = std::time::Instant::now();
    let summary = demo::fill(&nimbo, orders, seed)
        .await
        .map_err(|e| ctx.fail(e))?;
    nimbo.close().await;
    if ctx.json {
        json(&summary);
        return Ok(0);
    }
    fields(&[
        (
            ctx.t("Organización", "Organisation"),
            summary.organisation.clone(),
        ),
        (
            ctx.t("Base de datos", "Database"),
            ctx.db.display().to_string(),
        ),
        (
            ctx.t("Clientes", "Customers"),
            summary.customers.to_string(),
        ),
        (ctx.t("Pedidos", "Orders"), summary.orders.to_string()),
        (
            ctx.t("Completados", "Completed"),
            summary.completed.to_string(),
        ),
        (
            ctx.t("Cancelados", "Cancelled"),
            summary.cancelled.to_string(),
        ),
        (
            ctx.t("Eventos de auditoría", "Audit events"),
            summary.audit_events.to_string(),
        ),
        (
            ctx.t("Tiempo", "Time"),
            format!("{:.1} s", started.elapsed().as_secs_f64()),
        ),
    ]);
    say!();
    let rows: Vec<Vec<String>> = summary
        .users
        .iter()
        .map(|(u, roles)| {
            vec![
                u.clone(),
                roles
                    .iter()
                    .map(|r| r.name(ctx.lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    table(
        &[ctx.t("usuario (--as)", "user (--as)"), ctx.t("rol", "role")],
        &rows,
    );
    Ok(0)
}
