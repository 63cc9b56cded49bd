//! The organisation's profile: one row, with its logo kept among the attachments.

use nimbo_domain::order::AttachmentRef;
use nimbo_domain::organisation::Organisation;
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_time, time_text};

/// Reads the profile, if the organisation was set up.
pub async fn load(conn: &mut SqliteConnection) -> Result<Option<Organisation>, StoreError> {
    let row = sqlx::query(
        "SELECT o.name, o.ruc, o.demo, o.created_at, o.address, o.phone, o.email, o.website, \
         o.tbo_url, o.mco_password_delivery, o.ticket_instructions, o.response_critical, \
         o.response_high, o.response_normal, o.suspension_grace_days, a.sha256, a.name AS logo_name, a.size AS logo_size, a.media_type AS logo_type \
         FROM organisation o LEFT JOIN attachments a ON a.sha256 = o.logo_sha256 WHERE o.id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        let logo = row
            .get::<Option<String>, _>("sha256")
            .map(|sha256| AttachmentRef {
                sha256,
                name: row.get("logo_name"),
                size: u64::try_from(row.get::<i64, _>("logo_size")).unwrap_or(0),
                media_type: row.get("logo_type"),
            });
        Ok(Organisation {
            name: row.get("name"),
            ruc: row
                .get::<String, _>("ruc")
                .parse()
                .map_err(|e: nimbo_domain::ruc::RucError| StoreError::Corrupt(e.to_string()))?,
            demo: row.get::<i64, _>("demo") != 0,
            created_at: parse_time(row.get("created_at"))?,
            address: row.get("address"),
            phone: row.get("phone"),
            email: row.get("email"),
            website: row.get("website"),
            logo,
            tbo_url: row.get("tbo_url"),
            mco_password_delivery: row.get("mco_password_delivery"),
            ticket_instructions: row.get("ticket_instructions"),
            response_critical: row.get("response_critical"),
            response_high: row.get("response_high"),
            response_normal: row.get("response_normal"),
            suspension_grace_days: row
                .get::<Option<i64>, _>("suspension_grace_days")
                .map(|days| {
                    u32::try_from(days)
                        .map_err(|_| StoreError::Corrupt(format!("suspension_grace_days {days}")))
                })
                .transpose()?,
        })
    })
    .transpose()
}

/// Rewrites the profile's editable parts (the logo's content must be stored first).
pub async fn update(conn: &mut SqliteConnection, org: &Organisation) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE organisation SET name = ?, ruc = ?, address = ?, phone = ?, email = ?, website = ?, \
         logo_sha256 = ?, tbo_url = ?, mco_password_delivery = ?, ticket_instructions = ?, \
         response_critical = ?, response_high = ?, response_normal = ?, suspension_grace_days = ? \
         WHERE id = 1",
    )
    .bind(&org.name)
    .bind(org.ruc.to_string())
    .bind(&org.address)
    .bind(&org.phone)
    .bind(&org.email)
    .bind(&org.website)
    .bind(org.logo.as_ref().map(|l| l.sha256.clone()))
    .bind(&org.tbo_url)
    .bind(&org.mco_password_delivery)
    .bind(&org.ticket_instructions)
    .bind(&org.response_critical)
    .bind(&org.response_high)
    .bind(&org.response_normal)
    .bind(org.suspension_grace_days.map(i64::from))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes the profile in the state given, whether or not this database was set up yet (a
/// profile replayed from another laptop): every column, the demo flag and creation time
/// included. A logo's content must be stored first: the row refers to the attachments.
pub async fn upsert(conn: &mut SqliteConnection, org: &Organisation) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO organisation (id, name, ruc, demo, created_at) VALUES (1, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET demo = excluded.demo, created_at = excluded.created_at",
    )
    .bind(&org.name)
    .bind(org.ruc.to_string())
    .bind(i64::from(org.demo))
    .bind(time_text(org.created_at))
    .execute(&mut *conn)
    .await?;
    update(conn, org).await
}
