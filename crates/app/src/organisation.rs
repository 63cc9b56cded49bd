//! Setting up an organisation: its profile, its catalogue and its first administrator.

use nimbo_domain::catalogue::{initial_plans, initial_risks};
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::organisation::{self, Organisation};
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_store::{Connection, catalogue, organisation as org_store, users as user_store};
use serde_json::json;
use uuid::Uuid;

use crate::error::invalid;
use crate::journal::{Entry, write_one};
use crate::{AppError, Nimbo};

/// What setting up an organisation takes.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// The organisation's name.
    pub org_name: String,
    /// Its RUC.
    pub org_ruc: String,
    /// The first administrator's username.
    pub admin_username: String,
    /// Their full name.
    pub admin_full_name: String,
    /// Their e-mail.
    pub admin_email: Option<String>,
}

/// Reads the organisation, refusing a database that has none.
pub async fn require(conn: &mut Connection) -> Result<Organisation, AppError> {
    org_store::load(conn).await?.ok_or(AppError::NotInitialised)
}

/// Reads the organisation's profile.
pub async fn profile(nimbo: &Nimbo) -> Result<Organisation, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await
}

/// Whether the database has an organisation yet.
pub async fn is_initialised(nimbo: &Nimbo) -> Result<bool, AppError> {
    let mut conn = nimbo.store().read().await?;
    Ok(org_store::load(&mut conn).await?.is_some())
}

/// Sets up the organisation, seeds the catalogue and creates the first administrator.
pub async fn init(nimbo: &Nimbo, setup: &Setup) -> Result<Organisation, AppError> {
    let mut tx = nimbo.store().begin().await?;
    let org = init_in(&mut tx, setup, false, nimbo.now()).await?;
    tx.commit().await?;
    Ok(org)
}

/// Sets up the organisation inside the caller's transaction.
pub(crate) async fn init_in(
    tx: &mut Connection,
    setup: &Setup,
    demo: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Organisation, AppError> {
    let mut errors = Vec::new();
    let org = organisation::validate(&setup.org_name, &setup.org_ruc, demo, now)
        .map_err(|e| errors.extend(e))
        .ok();
    let admin = UserDraft {
        username: setup.admin_username.clone(),
        full_name: setup.admin_full_name.clone(),
        email: setup.admin_email.clone(),
        roles: vec![Role::Admin],
    }
    .validate(Uuid::now_v7(), now)
    .map_err(|e| errors.extend(e))
    .ok();
    let (Some(org), Some(admin)) = (org, admin) else {
        return Err(invalid(errors));
    };
    if let Some(existing) = org_store::load(tx).await? {
        return Err(AppError::AlreadyInitialised {
            name: existing.name,
        });
    }
    org_store::insert(tx, &org).await?;
    let from = nimbo_domain::time::today_in_asuncion(now).to_string();
    for plan in initial_plans() {
        catalogue::put_plan(tx, &plan, &from).await?;
    }
    for risk in initial_risks() {
        catalogue::put_risk(tx, &risk).await?;
    }
    user_store::insert(tx, &admin).await?;
    write_one(
        tx,
        now,
        Entry::command(
            &admin.username,
            "organisation.initialised",
            EntityKind::Organisation,
            Uuid::nil(),
            json!({ "name": org.name, "ruc": org.ruc, "admin": admin.username, "demo": demo }),
            Command::InitOrganisation {
                name: org.name.clone(),
                ruc: org.ruc.to_string(),
                admin: admin.clone(),
            },
        ),
    )
    .await?;
    Ok(org)
}
