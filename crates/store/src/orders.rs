//! Orders: the domain's order kept whole as JSON, with the columns that lists filter and
//! sort on kept beside it, so that a list of 100,000 orders is filtered by SQLite's
//! indexes and never in memory.

use chrono::{DateTime, Utc};
use nimbo_domain::customer::search_key;
use nimbo_domain::order::{Order, Step};
use nimbo_domain::role::Role;
use serde::Serialize;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use crate::customers::escape_like;
use crate::{StoreError, parse_json, parse_time, time_text, to_json};

/// Writes a new order.
pub async fn insert(conn: &mut SqliteConnection, order: &Order) -> Result<(), StoreError> {
    write(
        conn,
        "INSERT INTO orders (id, number, customer_id, title, status, current_step, current_role, step_since, \
         created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        order,
    )
    .await
}

/// Writes an order in the state given, whether or not this database holds it yet (an order
/// replayed from another laptop). Only the order: whatever its completion brings along (a
/// subscription) is the caller's to decide.
pub async fn upsert(conn: &mut SqliteConnection, order: &Order) -> Result<(), StoreError> {
    write(
        conn,
        "INSERT INTO orders (id, number, customer_id, title, status, current_step, current_role, step_since, \
         created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, customer_id = excluded.customer_id, \
         title = excluded.title, status = excluded.status, current_step = excluded.current_step, \
         current_role = excluded.current_role, step_since = excluded.step_since, \
         created_at = excluded.created_at, updated_at = excluded.updated_at, body = excluded.body",
        order,
    )
    .await
}

/// Runs `sql`, an insert of every column of `orders` in their declared order, for
/// `order`: one list of values for `insert` and `upsert`, so they cannot drift apart.
async fn write(
    conn: &mut SqliteConnection,
    sql: &'static str,
    order: &Order,
) -> Result<(), StoreError> {
    sqlx::query(sql)
        .bind(order.id.to_string())
        .bind(&order.number)
        .bind(order.customer_id.to_string())
        .bind(&order.title)
        .bind(order.status.id())
        .bind(order.current.map(|s| i64::from(s.number())))
        .bind(order.current.map(|s| s.role().id()))
        .bind(time_text(order.step_since))
        .bind(time_text(order.created_at))
        // An order changes when it moves to its next step: it last changed when its
        // current step began.
        .bind(time_text(order.step_since))
        .bind(to_json(order)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Reads an order by its number.
pub async fn by_number(
    conn: &mut SqliteConnection,
    number: &str,
) -> Result<Option<Order>, StoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM orders WHERE number = ?")
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?;
    body.as_deref().map(parse_json).transpose()
}

/// Reads an order by its id.
pub async fn by_id(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<Order>, StoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM orders WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    body.as_deref().map(parse_json).transpose()
}

/// How a list of orders is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OrderSort {
    /// Newest first.
    #[default]
    Newest,
    /// Waiting longest at their current step first.
    LongestWaiting,
    /// Oldest first.
    Oldest,
    /// Waiting least at their current step first.
    ShortestWaiting,
}

/// What a list of orders is filtered by; every filter is optional.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    /// Part of the customer's name (accents and case ignored).
    pub customer_name: Option<String>,
    /// The customer's RUC, whole or its beginning.
    pub ruc: Option<String>,
    /// The step the orders wait for.
    pub step: Option<Step>,
    /// The roles whose turn it is.
    pub roles: Vec<Role>,
    /// `open`, `completed` or `cancelled`.
    pub status: Option<String>,
    /// Only orders waiting at their step since before this instant.
    pub waiting_since_before: Option<DateTime<Utc>>,
    /// The sort.
    pub sort: OrderSort,
    /// The page size.
    pub limit: i64,
    /// How many to skip.
    pub offset: i64,
}

/// One line of a list of orders.
#[derive(Debug, Clone, Serialize)]
pub struct OrderLine {
    /// The order's number.
    pub number: String,
    /// What is sold.
    pub title: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// Open, completed or cancelled.
    pub status: String,
    /// The step it waits for (number).
    pub current_step: Option<u8>,
    /// The role whose turn it is.
    pub current_role: Option<String>,
    /// Since when it waits.
    pub step_since: DateTime<Utc>,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
}

/// How a query finds the orders of the customers a filter matches. Through the customers
/// (`orders_customer`): every order of each matching customer — right for a count, and for
/// a page when few customers match (then few orders are sorted). Along the list: walking an
/// index in the list's order (`orders_newest`, `orders_waiting`) and checking each order's
/// customer on the way — the unary `+` keeps SQLite off `orders_customer` — right for a
/// page when many customers match, where gathering and sorting ~100,000 orders took 240 ms.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CustomerLookup {
    ThroughCustomers,
    AlongTheList,
}

/// Up to how many matching customers a page goes through the customers (their ~40 orders
/// each are then sorted in a couple of milliseconds).
const FEW_CUSTOMERS: i64 = 50;

fn customer_filters(f: &OrderFilter) -> (Option<String>, Option<String>) {
    let name = f
        .customer_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| format!("%{}%", escape_like(&search_key(name))));
    let ruc = f
        .ruc
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|ruc| format!("{}%", escape_like(ruc)));
    (name, ruc)
}

/// How a page should find its customers' orders: by how many customers the filter matches.
async fn page_lookup(
    conn: &mut SqliteConnection,
    f: &OrderFilter,
) -> Result<CustomerLookup, StoreError> {
    let (name, ruc) = customer_filters(f);
    if name.is_none() && ruc.is_none() {
        return Ok(CustomerLookup::AlongTheList);
    }
    let mut q = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM customers WHERE 1 = 1");
    if let Some(name) = name {
        q.push(" AND search_name LIKE ")
            .push_bind(name)
            .push(" ESCAPE '\\'");
    }
    if let Some(ruc) = ruc {
        q.push(" AND ruc LIKE ").push_bind(ruc).push(" ESCAPE '\\'");
    }
    let matching: i64 = q.build().fetch_one(&mut *conn).await?.get(0);
    Ok(if matching <= FEW_CUSTOMERS {
        CustomerLookup::ThroughCustomers
    } else {
        CustomerLookup::AlongTheList
    })
}

fn push_filters(q: &mut QueryBuilder<Sqlite>, f: &OrderFilter, lookup: CustomerLookup) {
    let customer_column = match lookup {
        CustomerLookup::AlongTheList => " AND +o.customer_id IN ",
        CustomerLookup::ThroughCustomers => " AND o.customer_id IN ",
    };
    q.push(" WHERE 1 = 1");
    let (name, ruc) = customer_filters(f);
    if let Some(name) = name {
        q.push(customer_column)
            .push("(SELECT id FROM customers WHERE search_name LIKE ")
            .push_bind(name)
            .push(" ESCAPE '\\')");
    }
    if let Some(ruc) = ruc {
        q.push(customer_column)
            .push("(SELECT id FROM customers WHERE ruc LIKE ")
            .push_bind(ruc)
            .push(" ESCAPE '\\')");
    }
    if let Some(step) = f.step {
        q.push(" AND o.current_step = ")
            .push_bind(i64::from(step.number()));
    }
    if !f.roles.is_empty() {
        q.push(" AND o.current_role IN (");
        let mut sep = q.separated(", ");
        for r in &f.roles {
            sep.push_bind(r.id());
        }
        q.push(")");
    }
    if let Some(status) = &f.status {
        q.push(" AND o.status = ").push_bind(status.clone());
    }
    if let Some(before) = f.waiting_since_before {
        q.push(" AND o.step_since < ").push_bind(time_text(before));
    }
}

/// A page of orders matching the filter.
pub async fn list(
    conn: &mut SqliteConnection,
    f: &OrderFilter,
) -> Result<Vec<OrderLine>, StoreError> {
    let mut q = QueryBuilder::new(
        "SELECT o.number, o.title, c.name AS customer, c.ruc, o.status, o.current_step, o.current_role, \
         o.step_since, o.created_at FROM orders o JOIN customers c ON c.id = o.customer_id",
    );
    let lookup = page_lookup(conn, f).await?;
    push_filters(&mut q, f, lookup);
    q.push(match f.sort {
        OrderSort::Newest => " ORDER BY o.created_at DESC, o.number DESC",
        OrderSort::LongestWaiting => " ORDER BY o.step_since ASC, o.number ASC",
        OrderSort::Oldest => " ORDER BY o.created_at ASC, o.number ASC",
        OrderSort::ShortestWaiting => " ORDER BY o.step_since DESC, o.number DESC",
    });
    q.push(" LIMIT ")
        .push_bind(f.limit)
        .push(" OFFSET ")
        .push_bind(f.offset);
    let rows = q.build().fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| {
            Ok(OrderLine {
                number: row.get("number"),
                title: row.get("title"),
                customer: row.get("customer"),
                ruc: row.get("ruc"),
                status: row.get("status"),
                current_step: row
                    .get::<Option<i64>, _>("current_step")
                    .and_then(|n| u8::try_from(n).ok()),
                current_role: row.get("current_role"),
                step_since: parse_time(row.get("step_since"))?,
                created_at: parse_time(row.get("created_at"))?,
            })
        })
        .collect()
}

/// How many orders match the filter (paging ignored).
pub async fn count(conn: &mut SqliteConnection, f: &OrderFilter) -> Result<i64, StoreError> {
    let mut q = QueryBuilder::new("SELECT count(*) FROM orders o");
    push_filters(&mut q, f, CustomerLookup::ThroughCustomers);
    let row = q.build().fetch_one(&mut *conn).await?;
    Ok(row.get(0))
}
