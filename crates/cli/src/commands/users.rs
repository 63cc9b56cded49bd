//! `nimbo user …`.

use nimbo_app::users;
use nimbo_domain::user::{User, UserDraft};

use crate::args::UserCommand;
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

use super::parse_role;

fn roles_text(ctx: &Ctx, u: &User) -> String {
    u.roles
        .iter()
        .map(|r| r.name(ctx.lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_user(ctx: &Ctx, u: &User) {
    if ctx.json {
        json(u);
        return;
    }
    fields(&[
        (ctx.t("Usuario", "Username"), u.username.clone()),
        (ctx.t("Nombre", "Name"), u.full_name.clone()),
        (
            ctx.t("Correo", "E-mail"),
            u.email.clone().unwrap_or_default(),
        ),
        (ctx.t("Roles", "Roles"), roles_text(ctx, u)),
        (
            ctx.t("Activo", "Active"),
            ctx.t(
                if u.active { "sí" } else { "no" },
                if u.active { "yes" } else { "no" },
            )
            .into(),
        ),
    ]);
}

/// Runs a user command.
pub async fn run(ctx: &Ctx, command: UserCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let result = match command {
        UserCommand::List => {
            let list = users::list(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|u| {
                        vec![
                            u.username.clone(),
                            u.full_name.clone(),
                            roles_text(ctx, u),
                            ctx.t(
                                if u.active { "activo" } else { "inactivo" },
                                if u.active { "active" } else { "inactive" },
                            )
                            .into(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        ctx.t("usuario", "username"),
                        ctx.t("nombre", "name"),
                        "roles",
                        ctx.t("estado", "state"),
                    ],
                    &rows,
                );
            }
            None
        }
        UserCommand::Show { username } => Some(users::show(&nimbo, &username).await),
        UserCommand::Add {
            username,
            name,
            email,
            roles,
        } => {
            let roles = roles
                .iter()
                .map(|r| parse_role(ctx, r))
                .collect::<Result<Vec<_>, _>>()?;
            let draft = UserDraft {
                username,
                full_name: name,
                email,
                roles,
            };
            Some(users::add(&nimbo, ctx.actor()?, &draft).await)
        }
        UserCommand::Grant { username, role } => {
            let role = parse_role(ctx, &role)?;
            Some(users::set_role(&nimbo, ctx.actor()?, &username, role, true).await)
        }
        UserCommand::Revoke { username, role } => {
            let role = parse_role(ctx, &role)?;
            Some(users::set_role(&nimbo, ctx.actor()?, &username, role, false).await)
        }
        UserCommand::Deactivate { username } => {
            Some(users::set_active(&nimbo, ctx.actor()?, &username, false).await)
        }
        UserCommand::Activate { username } => {
            Some(users::set_active(&nimbo, ctx.actor()?, &username, true).await)
        }
    };
    if let Some(result) = result {
        let user = result.map_err(|e| ctx.fail(e))?;
        print_user(ctx, &user);
    }
    nimbo.close().await;
    Ok(0)
}
