//! This device: its id and code, the head of its audit chain, its hybrid logical clock
//! and its order numbering. Read and advanced inside each write transaction.

use nimbo_domain::audit::GENESIS;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::time::device_code;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_uuid};

/// The device's counters as stored.
#[derive(Debug, Clone)]
pub struct DeviceState {
    /// Its id.
    pub id: Uuid,
    /// Its short code.
    pub code: String,
    /// The place of its last audit event.
    pub audit_seq: i64,
    /// The hash of its last audit event.
    pub audit_head: String,
    /// Its clock.
    pub hlc: Hlc,
    /// The sequence of its last order number.
    pub order_seq: i64,
}

/// Reads the device's state, creating it on first use.
pub async fn load(conn: &mut SqliteConnection) -> Result<DeviceState, StoreError> {
    let row = sqlx::query(
        "SELECT device_id, code, audit_seq, audit_head, hlc, order_seq FROM device WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(DeviceState {
            id: parse_uuid(row.get("device_id"))?,
            code: row.get("code"),
            audit_seq: row.get("audit_seq"),
            audit_head: row.get("audit_head"),
            hlc: row
                .get::<String, _>("hlc")
                .parse()
                .map_err(StoreError::Corrupt)?,
            order_seq: row.get("order_seq"),
        }),
        None => {
            let id = Uuid::new_v4();
            let code = device_code(id);
            let state = DeviceState {
                id,
                hlc: Hlc::zero(&code),
                code,
                audit_seq: 0,
                audit_head: GENESIS.to_string(),
                order_seq: 0,
            };
            sqlx::query("INSERT INTO device (id, device_id, code, audit_seq, audit_head, hlc, order_seq) VALUES (1, ?, ?, 0, ?, ?, 0)")
                .bind(state.id.to_string())
                .bind(&state.code)
                .bind(&state.audit_head)
                .bind(state.hlc.to_string())
                .execute(&mut *conn)
                .await?;
            Ok(state)
        }
    }
}

/// Writes the device's counters back.
pub async fn save(conn: &mut SqliteConnection, state: &DeviceState) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE device SET audit_seq = ?, audit_head = ?, hlc = ?, order_seq = ? WHERE id = 1",
    )
    .bind(state.audit_seq)
    .bind(&state.audit_head)
    .bind(state.hlc.to_string())
    .bind(state.order_seq)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
