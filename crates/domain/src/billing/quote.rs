//! The pre-sales calculator (issue 12, `nimbo billing quote`): what a month will cost a
//! customer, computed by the same code as the billing run — the request becomes the inputs
//! of a run for one imaginary subscription — so a quote and an invoice cannot disagree.
//! And the reading of what a person types for it (`2026-11-23T17:00/2026-11-23T19:30`,
//! `1.234,57`, `23/11/2026`), refused with a Spanish sentence that shows how to write it.
//!
//! `nimbo billing quote --period 2026-11 --active-from 25/11/2026 --consumption 1.234,57
//! --vip --hours 2026-11-30T17:00/2026-11-30T19:30` is, in the domain's words:
//!
//! ```
//! use nimbo_domain::billing::quote::{QuoteRequest, parse_amount, parse_day, parse_interval, parse_period, quote};
//! use nimbo_domain::billing::seed_holidays;
//! use nimbo_domain::catalogue::initial_prices;
//!
//! # fn main() -> Result<(), nimbo_domain::billing::QuoteError> {
//! let request = QuoteRequest {
//!     active_from: Some(parse_day("25/11/2026")?),
//!     consumption: Some(parse_amount("1.234,57")?),
//!     vip: true,
//!     hours: vec![parse_interval("2026-11-30T17:00/2026-11-30T19:30")?],
//!     ..QuoteRequest::new(parse_period("2026-11")?)
//! };
//! let quoted = quote(&request, &initial_prices(), &seed_holidays())?;
//! assert_eq!(quoted.lines.len(), 4); // consumption, VIP, business hours, after hours
//! assert_eq!(quoted.total.to_string(), "1740.49");
//! # Ok(())
//! # }
//! ```

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::business_hours::check_entry;
use super::consumption::ConsumptionAggregate;
use super::flag::Flag;
use super::holiday::Holiday;
use super::hours::HoursEntry;
use super::line::{ChargeCategory, ChargeLine};
use super::period::Period;
pub use super::quote_error::QuoteError;
pub use super::quote_parse::{parse_amount, parse_day, parse_interval, parse_period};
use super::run::{BillableSubscription, RunInputs, run};
use crate::catalogue::{PlanPrice, Pricing};
use crate::subscription::SubscriptionStatus;

/// What pre-sales asks a quote for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRequest {
    /// The period (`2026-11`: 15/11/2026 – 14/12/2026).
    pub period: Period,
    /// The first active day, if the service starts inside the period.
    pub active_from: Option<NaiveDate>,
    /// The last active day, if it ends inside the period.
    pub active_until: Option<NaiveDate>,
    /// The month's AWS consumption, net of credits.
    pub consumption: Option<Decimal>,
    /// Whether the VIP managed services are contracted.
    pub vip: bool,
    /// Intervals of professional services, Asunción local time.
    pub hours: Vec<(NaiveDateTime, NaiveDateTime)>,
}

impl QuoteRequest {
    /// A request for `period` only: active all of it, no consumption, no VIP, no hours.
    pub fn new(period: Period) -> QuoteRequest {
        QuoteRequest {
            period,
            active_from: None,
            active_until: None,
            consumption: None,
            vip: false,
            hours: Vec::new(),
        }
    }
}

/// What a month will cost: the lines a run would bill and their sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The period quoted.
    pub period: Period,
    /// The lines, as the run makes them.
    pub lines: Vec<ChargeLine>,
    /// What the run would ask to look at.
    pub flags: Vec<Flag>,
    /// The sum of the lines' nets.
    pub net: Decimal,
    /// The sum of their IVA.
    pub iva: Decimal,
    /// The sum of their totals.
    pub total: Decimal,
}

/// The imaginary subscription a quote is billed to.
const QUOTED: Uuid = Uuid::from_u128(0x51d4_6c2e_93b7_4f0a_8e1d_7a05_c3f9_2b64);

/// The quote of `request`, priced with the `prices` in force on the period's first day.
pub fn quote(
    request: &QuoteRequest,
    prices: &[PlanPrice],
    holidays: &[Holiday],
) -> Result<Quote, QuoteError> {
    let period = request.period;
    let from = request.active_from.unwrap_or(period.first_day());
    if let Some(until) = request.active_until
        && until < from
    {
        return Err(QuoteError::EndsBeforeItStarts {
            from: from.format("%d/%m/%Y").to_string(),
            until: until.format("%d/%m/%Y").to_string(),
        });
    }
    if period.active_days(from, request.active_until) == 0 {
        return Err(QuoteError::NotActiveInPeriod(period.span_display()));
    }
    let mut inputs = RunInputs::new(period, prices, holidays);
    let first_code = |wanted: fn(&Pricing) -> bool| {
        inputs
            .plans
            .iter()
            .find(|p| wanted(&p.pricing))
            .map(|p| p.code.clone())
    };
    let mut plans: Vec<String> = first_code(|p| matches!(p, Pricing::Consumption))
        .into_iter()
        .collect();
    if request.vip {
        let vip = first_code(|p| matches!(p, Pricing::ShareOfConsumption { .. }));
        let first_day = period.first_day().format("%d/%m/%Y").to_string();
        plans.push(vip.ok_or(QuoteError::NoVipPlan(first_day))?);
    }
    if let Some(amount) = request.consumption {
        inputs.consumption.push(ConsumptionAggregate {
            subscription_id: QUOTED,
            aws_account: String::new(),
            period,
            month: period.to_string(),
            service: "AWS".into(),
            category: ChargeCategory::Usage,
            amount,
            rows: 1,
        });
    }
    for (i, &(start, end)) in request.hours.iter().enumerate() {
        // One imaginary person per interval: a quote may count people working together.
        let entry = HoursEntry {
            id: Uuid::from_u128(i as u128),
            subscription_id: QUOTED,
            person: format!("quote-{i}"),
            start,
            end,
            what: String::new(),
            logged_by: String::new(),
            logged_at: chrono::DateTime::UNIX_EPOCH,
        };
        check_entry(&entry, &inputs.hours).map_err(QuoteError::Hours)?;
        if Period::of_day(start.date()) != period {
            return Err(QuoteError::HoursOutsidePeriod {
                start: start.format("%d/%m/%Y %H:%M").to_string(),
                period: period.span_display(),
            });
        }
        inputs.hours.push(entry);
    }
    inputs.subscriptions.push(BillableSubscription {
        id: QUOTED,
        customer_id: Uuid::nil(),
        subscriber_id: String::new(),
        billing_account: String::new(),
        plans,
        activation_date: from,
        termination_date: request.active_until,
        status: SubscriptionStatus::Active,
    });
    let billed = run(&inputs);
    Ok(Quote {
        period,
        lines: billed.lines().cloned().collect(),
        flags: billed.flags,
        net: billed.net,
        iva: billed.iva,
        total: billed.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::LineKind;
    use crate::billing::holidays_py::seed_holidays;
    use crate::catalogue::initial_prices;
    use crate::code::ErrorCode;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn november() -> QuoteRequest {
        QuoteRequest::new(parse_period("2026-11").unwrap_or(Period::of_day(Default::default())))
    }

    #[test]
    fn a_vip_customer_from_the_25th_with_1234_57_of_consumption_and_an_evening_of_work() {
        let request = QuoteRequest {
            active_from: parse_day("25/11/2026").ok(),
            consumption: parse_amount("1.234,57").ok(),
            vip: true,
            // Monday 30 November: 17:00–18:00 business, 18:00–19:30 after hours.
            hours: vec![parse_interval("2026-11-30T17:00/2026-11-30T19:30").unwrap_or_default()],
            ..november()
        };
        let q = quote(&request, &initial_prices(), &seed_holidays());
        let q = q
            .map_err(|e| e.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<LineKind> = q.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Consumption,
                LineKind::VipFee,
                LineKind::BusinessHours,
                LineKind::AfterHours
            ]
        );
        let nets: Vec<Decimal> = q.lines.iter().map(|l| l.net).collect();
        // 1,234.57; 185.19; 60 min × 50 = 50.00; 90 min × 75 = 112.50.
        assert_eq!(nets, [d("1234.57"), d("185.19"), d("50.00"), d("112.50")]);
        assert_eq!(q.net, d("1582.26"));
        // IVA per line: 123.46 + 18.52 + 5.00 + 11.25 = 158.23.
        assert_eq!(q.iva, d("158.23"));
        assert_eq!(q.total, d("1740.49"));
    }

    #[test]
    fn a_quote_without_consumption_or_vip_has_no_lines() {
        let q = quote(&november(), &initial_prices(), &seed_holidays());
        assert_eq!(q.map(|q| (q.lines.len(), q.total)), Ok((0, Decimal::ZERO)));
    }

    #[test]
    fn a_quote_that_cannot_be_billed_is_refused_saying_why() {
        let backwards = QuoteRequest {
            hours: vec![parse_interval("2026-11-23T19:00/2026-11-23T17:00").unwrap_or_default()],
            ..november()
        };
        let err = quote(&backwards, &initial_prices(), &[]).err();
        assert_eq!(
            err.map(|e| e.code()),
            Some(ErrorCode::HoursEndNotAfterStart)
        );

        let elsewhere = QuoteRequest {
            hours: vec![parse_interval("2026-12-15T09:00/2026-12-15T10:00").unwrap_or_default()],
            ..november()
        };
        let err = quote(&elsewhere, &initial_prices(), &[]).err();
        assert!(matches!(err, Some(QuoteError::HoursOutsidePeriod { .. })));

        let ends_first = QuoteRequest {
            active_from: parse_day("30/11/2026").ok(),
            active_until: parse_day("20/11/2026").ok(),
            ..november()
        };
        let err = quote(&ends_first, &initial_prices(), &[])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "el servicio termina el 20/11/2026 antes de empezar el 30/11/2026: revise las fechas"
            )
        );
    }
}
