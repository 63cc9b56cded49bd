//! `nimbo org`: the organisation's profile and logo, as documents will print them.

use nimbo_app::attachments::FileUpload;
use nimbo_app::organisation;
use nimbo_domain::organisation::{Organisation, OrganisationPatch};

use crate::args::OrgCommand;
use crate::output::{fields, json};
use crate::{CliError, Ctx};

fn print_org(ctx: &Ctx, org: &Organisation) {
    let none = || ctx.t("—", "—").to_string();
    let logo = org
        .logo
        .as_ref()
        .map(|l| {
            format!(
                "{} ({} kB, sha256 {})",
                l.name,
                l.size.div_ceil(1000),
                &l.sha256[..12]
            )
        })
        .unwrap_or_else(none);
    let grace = match org.suspension_grace_days {
        Some(days) => format!("{days} {}", ctx.t("días", "days")),
        None => format!(
            "{} {} ({})",
            org.grace_days(),
            ctx.t("días", "days"),
            ctx.t("por defecto", "default")
        ),
    };
    fields(&[
        (ctx.t("Nombre", "Name"), org.name.clone()),
        ("RUC", org.ruc.to_string()),
        (
            ctx.t("Dirección", "Address"),
            org.address.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Teléfono", "Phone"),
            org.phone.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Correo", "E-mail"),
            org.email.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Sitio web", "Website"),
            org.website.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Portal TBO de facturas", "TBO invoices portal"),
            org.tbo_url.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Contraseña del MCO", "MCO password"),
            org.mco_password_delivery.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Cómo abrir un ticket", "How to open a ticket"),
            org.ticket_instructions.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Respuesta: crítica", "Response: critical"),
            org.response_critical.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Respuesta: alta", "Response: high"),
            org.response_high.clone().unwrap_or_else(none),
        ),
        (
            ctx.t("Respuesta: normal", "Response: normal"),
            org.response_normal.clone().unwrap_or_else(none),
        ),
        (
            ctx.t(
                "Período de gracia para suspensión",
                "Suspension grace period",
            ),
            grace,
        ),
        (ctx.t("Logotipo", "Logo"), logo),
    ]);
}

/// Runs an organisation command.
pub async fn run(ctx: &Ctx, command: OrgCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let result = match command {
        OrgCommand::Show => organisation::profile(&nimbo).await,
        OrgCommand::Edit {
            name,
            ruc,
            address,
            phone,
            email,
            website,
            tbo_url,
            mco_password_delivery,
            ticket_instructions,
            response_critical,
            response_high,
            response_normal,
            suspension_grace_days,
        } => {
            let patch = OrganisationPatch {
                name,
                ruc,
                address,
                phone,
                email,
                website,
                tbo_url,
                mco_password_delivery,
                ticket_instructions,
                response_critical,
                response_high,
                response_normal,
                suspension_grace_days,
            };
            organisation::edit(&nimbo, ctx.actor()?, &patch).await
        }
        OrgCommand::Logo { file, remove } => {
            let upload = match (&file, remove) {
                (Some(path), false) => Some(FileUpload::from_path(path).map_err(|e| ctx.fail(e))?),
                _ => None,
            };
            organisation::set_logo(&nimbo, ctx.actor()?, upload.as_ref()).await
        }
    };
    let org = result.map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&org);
    } else {
        print_org(ctx, &org);
    }
    nimbo.close().await;
    Ok(0)
}
