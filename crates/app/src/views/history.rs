//! An order's history in words: who did what and when, the same wording on the command
//! line and in the desktop app.

use nimbo_domain::Lang;
use nimbo_domain::order::Step;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::instant;
use crate::{AppError, Nimbo, orders};

/// One event of an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HistoryEntryView {
    /// When (RFC 3339).
    pub at: String,
    /// Who (a username).
    pub actor: String,
    /// What they did, in words.
    pub text: String,
}

/// Says what an event of an order's history did, in the user's words.
pub fn describe_event(lang: Lang, action: &str, changes: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(changes).unwrap_or_default();
    let step = |key: &str| {
        v.get(key)
            .and_then(|n| n.as_u64())
            .and_then(|n| u8::try_from(n).ok())
            .and_then(Step::from_number)
            .map(|s| format!("{} «{}»", s.number(), s.name(lang)))
            .unwrap_or_default()
    };
    let reason = v.get("reason").and_then(|r| r.as_str()).unwrap_or_default();
    match action {
        "order.opened" => lang.pick("abrió el pedido", "opened the order").to_string(),
        "order.step_completed" => format!(
            "{} {}",
            lang.pick("completó el paso", "completed step"),
            step("step")
        ),
        "order.rejected" => format!(
            "{} {} {} {}: «{reason}»",
            lang.pick("rechazó en el paso", "rejected at step"),
            step("step"),
            lang.pick("y lo devolvió al", "and sent it back to"),
            step("back_to")
        ),
        "order.step_skipped" => format!(
            "{} {}: «{reason}»",
            lang.pick("omitió el paso", "skipped step"),
            step("step")
        ),
        "order.cancelled" => format!(
            "{}: «{reason}»",
            lang.pick("canceló el pedido", "cancelled the order")
        ),
        other => format!("{other} {changes}"),
    }
}

/// An order's history, oldest first.
pub async fn order_history(
    nimbo: &Nimbo,
    number: &str,
    lang: Lang,
) -> Result<Vec<HistoryEntryView>, AppError> {
    Ok(orders::history(nimbo, number)
        .await?
        .iter()
        .map(|e| HistoryEntryView {
            at: instant(e.at),
            actor: e.actor.clone(),
            text: describe_event(lang, &e.action, &e.changes),
        })
        .collect())
}
