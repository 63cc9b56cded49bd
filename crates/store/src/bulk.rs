//! Batched inserts for loading many records at once (demonstration data, imports):
//! multi-row INSERTs inside the caller's transaction, so that 100,000 orders load in
//! seconds rather than minutes.

use nimbo_domain::audit::AuditEvent;
use nimbo_domain::customer::{Customer, search_key};
use nimbo_domain::order::Order;
use nimbo_domain::subscription::Subscription;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::{StoreError, time_text, to_json};

/// Rows per statement: keeps each statement under SQLite's bound-parameter limit.
const BATCH: usize = 1_000;

/// Inserts customers and their representatives.
pub async fn customers(conn: &mut SqliteConnection, list: &[Customer]) -> Result<(), StoreError> {
    for chunk in list.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO customers (id, ruc, name, search_name, segment, address, billing_account, \
             billing_cycle, contract_signed_on, contract_reference, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, c| {
            b.push_bind(c.id.to_string())
                .push_bind(c.ruc.to_string())
                .push_bind(c.name.clone())
                .push_bind(search_key(&c.name))
                .push_bind(c.segment.id())
                .push_bind(c.address.clone())
                .push_bind(c.billing_account.as_ref().map(|a| a.number.clone()))
                .push_bind(c.billing_account.as_ref().map(|a| i64::from(a.cycle)))
                .push_bind(c.master_contract.as_ref().map(|m| m.signed_on.to_string()))
                .push_bind(c.master_contract.as_ref().map(|m| m.reference.clone()))
                .push_bind(time_text(c.created_at))
                .push_bind(time_text(c.created_at));
        });
        q.build().execute(&mut *conn).await?;
    }
    let reps: Vec<_> = list
        .iter()
        .flat_map(|c| {
            c.representatives
                .iter()
                .enumerate()
                .map(move |(i, r)| (c.id, i, r))
        })
        .collect();
    for chunk in reps.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO legal_representatives (id, customer_id, name, document, email, phone, position) ",
        );
        q.push_values(chunk, |mut b, (cid, i, r)| {
            b.push_bind(r.id.to_string())
                .push_bind(cid.to_string())
                .push_bind(r.name.clone())
                .push_bind(r.document.clone())
                .push_bind(r.email.clone())
                .push_bind(r.phone.clone())
                .push_bind(*i as i64);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts orders.
pub async fn orders(conn: &mut SqliteConnection, list: &[Order]) -> Result<(), StoreError> {
    for chunk in list.chunks(BATCH) {
        let bodies = chunk.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO orders (id, number, customer_id, title, status, current_step, current_role, step_since, \
             created_at, updated_at, body) ",
        );
        q.push_values(chunk.iter().zip(bodies), |mut b, (o, body)| {
            b.push_bind(o.id.to_string())
                .push_bind(o.number.clone())
                .push_bind(o.customer_id.to_string())
                .push_bind(o.title.clone())
                .push_bind(o.status.id())
                .push_bind(o.current.map(|s| i64::from(s.number())))
                .push_bind(o.current.map(|s| s.role().id()))
                .push_bind(time_text(o.step_since))
                .push_bind(time_text(o.created_at))
                .push_bind(time_text(o.step_since))
                .push_bind(body);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts subscriptions.
pub async fn subscriptions(
    conn: &mut SqliteConnection,
    list: &[Subscription],
) -> Result<(), StoreError> {
    for chunk in list.chunks(BATCH) {
        let bodies = chunk.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO subscriptions (id, order_id, customer_id, subscriber_id, billing_account, activation_date, \
             status, body, created_at) ",
        );
        q.push_values(chunk.iter().zip(bodies), |mut b, (s, body)| {
            b.push_bind(s.id.to_string())
                .push_bind(s.order_id.to_string())
                .push_bind(s.customer_id.to_string())
                .push_bind(s.subscriber_id.clone())
                .push_bind(s.billing_account.clone())
                .push_bind(s.activation_date.to_string())
                .push_bind(s.status.id())
                .push_bind(body)
                .push_bind(time_text(s.created_at));
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Appends audit events, already sealed in chain order.
pub async fn audit_events(
    conn: &mut SqliteConnection,
    list: &[AuditEvent],
) -> Result<(), StoreError> {
    for chunk in list.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_events (id, device, seq, at, hlc, actor, action, entity, entity_id, changes, prev_hash, hash) ",
        );
        q.push_values(chunk, |mut b, e| {
            b.push_bind(e.id.to_string())
                .push_bind(e.device.to_string())
                .push_bind(e.seq)
                .push_bind(time_text(e.at))
                .push_bind(e.hlc.clone())
                .push_bind(e.actor.clone())
                .push_bind(e.action.clone())
                .push_bind(e.entity.clone())
                .push_bind(e.entity_id.to_string())
                .push_bind(e.changes.clone())
                .push_bind(e.prev_hash.clone())
                .push_bind(e.hash.clone());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}
