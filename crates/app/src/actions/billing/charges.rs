//! What a customer was charged, as its page shows it: the lines of its subscriptions in
//! each locked period, and its consumption by period and by AWS service for the chart.
//! Read-only: nothing here decides or changes anything.

use std::collections::BTreeMap;

use nimbo_domain::Lang;
use nimbo_domain::billing::gather::current_sums;
use nimbo_domain::billing::{ChargeCategory, ChargeLine, Period};
use nimbo_store::{billing, subscriptions};
use rust_decimal::Decimal;
use serde::Serialize;

use super::periods::{next_open, period_label};
use super::run::{LineView, line_view};
use super::two_places;
use crate::context::{find_customer, require};
use crate::{AppError, Nimbo};

/// One locked period's lines of the customer.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PeriodCharges {
    /// `2026-11`.
    pub period: String,
    /// «nov. 2026 (15/11–14/12)».
    pub label: String,
    /// Its lines, each with the Subscriber ID it charges.
    pub lines: Vec<CustomerChargeLine>,
    /// Sums of the rounded lines.
    pub net: String,
    /// IVA.
    pub iva: String,
    /// Total.
    pub total: String,
}

/// A charge line with the subscription it charges.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CustomerChargeLine {
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The line.
    pub line: LineView,
}

/// A period's consumption of one AWS service (usage, purchases, credits and refunds;
/// AWS taxes apart), for the chart.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ServiceConsumption {
    /// `2026-11`.
    pub period: String,
    /// The AWS service, as the export names it.
    pub service: String,
    /// Amount in USD, two places.
    pub amount: String,
}

/// A customer's charges and consumption.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CustomerCharges {
    /// Its locked periods' lines, newest first.
    pub periods: Vec<PeriodCharges>,
    /// The last twelve periods up to the open one, oldest first: `(period, label)`.
    pub chart_periods: Vec<(String, String)>,
    /// Consumption by period and service in those periods.
    pub consumption: Vec<ServiceConsumption>,
}

/// The customer's charges in locked periods and its consumption of the last twelve
/// periods by service.
pub async fn of_customer(
    nimbo: &Nimbo,
    ruc: &str,
    lang: Lang,
) -> Result<CustomerCharges, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let customer = find_customer(&mut conn, ruc).await?;
    let subs = subscriptions::by_customer(&mut conn, customer.id).await?;
    let mut by_period: BTreeMap<Period, Vec<(String, ChargeLine)>> = BTreeMap::new();
    for s in &subs {
        for l in billing::locks::lines_of_subscription(&mut conn, s.id).await? {
            by_period
                .entry(l.period)
                .or_default()
                .push((s.subscriber_id.clone(), l));
        }
    }
    let periods = by_period
        .into_iter()
        .rev()
        .map(|(p, lines)| {
            let sum = |pick: fn(&ChargeLine) -> Decimal| {
                two_places(lines.iter().map(|(_, l)| pick(l)).sum())
            };
            PeriodCharges {
                period: p.to_string(),
                label: period_label(p, lang),
                net: sum(|l| l.net),
                iva: sum(|l| l.iva),
                total: sum(|l| l.total),
                lines: lines
                    .iter()
                    .map(|(subscriber_id, l)| CustomerChargeLine {
                        subscriber_id: subscriber_id.clone(),
                        line: line_view(l, lang),
                    })
                    .collect(),
            }
        })
        .collect();

    let open = next_open(&mut conn, nimbo.now()).await?;
    let mut chart: Vec<Period> = Vec::new();
    let mut p = open;
    for _ in 0..12 {
        chart.push(p);
        p = p.previous();
    }
    chart.reverse();
    let ids: Vec<uuid::Uuid> = subs.iter().map(|s| s.id).collect();
    let mut consumption = Vec::new();
    for &p in &chart {
        let imports = billing::consumption::reaching(&mut conn, p).await?;
        let mut services: BTreeMap<String, Decimal> = BTreeMap::new();
        for a in current_sums(&imports, p) {
            if ids.contains(&a.subscription_id) && a.category != ChargeCategory::Tax {
                *services.entry(a.service.clone()).or_default() += a.amount;
            }
        }
        consumption.extend(services.into_iter().map(|(service, d)| ServiceConsumption {
            period: p.to_string(),
            service,
            amount: two_places(d),
        }));
    }
    Ok(CustomerCharges {
        periods,
        chart_periods: chart
            .iter()
            .map(|p| (p.to_string(), period_label(*p, lang)))
            .collect(),
        consumption,
    })
}
