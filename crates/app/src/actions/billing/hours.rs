//! The professional hours log: the order manager, pre-sales or regional log intervals of
//! work on a subscription, split and billed by the period's run.

use chrono::NaiveDateTime;
use nimbo_domain::billing::{HoursEntry, business_hours::whole_minute};
use nimbo_domain::operation::{Command, EntityKind, Record};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::problem::{FieldError, Problem};
use nimbo_store::billing;
use uuid::Uuid;

use super::subscriptions::find;
use crate::context::{actor, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

/// An interval as typed: Asunción local times `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, Default)]
pub struct HoursDraft {
    /// The subscription: Subscriber ID or id.
    pub subscription: String,
    /// Who worked (username); empty means the person logging it.
    pub person: String,
    /// When the work started.
    pub start: String,
    /// When it ended.
    pub end: String,
    /// What was done.
    pub what: String,
}

fn local(field: &str, es: &str, en: &str, text: &str) -> Result<NaiveDateTime, AppError> {
    let t = text.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
        .map(whole_minute)
        .map_err(|_| {
            invalid(vec![FieldError::new(
                field,
                es,
                en,
                Problem::BadShape {
                    given: t.to_string(),
                    expected_es: "fecha y hora de Asunción, AAAA-MM-DDTHH:MM",
                    expected_en: "Asunción date and time, YYYY-MM-DDTHH:MM",
                    example: "2026-11-23T17:00",
                },
            )])
        })
}

/// Logs an interval of work; refused when it ends before it starts, lasts over a day,
/// overlaps the person's other work or falls in a locked period.
pub async fn log(nimbo: &Nimbo, by: &str, draft: &HoursDraft) -> Result<HoursEntry, AppError> {
    let now = nimbo.now();
    let start = local("start", "Inicio", "Start", &draft.start)?;
    let end = local("end", "Fin", "End", &draft.end)?;
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::LogHours)?;
    let subscription = find(&mut tx, &draft.subscription).await?;
    let person = if draft.person.trim().is_empty() {
        user.username.clone()
    } else {
        draft.person.trim().to_string()
    };
    let entry = HoursEntry {
        id: Uuid::now_v7(),
        subscription_id: subscription.id,
        person,
        start,
        end,
        what: draft.what.clone(),
        logged_by: user.username.clone(),
        logged_at: now,
    };
    let change = Change::command(
        &user,
        EntityKind::Hours,
        entry.id,
        Command::LogHours { entry },
    );
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "hours", |r| match r {
        Record::Hours(h) => Some(h),
        _ => None,
    })
}

/// A subscription's logged intervals, newest first.
pub async fn of_subscription(
    nimbo: &Nimbo,
    subscription: &str,
) -> Result<Vec<HoursEntry>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let s = find(&mut conn, subscription).await?;
    Ok(billing::hours::of_subscription(&mut conn, s.id).await?)
}
