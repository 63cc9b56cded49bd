//! The context every area acts in: the [`Nimbo`] handle (the database and the clock its
//! use cases read) and where that database lives, then what the areas share to read what
//! a person means: the organisation a database must have, the acting user, a customer by
//! RUC, an order by number, and the limits of a page and a search. The areas import this
//! module; it imports none of them.

use std::path::{Path, PathBuf};

use nimbo_domain::customer::{Customer, check_ruc};
use nimbo_domain::order::Order;
use nimbo_domain::organisation::Organisation;
use nimbo_domain::problem::{FieldError, Problem};
use nimbo_domain::user::User;
use nimbo_store::{Connection, Store, customers, orders, organisation, users};

use crate::clock::{Clock, SystemClock};
use crate::error::{AppError, invalid};

/// The per-user database file both the desktop app and the command line use by default.
pub fn default_database() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("com.nimbo.desktop")
        .join("nimbo.sqlite")
}

/// The database to open: the `NIMBO_DB` variable when set and not empty, else
/// [`default_database`].
pub fn database_path() -> PathBuf {
    std::env::var_os("NIMBO_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(default_database)
}

/// An open Nimbo database and the clock its use cases read.
#[derive(Clone)]
pub struct Nimbo {
    store: Store,
    clock: std::sync::Arc<dyn Clock>,
}

impl Nimbo {
    /// Opens the database at `path`, creating it if needed, on the system clock.
    pub async fn open(path: &Path) -> Result<Nimbo, AppError> {
        Ok(Nimbo::with_clock(
            Store::open(path).await?,
            std::sync::Arc::new(SystemClock),
        ))
    }

    /// Uses a store with a given clock (tests and benchmarks).
    pub fn with_clock(store: Store, clock: std::sync::Arc<dyn Clock>) -> Nimbo {
        Nimbo { store, clock }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The time now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Closes the database.
    pub async fn close(&self) {
        self.store.close().await;
    }
}

/// Reads the organisation, refusing a database that has none.
pub(crate) async fn require(conn: &mut Connection) -> Result<Organisation, AppError> {
    organisation::load(conn)
        .await?
        .ok_or(AppError::NotInitialised)
}

/// Reads the acting user, refusing an unknown one.
pub(crate) async fn actor(conn: &mut Connection, username: &str) -> Result<User, AppError> {
    if username.trim().is_empty() {
        return Err(AppError::NoActor);
    }
    require(conn).await?;
    users::by_username(conn, username.trim())
        .await?
        .ok_or_else(|| AppError::UnknownUser {
            username: username.trim().to_string(),
        })
}

/// Reads a customer by RUC as typed, refusing a malformed RUC or an unknown customer.
pub(crate) async fn find_customer(conn: &mut Connection, ruc: &str) -> Result<Customer, AppError> {
    let ruc = check_ruc(ruc).map_err(|p| invalid(vec![FieldError::new("ruc", "RUC", "RUC", p)]))?;
    customers::by_ruc(conn, &ruc.to_string())
        .await?
        .ok_or_else(|| AppError::CustomerNotFound {
            ruc: ruc.to_string(),
        })
}

/// Reads an order by number.
pub(crate) async fn find_order(conn: &mut Connection, number: &str) -> Result<Order, AppError> {
    if number.trim().is_empty() {
        return Err(invalid(vec![FieldError::new(
            "number",
            "número de pedido",
            "order number",
            Problem::Required,
        )]));
    }
    let number = number.trim().to_ascii_uppercase();
    orders::by_number(conn, &number)
        .await?
        .ok_or(AppError::OrderNotFound { number })
}

/// Reads the customer an order is for; an order without one is a corrupt database.
pub(crate) async fn customer_of(
    conn: &mut Connection,
    order: &Order,
) -> Result<Customer, AppError> {
    customers::by_id(conn, order.customer_id)
        .await?
        .ok_or_else(|| {
            AppError::Store(nimbo_store::StoreError::Corrupt(format!(
                "order {} has no customer",
                order.number
            )))
        })
}

/// The most rows a page may ask for.
pub(crate) const MAX_PAGE: i64 = 500;

/// The longest text a search may ask for.
pub(crate) const MAX_SEARCH: usize = 200;

/// Refuses a page size outside 1–500 or a negative offset.
pub(crate) fn check_page(limit: i64, offset: i64) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if !(1..=MAX_PAGE).contains(&limit) {
        errors.push(FieldError::new(
            "limit",
            "cantidad por página",
            "page size",
            Problem::OutOfRange {
                given: limit.to_string(),
                min: 1,
                max: MAX_PAGE,
            },
        ));
    }
    if offset < 0 {
        errors.push(FieldError::new(
            "offset",
            "desde",
            "offset",
            Problem::OutOfRange {
                given: offset.to_string(),
                min: 0,
                max: i64::MAX,
            },
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(invalid(errors))
    }
}

/// Refuses a search text longer than 200 characters.
pub(crate) fn check_search(
    key: &str,
    es: &str,
    en: &str,
    text: Option<&str>,
) -> Result<(), AppError> {
    match text {
        Some(t) if t.chars().count() > MAX_SEARCH => Err(invalid(vec![FieldError::new(
            key,
            es,
            en,
            Problem::TooLong { max: MAX_SEARCH },
        )])),
        _ => Ok(()),
    }
}
