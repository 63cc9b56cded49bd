//! What the tests share: a fresh Nimbo on a real SQLite file with a fixed clock, row
//! counts, a fingerprint of every state table, and the checks every stored order must
//! pass. Step submissions built from the step's field table, RUCs and customers come from
//! the test kit (`nimbo_testkit::submissions`, `nimbo_testkit::customers`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use nimbo_app::organisation::{self, Setup};
use nimbo_app::{FixedClock, Nimbo};
use nimbo_domain::order::{FieldValue, Order, OrderStatus, Step};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::Store;
use nimbo_testkit::customers::{billed_draft, ruc};
use nimbo_testkit::submissions::simple_path;
use tempfile::TempDir;

/// The administrator every test database starts with.
pub const ADMIN: &str = "admin";

/// A Nimbo on its own file, with the clock it reads.
pub struct Env {
    /// Keeps the folder alive.
    pub _dir: TempDir,
    /// The database file.
    pub path: PathBuf,
    /// The use cases.
    pub nimbo: Nimbo,
    /// The clock they read.
    pub clock: Arc<FixedClock>,
}

/// Noon in Asunción on a Friday in November 2026.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0)
        .single()
        .expect("a valid instant")
}

impl Env {
    /// A fresh database, not yet initialised.
    pub async fn blank() -> Env {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("nimbo.sqlite");
        let clock = Arc::new(FixedClock::new(start()));
        let store = Store::open(&path).await.expect("the store opens");
        let nimbo = Nimbo::with_clock(store, clock.clone());
        Env {
            _dir: dir,
            path,
            nimbo,
            clock,
        }
    }

    /// A fresh database with an organisation and its administrator.
    pub async fn new() -> Env {
        let env = Env::blank().await;
        organisation::init(
            &env.nimbo,
            &Setup {
                org_name: "Tigo Business Paraguay".into(),
                org_ruc: ruc(80000190),
                admin_username: ADMIN.into(),
                admin_full_name: "Administradora".into(),
                admin_email: Some("admin@example.com.py".into()),
                logo: None,
            },
        )
        .await
        .expect("the organisation is set up");
        env
    }

    /// Another handle on the same file, as a second program would open it.
    pub async fn second_handle(&self) -> Nimbo {
        let store = Store::open(&self.path)
            .await
            .expect("the store opens again");
        Nimbo::with_clock(store, self.clock.clone())
    }

    /// Today in Asunción, by the test's clock.
    pub fn today(&self) -> NaiveDate {
        today_in_asuncion(self.nimbo.now())
    }

    /// Moves the clock by some minutes (negative goes back).
    /// A new customer (RUC base `base`) whose order `by` takes through every step, active
    /// `days_ago` days ago, a step an hour; returns the customer's RUC and the order's
    /// number. `by` holds every role the 22 steps need.
    pub async fn onboarded(&self, by: &str, base: u32, days_ago: i64) -> (String, String) {
        let ruc_text = ruc(base);
        nimbo_app::customers::create(&self.nimbo, by, &billed_draft(base, &ruc_text))
            .await
            .expect("the customer");
        nimbo_app::customers::record_master_contract(
            &self.nimbo,
            by,
            &ruc_text,
            &nimbo_domain::customer::MasterContractDraft {
                signed_on: "2025-03-01".into(),
                reference: "CMS-2025-0001".into(),
            },
        )
        .await
        .expect("the master contract");
        let number = nimbo_app::orders::create(&self.nimbo, by, &ruc_text, "AWS para el ERP")
            .await
            .expect("the order")
            .number;
        let activation = self.today() - Duration::days(days_ago);
        loop {
            let page = nimbo_app::orders::show(&self.nimbo, &number)
                .await
                .expect("the order");
            let Some(step) = page.order.current else {
                break;
            };
            self.advance(60);
            nimbo_app::orders::complete_step(
                &self.nimbo,
                by,
                &number,
                simple_path(step, activation, self.today()),
            )
            .await
            .unwrap_or_else(|e| panic!("step {step}: {e:?}"));
        }
        (ruc_text, number)
    }

    pub fn advance(&self, minutes: i64) {
        self.clock.advance(Duration::minutes(minutes));
    }
}

/// How many rows a table holds.
pub async fn count(nimbo: &Nimbo, table: &str) -> i64 {
    let mut conn = nimbo.store().read().await.expect("a connection");
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(&mut *conn)
        .await
        .expect("a count")
}

/// The audit events and outbox operations, as counted in SQLite.
pub async fn journal_counts(nimbo: &Nimbo) -> (i64, i64) {
    (
        count(nimbo, "audit_events").await,
        count(nimbo, "outbox").await,
    )
}

/// Every table that holds state (all but the audit trail and the outbox).
pub const STATE_TABLES: &[&str] = &[
    "organisation",
    "device",
    "users",
    "user_roles",
    "customers",
    "legal_representatives",
    "orders",
    "subscriptions",
    "attachments",
    "plans",
    "risks",
    "documents",
    "document_versions",
    "document_signers",
    "signature_events",
];

/// A text made of every row of every state table: equal before and after means
/// nothing was written.
pub async fn fingerprint(nimbo: &Nimbo) -> String {
    let mut conn = nimbo.store().read().await.expect("a connection");
    let mut out = String::new();
    for table in STATE_TABLES {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        )))
        .fetch_all(&mut *conn)
        .await
        .expect("the columns");
        let row = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let text: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT group_concat(r, char(10)) FROM (SELECT {row} AS r FROM {table} ORDER BY 1)"
        )))
        .fetch_one(&mut *conn)
        .await
        .expect("the rows");
        out.push_str(table);
        out.push('\n');
        out.push_str(&text.unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Checks every stored order: its invariants, the columns lists filter on, its
/// subscription (one exactly when completed, from step 13's date), and that every file
/// it refers to is stored.
pub async fn check_stored_orders(nimbo: &Nimbo) -> Result<(), String> {
    let mut conn = nimbo.store().read().await.expect("a connection");
    type Row = (String, String, Option<i64>, Option<String>, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT number, status, current_step, current_role, step_since, body FROM orders ORDER BY number",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("the orders");
    let stored: BTreeSet<String> = sqlx::query_scalar("SELECT sha256 FROM attachments")
        .fetch_all(&mut *conn)
        .await
        .expect("the attachments")
        .into_iter()
        .collect();
    for (number, status, current_step, current_role, step_since, body) in rows {
        let order: Order =
            serde_json::from_str(&body).map_err(|e| format!("{number}: body unreadable: {e}"))?;
        order
            .check_invariants()
            .map_err(|e| format!("{number}: invariant broken: {e}"))?;
        if order.number != number
            || order.status.id() != status
            || order.current.map(|s| i64::from(s.number())) != current_step
            || order.current.map(|s| s.role().id().to_string()) != current_role
            || nimbo_domain::audit::canonical_time(order.step_since) != step_since
        {
            return Err(format!("{number}: columns disagree with the body"));
        }
        for record in order.records.values() {
            for value in record.values.values() {
                if let FieldValue::File(f) = value
                    && !stored.contains(&f.sha256)
                {
                    return Err(format!("{number}: file {} not stored", f.sha256));
                }
            }
        }
        let subscription: Option<String> =
            sqlx::query_scalar("SELECT body FROM subscriptions WHERE order_id = ?")
                .bind(order.id.to_string())
                .fetch_optional(&mut *conn)
                .await
                .expect("the subscription");
        match (order.status, subscription) {
            (OrderStatus::Completed, Some(s)) => {
                let s: Subscription = serde_json::from_str(&s).expect("a subscription parses");
                let activation = match order
                    .records
                    .get(&Step::SiebelActivation)
                    .and_then(|r| r.values.get("activation_date"))
                {
                    Some(FieldValue::Date(d)) => *d,
                    _ => return Err(format!("{number}: completed without activation date")),
                };
                if s.activation_date != activation {
                    return Err(format!("{number}: subscription not from step 13's date"));
                }
            }
            (OrderStatus::Completed, None) => {
                return Err(format!("{number}: completed without subscription"));
            }
            (_, Some(_)) => return Err(format!("{number}: subscription before completion")),
            (_, None) => {}
        }
    }
    Ok(())
}
