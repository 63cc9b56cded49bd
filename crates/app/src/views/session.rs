//! The first screen's questions: is there an organisation, is it a demonstration, which
//! database is open, who is signed in and in which language.

use std::path::Path;

use nimbo_domain::Lang;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::Language;
pub use super::organisation::OrgView;
use super::organisation::PictureInput;
use super::users::{UserView, list as list_users, user_view};
use crate::actions::organisation::{self, Setup};
use crate::actions::users;
use crate::{AppError, Nimbo, demo};

/// Where the application stands when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AppStatus {
    /// Whether the database has an organisation (else: set one up or load the demo).
    pub initialised: bool,
    /// The organisation, once set up.
    pub organisation: Option<OrgView>,
    /// Whether the data is a demonstration.
    pub demo: bool,
    /// The database file's path.
    pub database: String,
    /// Nimbo's version, for the «Acerca de» screen.
    pub version: String,
    /// The language the commands answer in (set with `set_language`).
    pub language: Language,
}

/// Setting up an organisation, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SetupInput {
    /// The organisation's name.
    pub org_name: String,
    /// Its RUC, `BASE-D`.
    pub org_ruc: String,
    /// The first administrator's username.
    pub admin_username: String,
    /// Their full name.
    pub admin_full_name: String,
    /// Their e-mail, optional.
    #[serde(default)]
    pub admin_email: Option<String>,
    /// The organisation's logo (a PNG), optional.
    #[serde(default)]
    pub logo: Option<PictureInput>,
}

/// What loading demonstration data did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DemoView {
    /// The organisation's name.
    pub organisation: String,
    /// How many customers.
    pub customers: u32,
    /// How many orders.
    pub orders: u32,
    /// How many of them are completed.
    pub completed: u32,
    /// How many are cancelled.
    pub cancelled: u32,
    /// The users to sign in as, one or more per role.
    pub users: Vec<UserView>,
}

/// The random seed demonstrations are made from, as on the command line.
pub const DEMO_SEED: u64 = 2026;

/// The most orders a demonstration loaded from the interface may ask for.
pub const MAX_DEMO_ORDERS: u32 = 100_000;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where the application stands.
pub async fn app_status(nimbo: &Nimbo, database: &Path, lang: Lang) -> Result<AppStatus, AppError> {
    let organisation = match super::organisation::profile(nimbo).await {
        Ok(org) => Some(org),
        Err(AppError::NotInitialised) => None,
        Err(e) => return Err(e),
    };
    Ok(AppStatus {
        initialised: organisation.is_some(),
        demo: organisation.as_ref().is_some_and(|o| o.demo),
        organisation,
        database: database.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        language: lang.into(),
    })
}

/// Sets up the organisation and its first administrator.
pub async fn init_organisation(nimbo: &Nimbo, input: &SetupInput) -> Result<OrgView, AppError> {
    let setup = Setup {
        org_name: input.org_name.clone(),
        org_ruc: input.org_ruc.clone(),
        admin_username: input.admin_username.clone(),
        admin_full_name: input.admin_full_name.clone(),
        admin_email: input.admin_email.clone().filter(|e| !e.trim().is_empty()),
        logo: input.logo.as_ref().map(PictureInput::upload).transpose()?,
    };
    organisation::init(nimbo, &setup).await?;
    super::organisation::profile(nimbo).await
}

/// Fills an empty database with demonstration data.
pub async fn load_demo(nimbo: &Nimbo, orders: u32, lang: Lang) -> Result<DemoView, AppError> {
    if orders > MAX_DEMO_ORDERS {
        return Err(super::refuse(
            "orders",
            "cantidad de pedidos",
            "number of orders",
            nimbo_domain::problem::Problem::OutOfRange {
                given: orders.to_string(),
                min: 0,
                max: i64::from(MAX_DEMO_ORDERS),
            },
        ));
    }
    let summary = demo::fill(nimbo, orders as usize, DEMO_SEED).await?;
    Ok(DemoView {
        organisation: summary.organisation,
        customers: count(summary.customers),
        orders: count(summary.orders),
        completed: count(summary.completed),
        cancelled: count(summary.cancelled),
        users: list_users(nimbo, lang).await?,
    })
}

/// Signs a user in: they must exist and be active.
pub async fn sign_in(nimbo: &Nimbo, username: &str, lang: Lang) -> Result<UserView, AppError> {
    Ok(user_view(&users::sign_in(nimbo, username).await?, lang))
}

/// The signed-in user as they are now: `None` when no one is signed in, or when the
/// user no longer exists or was deactivated since.
pub async fn session(
    nimbo: &Nimbo,
    username: Option<&str>,
    lang: Lang,
) -> Result<Option<UserView>, AppError> {
    let Some(name) = username else {
        return Ok(None);
    };
    match users::show(nimbo, name).await {
        Ok(u) if u.active => Ok(Some(user_view(&u, lang))),
        Ok(_) | Err(AppError::UnknownUser { .. } | AppError::NotInitialised) => Ok(None),
        Err(e) => Err(e),
    }
}
