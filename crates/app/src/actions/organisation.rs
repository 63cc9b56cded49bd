//! The organisation: set up with its catalogue and first administrator, then its profile
//! (contact details, logo) kept up to date by an administrator.

use nimbo_domain::operation::{Command, EntityKind, OperationBody, Outcome, Record};
use nimbo_domain::organisation::{self, Organisation, OrganisationPatch, check_logo};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::role::Role;
use nimbo_domain::user::UserDraft;
use nimbo_store::{Connection, attachments, organisation as org_store};
use uuid::Uuid;

use crate::attachments::FileUpload;
use crate::context::{actor, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
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
    /// The organisation's logo, a PNG.
    pub logo: Option<FileUpload>,
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
    // Every problem of the form at once: the organisation's, the administrator's and the
    // logo's, as the form shows them together.
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
    let logo = setup.logo.as_ref().map(FileUpload::reference);
    if let Some(logo) = &logo {
        check_logo(logo).map_err(|e| errors.extend(e)).ok();
    }
    let (Some(org), Some(admin), true) = (org, admin, errors.is_empty()) else {
        return Err(invalid(errors));
    };
    if let (Some(file), Some(logo)) = (&setup.logo, &logo) {
        attachments::put(tx, logo, &file.bytes, now).await?;
    }
    let command = Command::InitOrganisation {
        name: org.name,
        ruc: org.ruc.to_string(),
        admin: admin.clone(),
        logo,
        demo,
    };
    // The first administrator sets the organisation up: they exist once it is.
    let change = Change::command(&admin, EntityKind::Organisation, Uuid::nil(), command);
    organisation_in(act(tx, now, change).await?)
}

/// The organisation an accepted change wrote.
fn organisation_in(outcome: Outcome) -> Result<Organisation, AppError> {
    written(outcome, "organisation", |record| match record {
        Record::Organisation(it) => Some(it),
        _ => None,
    })
}

/// Edits the profile's fields (administrators only); only the fields that change are
/// recorded and sent.
pub async fn edit(
    nimbo: &Nimbo,
    by: &str,
    patch: &OrganisationPatch,
) -> Result<Organisation, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditOrganisation)?;
    let org = require(&mut tx).await?;
    let (_, changes) = org.patched(patch).map_err(invalid)?;
    if changes.is_empty() {
        return Ok(org);
    }
    let change = Change {
        actor: &user,
        entity: EntityKind::Organisation,
        entity_id: Uuid::nil(),
        body: OperationBody::Fields {
            entity: EntityKind::Organisation,
            entity_id: Uuid::nil(),
            changes,
        },
    };
    let next = organisation_in(act(&mut tx, now, change).await?)?;
    tx.commit().await?;
    Ok(next)
}

/// Sets the organisation's logo from a PNG, or removes it with `None` (administrators
/// only).
pub async fn set_logo(
    nimbo: &Nimbo,
    by: &str,
    file: Option<&FileUpload>,
) -> Result<Organisation, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditOrganisation)?;
    let org = require(&mut tx).await?;
    let logo = file.map(FileUpload::reference);
    if let Some(logo) = &logo {
        check_logo(logo).map_err(invalid)?;
    }
    if org.logo.as_ref().map(|l| &l.sha256) == logo.as_ref().map(|l| &l.sha256) {
        return Ok(org);
    }
    if let (Some(file), Some(logo)) = (file, &logo) {
        attachments::put(&mut tx, logo, &file.bytes, now).await?;
    }
    let command = Command::SetOrganisationLogo { logo };
    let change = Change::command(&user, EntityKind::Organisation, Uuid::nil(), command);
    let next = organisation_in(act(&mut tx, now, change).await?)?;
    tx.commit().await?;
    Ok(next)
}

/// The profile and its logo's content (when it has one), read together.
pub async fn profile_with_logo(nimbo: &Nimbo) -> Result<(Organisation, Option<Vec<u8>>), AppError> {
    let mut conn = nimbo.store().read().await?;
    let org = require(&mut conn).await?;
    let logo = match &org.logo {
        Some(logo) => attachments::content(&mut conn, &logo.sha256).await?,
        None => None,
    };
    Ok((org, logo))
}
