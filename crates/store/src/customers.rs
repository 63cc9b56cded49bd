//! Customers, their legal representatives, master contract and billing account.

use chrono::NaiveDate;
use nimbo_domain::customer::{
    BillingAccount, Customer, LegalRepresentative, MasterContract, search_key,
};
use nimbo_domain::segment::Segment;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_time, parse_uuid, time_text};

const SELECT: &str = "SELECT id, ruc, name, segment, address, billing_account, billing_cycle, \
     contract_signed_on, contract_reference, created_at FROM customers";

fn from_row(row: &SqliteRow) -> Result<Customer, StoreError> {
    let segment: String = row.get("segment");
    let account: Option<String> = row.get("billing_account");
    let cycle: Option<i64> = row.get("billing_cycle");
    let signed_on: Option<String> = row.get("contract_signed_on");
    let reference: Option<String> = row.get("contract_reference");
    Ok(Customer {
        id: parse_uuid(row.get("id"))?,
        ruc: row
            .get::<String, _>("ruc")
            .parse()
            .map_err(|e: nimbo_domain::ruc::RucError| StoreError::Corrupt(e.to_string()))?,
        name: row.get("name"),
        segment: segment
            .parse::<Segment>()
            .map_err(|_| StoreError::Corrupt(format!("segment {segment}")))?,
        address: row.get("address"),
        billing_account: match (account, cycle) {
            (Some(number), Some(cycle)) => Some(BillingAccount {
                number,
                cycle: u8::try_from(cycle)
                    .map_err(|_| StoreError::Corrupt(format!("cycle {cycle}")))?,
            }),
            _ => None,
        },
        master_contract: match (signed_on, reference) {
            (Some(d), Some(reference)) => Some(MasterContract {
                signed_on: NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| StoreError::Corrupt(format!("date {d}")))?,
                reference,
            }),
            _ => None,
        },
        representatives: Vec::new(),
        created_at: parse_time(row.get("created_at"))?,
    })
}

async fn with_representatives(
    conn: &mut SqliteConnection,
    mut customer: Customer,
) -> Result<Customer, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, document, email, phone FROM legal_representatives WHERE customer_id = ? ORDER BY position",
    )
    .bind(customer.id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    customer.representatives = rows
        .iter()
        .map(|r| {
            Ok(LegalRepresentative {
                id: parse_uuid(r.get("id"))?,
                name: r.get("name"),
                document: r.get("document"),
                email: r.get("email"),
                phone: r.get("phone"),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(customer)
}

/// Reads a customer by RUC, with its representatives.
pub async fn by_ruc(
    conn: &mut SqliteConnection,
    ruc: &str,
) -> Result<Option<Customer>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE ruc = ?")))
        .bind(ruc)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(with_representatives(conn, from_row(&row)?).await?)),
        None => Ok(None),
    }
}

/// Reads a customer by id, with its representatives.
pub async fn by_id(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<Customer>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = ?")))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(with_representatives(conn, from_row(&row)?).await?)),
        None => Ok(None),
    }
}

/// Finds customers whose name or RUC contains the text, by name; without representatives.
pub async fn search(
    conn: &mut SqliteConnection,
    text: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Customer>, StoreError> {
    let pattern = format!("%{}%", escape_like(&search_key(text.trim())));
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE search_name LIKE ?1 ESCAPE '\\' OR ruc LIKE ?1 ESCAPE '\\' ORDER BY search_name LIMIT ?2 OFFSET ?3"
    )))
    .bind(pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Escapes the LIKE wildcards of a text typed by a person.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Writes a new customer (and its representatives, if any).
pub async fn insert(conn: &mut SqliteConnection, c: &Customer) -> Result<(), StoreError> {
    write(
        conn,
        "INSERT INTO customers (id, ruc, name, search_name, segment, address, billing_account, billing_cycle, \
         contract_signed_on, contract_reference, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c,
        c.created_at,
    )
    .await
}

/// Writes a customer in the state given, with its representatives, whether or not this
/// database holds it yet (a customer replayed from another laptop): every column, the RUC
/// and creation time included, since the state given is the whole truth.
pub async fn upsert(
    conn: &mut SqliteConnection,
    c: &Customer,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    write(
        conn,
        "INSERT INTO customers (id, ruc, name, search_name, segment, address, billing_account, billing_cycle, \
         contract_signed_on, contract_reference, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET ruc = excluded.ruc, name = excluded.name, search_name = excluded.search_name, \
         segment = excluded.segment, address = excluded.address, billing_account = excluded.billing_account, \
         billing_cycle = excluded.billing_cycle, contract_signed_on = excluded.contract_signed_on, \
         contract_reference = excluded.contract_reference, created_at = excluded.created_at, \
         updated_at = excluded.updated_at",
        c,
        now,
    )
    .await
}

/// Runs `sql`, an insert of every column of `customers` in their declared order, for `c`
/// changed at `updated_at`, then writes its representatives: one list of values for
/// `insert` and `upsert`, so they cannot drift apart.
async fn write(
    conn: &mut SqliteConnection,
    sql: &'static str,
    c: &Customer,
    updated_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query(sql)
        .bind(c.id.to_string())
        .bind(c.ruc.to_string())
        .bind(&c.name)
        .bind(search_key(&c.name))
        .bind(c.segment.id())
        .bind(c.address.as_deref())
        .bind(c.billing_account.as_ref().map(|a| a.number.clone()))
        .bind(c.billing_account.as_ref().map(|a| i64::from(a.cycle)))
        .bind(c.master_contract.as_ref().map(|m| m.signed_on.to_string()))
        .bind(c.master_contract.as_ref().map(|m| m.reference.clone()))
        .bind(time_text(c.created_at))
        .bind(time_text(updated_at))
        .execute(&mut *conn)
        .await?;
    replace_representatives(conn, c).await
}

async fn replace_representatives(
    conn: &mut SqliteConnection,
    c: &Customer,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM legal_representatives WHERE customer_id = ?")
        .bind(c.id.to_string())
        .execute(&mut *conn)
        .await?;
    for (i, r) in c.representatives.iter().enumerate() {
        sqlx::query(
            "INSERT INTO legal_representatives (id, customer_id, name, document, email, phone, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(r.id.to_string())
        .bind(c.id.to_string())
        .bind(&r.name)
        .bind(&r.document)
        .bind(&r.email)
        .bind(&r.phone)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// How many customers there are.
pub async fn count(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM customers")
        .fetch_one(&mut *conn)
        .await?)
}

/// The customer whose Siebel billing account this is.
pub async fn by_billing_account(
    conn: &mut SqliteConnection,
    account: &str,
) -> Result<Option<Customer>, StoreError> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM customers WHERE billing_account = ? LIMIT 1")
            .bind(account)
            .fetch_optional(&mut *conn)
            .await?;
    match id {
        Some(id) => by_id(conn, crate::parse_uuid(&id)?).await,
        None => Ok(None),
    }
}
