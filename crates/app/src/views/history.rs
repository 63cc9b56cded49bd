//! An order's history in words: who did what and when, the same wording on the command
//! line and in the desktop app — for what was done on this laptop (and, if the server
//! refused it, that it was refused and why) and for what other laptops did.

use nimbo_domain::Lang;
use nimbo_domain::history::HistoryEntry;
use nimbo_domain::order::Step;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{People, instant};
use crate::actions::orders;
use crate::{AppError, Nimbo};

/// One event of an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HistoryEntryView {
    /// When (RFC 3339).
    pub at: String,
    /// Who (a username).
    pub actor: String,
    /// Their full name.
    pub actor_name: String,
    /// What they did, in words (with the server's refusal, when it refused it).
    pub text: String,
    /// The server's reason, when it refused this change made here: it did not stand.
    pub refused: Option<String>,
    /// Whether it was done on another laptop and brought here by sync.
    pub elsewhere: bool,
}

/// Says what an entry of a history did, in the user's words, and that the server
/// refused it when it did.
pub fn describe_entry(lang: Lang, entry: &HistoryEntry) -> String {
    let text = describe_event(lang, &entry.action, &entry.changes);
    match entry.refused() {
        Some(reason) => format!(
            "{text} ({}: {reason})",
            lang.pick("rechazado por el servidor", "refused by the server")
        ),
        None => text,
    }
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
        "order.rejected" if v.get("back_to").is_some() => format!(
            "{} {} {} {}: «{reason}»",
            lang.pick("rechazó en el paso", "rejected at step"),
            step("step"),
            lang.pick("y lo devolvió al", "and sent it back to"),
            step("back_to")
        ),
        "order.rejected" => format!(
            "{} {}: «{reason}»",
            lang.pick("rechazó en el paso", "rejected at step"),
            step("step")
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
    let people = People::load(nimbo).await?;
    Ok(orders::history(nimbo, number)
        .await?
        .iter()
        .map(|e| HistoryEntryView {
            at: instant(e.at),
            actor: e.actor.clone(),
            actor_name: people.name(&e.actor),
            text: describe_entry(lang, e),
            refused: e.refused().map(str::to_string),
            elsewhere: e.from_elsewhere(),
        })
        .collect())
}
