//! One subscription as its page shows it (issue 13): what it is and its contract, its
//! status over time as its processes changed it, the processes with their open steps,
//! the documents of the order that started it and of its processes, the charges of its
//! locked periods and its billing account's debt. Read-only: every figure comes from the
//! records the rules wrote.

use chrono::{DateTime, Utc};
use nimbo_domain::Lang;
use nimbo_domain::billing::{Debt, debt};
use nimbo_domain::service::{Effect, ServiceProcess};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::{billing, customers, documents, orders, processes};
use serde::Serialize;

use super::billing::charges::CustomerChargeLine;
use super::billing::invoices::{InvoiceLine, line as invoice_line};
use super::billing::periods::period_label;
use super::billing::run::line_view;
use super::billing::subscriptions::find as find_subscription;
use super::billing::two_places;
use super::processes::lines as process_lines;
use crate::context::require;
use crate::views::processes::ProcessLine;
use crate::views::subscriptions::{SubscriptionView, subscription_view};
use crate::views::{day, instant};
use crate::{AppError, Nimbo};

/// A change of the subscription's status: its activation, a cut, a reconnection, a
/// termination (whole or of some services).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StatusChangeView {
    /// The day it took effect (`YYYY-MM-DD`).
    pub on: String,
    /// `active`, `suspended`, `terminated` or `partly_terminated`.
    pub status: String,
    /// What happened, in words («Suspendida por deuda»).
    pub label: String,
    /// The process that made it, if any (`SUS-…`).
    pub process: Option<String>,
    /// When the step that made it was completed (RFC 3339), if a process made it.
    pub recorded_at: Option<String>,
}

/// A document of the subscription: its order's Welcome KIT, acts.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SubscriptionDocumentView {
    /// Its number (`KIT-…`).
    pub number: String,
    /// Its kind's name.
    pub name: String,
    /// The latest version.
    pub version: u32,
    /// The latest version's signature state, in words.
    pub state: String,
    /// The order or process it belongs to, to open it there.
    pub holder: String,
    /// Whether that is a termination, suspension or reconnection rather than the order.
    pub of_process: bool,
}

/// One locked period's lines of this subscription.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SubscriptionPeriodView {
    /// `2026-11`.
    pub period: String,
    /// «nov. 2026 (15/11–14/12)».
    pub label: String,
    /// The lines, each with its explanation.
    pub lines: Vec<CustomerChargeLine>,
    /// The period's total with IVA, USD with two places.
    pub total: String,
}

/// A subscription's page.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SubscriptionPageView {
    /// The subscription.
    pub subscription: SubscriptionView,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// The order that started it (`7K3F-000123`).
    pub order: Option<String>,
    /// The contract's terms in words (standard service when none).
    pub contract: String,
    /// The last day of service, once terminated (`YYYY-MM-DD`).
    pub termination_date: Option<String>,
    /// Its status over time, oldest first.
    pub history: Vec<StatusChangeView>,
    /// Its terminations, suspensions and reconnections, oldest first.
    pub processes: Vec<ProcessLine>,
    /// Its order's and its processes' documents, latest versions.
    pub documents: Vec<SubscriptionDocumentView>,
    /// Its charges in locked periods, newest first.
    pub charges: Vec<SubscriptionPeriodView>,
    /// What the billing account owes today, USD with two places.
    pub owed: String,
    /// The part of it past due.
    pub overdue: String,
    /// The billing account's invoices, by due day.
    pub invoices: Vec<InvoiceLine>,
}

/// The page of the subscription a person means (Subscriber ID or id).
pub async fn page(
    nimbo: &Nimbo,
    subscription: &str,
    lang: Lang,
) -> Result<SubscriptionPageView, AppError> {
    let plans = crate::actions::catalogue::plans(nimbo).await?;
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let s = find_subscription(&mut conn, subscription).await?;
    let customer = customers::by_id(&mut conn, s.customer_id).await?;
    let order = orders::by_id(&mut conn, s.order_id).await?;
    let found = processes::of_subscription(&mut conn, s.id).await?;
    let history = history(&s, &found, lang);

    // The order's documents, then each process's, latest versions only.
    let mut holders = Vec::new();
    if let Some(o) = &order {
        holders.push((
            o.number.clone(),
            false,
            documents::versions_of_order(&mut conn, o.id).await?,
        ));
    }
    for p in &found {
        holders.push((
            p.number().to_string(),
            true,
            documents::versions_of_process(&mut conn, p.id()).await?,
        ));
    }
    let mut docs = Vec::new();
    for (holder, of_process, versions) in &holders {
        for v in versions {
            let newer = versions
                .iter()
                .any(|w| w.document_id == v.document_id && w.version > v.version);
            if !newer {
                docs.push(SubscriptionDocumentView {
                    number: v.number.clone(),
                    name: v.kind.name(lang).to_string(),
                    version: v.version,
                    state: v.signature.state.id().name(lang).to_string(),
                    holder: holder.clone(),
                    of_process: *of_process,
                });
            }
        }
    }
    let processes = process_lines(&mut conn, found, nimbo.now(), lang).await?;

    let mut by_period = std::collections::BTreeMap::new();
    for l in billing::locks::lines_of_subscription(&mut conn, s.id).await? {
        by_period.entry(l.period).or_insert_with(Vec::new).push(l);
    }
    let charges = by_period
        .into_iter()
        .rev()
        .map(|(p, lines)| SubscriptionPeriodView {
            period: p.to_string(),
            label: period_label(p, lang),
            total: two_places(lines.iter().map(|l| l.total).sum()),
            lines: lines
                .iter()
                .map(|l| CustomerChargeLine {
                    subscriber_id: s.subscriber_id.clone(),
                    line: line_view(l, lang),
                })
                .collect(),
        })
        .collect();

    let today = today_in_asuncion(nimbo.now());
    let invoices = billing::invoices::of_account(&mut conn, &s.billing_account).await?;
    let Debt { owed, overdue, .. } = debt(&invoices, today);
    Ok(SubscriptionPageView {
        subscription: subscription_view(&s, lang, &plans),
        customer: customer
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        ruc: customer
            .as_ref()
            .map(|c| c.ruc.to_string())
            .unwrap_or_default(),
        order: order.map(|o| o.number),
        contract: s.terms.as_ref().map_or_else(
            || {
                lang.pick(
                    "servicio estándar, sin plazo ni penalidades",
                    "standard service, no term and no penalties",
                )
                .to_string()
            },
            |t| t.summary(lang),
        ),
        termination_date: s.termination_date.map(day),
        history,
        processes,
        documents: docs,
        charges,
        owed: two_places(owed),
        overdue: two_places(overdue),
        invoices: invoices
            .iter()
            .map(|i| invoice_line(i, customer.as_ref(), today))
            .collect(),
    })
}

/// The subscription's status over time: active from its activation, then each change a
/// process's step made, in the order they took effect.
fn history(s: &Subscription, found: &[ServiceProcess], lang: Lang) -> Vec<StatusChangeView> {
    let mut changes: Vec<(DateTime<Utc>, &str, Effect)> = found
        .iter()
        .flat_map(|p| {
            p.effects()
                .into_iter()
                .map(move |(at, e)| (at, p.number(), e))
        })
        .collect();
    changes.sort_by_key(|(at, _, _)| *at);
    let mut out = vec![StatusChangeView {
        on: day(s.activation_date),
        status: "active".into(),
        label: lang
            .pick("Activa (alta del servicio)", "Active (service started)")
            .into(),
        process: None,
        recorded_at: None,
    }];
    for (at, number, effect) in changes {
        let (on, status, label) = match &effect {
            Effect::None => continue,
            Effect::Suspended { on } => (
                *on,
                "suspended",
                lang.pick(
                    "Suspendida por deuda (corte en el MCO)",
                    "Suspended for debt (cut on the MCO)",
                )
                .to_string(),
            ),
            Effect::Reactivated { on } => (
                *on,
                "active",
                lang.pick("Reconectada tras el pago", "Reconnected after payment")
                    .to_string(),
            ),
            Effect::Terminated { on } => (
                *on,
                "terminated",
                lang.pick("Terminada (baja total)", "Terminated (whole contract)")
                    .to_string(),
            ),
            Effect::PartlyTerminated {
                plans,
                aws_accounts,
                on,
                ..
            } => {
                let what: Vec<String> = plans
                    .iter()
                    .cloned()
                    .chain(aws_accounts.iter().map(|a| format!("AWS {a}")))
                    .collect();
                (
                    *on,
                    "partly_terminated",
                    format!(
                        "{}: {}",
                        lang.pick("Baja parcial", "Partial termination"),
                        what.join(", ")
                    ),
                )
            }
        };
        out.push(StatusChangeView {
            on: day(on),
            status: status.into(),
            label,
            process: Some(number.to_string()),
            recorded_at: Some(instant(at)),
        });
    }
    out
}
