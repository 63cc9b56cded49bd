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
use std::str::FromStr;
use uuid::Uuid;

use super::business_hours::check_entry;
use super::consumption::ConsumptionAggregate;
use super::flag::Flag;
use super::holiday::Holiday;
use super::hours::HoursEntry;
use super::line::{ChargeCategory, ChargeLine};
use super::period::Period;
use super::run::{BillableSubscription, RunInputs, run};
use crate::Lang;
use crate::catalogue::{PlanPrice, Pricing};
use crate::code::ErrorCode;
use crate::error::DomainError;
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

/// Why a quote could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// Not a period.
    #[error("«{0}» no es un período: escríbalo como AAAA-MM, p. ej. 2026-11 (del 15/11 al 14/12)")]
    NotAPeriod(String),
    /// Not a day.
    #[error("«{0}» no es una fecha: escríbala dd/mm/aaaa, p. ej. 25/11/2026")]
    NotADay(String),
    /// Not an amount.
    #[error("«{0}» no es un importe: escríbalo con coma decimal, p. ej. 1.234,57")]
    NotAnAmount(String),
    /// A separator that may be read as thousands or as decimals.
    #[error(
        "«{0}» puede leerse como miles o como decimales: escriba los miles sin separador y los decimales con coma, p. ej. 1234 o 1,234"
    )]
    AmbiguousAmount(String),
    /// Not an interval.
    #[error(
        "«{0}» no es un intervalo: escríbalo INICIO/FIN en hora de Asunción, p. ej. 2026-11-23T17:00/2026-11-23T19:30"
    )]
    NotAnInterval(String),
    /// The service would end before it starts.
    #[error("el servicio termina el {until} antes de empezar el {from}: revise las fechas")]
    EndsBeforeItStarts {
        /// The first active day, dd/mm/aaaa.
        from: String,
        /// The last active day.
        until: String,
    },
    /// The service is not active on any day of the period.
    #[error("con esas fechas el servicio no está activo ningún día del período {0}")]
    NotActiveInPeriod(String),
    /// An interval that starts outside the period.
    #[error(
        "el trabajo que empieza el {start} no pertenece al período {period}: cotícelo en el período de su día"
    )]
    HoursOutsidePeriod {
        /// When it starts, dd/mm/aaaa hh:mm.
        start: String,
        /// The period, 15/11/2026 – 14/12/2026.
        period: String,
    },
    /// No VIP plan in force on the period's first day.
    #[error("no hay un plan VIP vigente el {0}: revise el catálogo de planes")]
    NoVipPlan(String),
    /// An interval the hours log would refuse.
    #[error("{}", .0.message(Lang::Es))]
    Hours(DomainError),
}

impl QuoteError {
    /// The refusal in the user's language (its `Display` is the Spanish).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Es {
            return self.to_string();
        }
        match self {
            QuoteError::NotAPeriod(t) => {
                format!("«{t}» is not a period: write it as YYYY-MM, e.g. 2026-11 (15/11 to 14/12)")
            }
            QuoteError::NotADay(t) => {
                format!("«{t}» is not a date: write it dd/mm/yyyy, e.g. 25/11/2026")
            }
            QuoteError::NotAnAmount(t) => {
                format!(
                    "«{t}» is not an amount: write it with a decimal point or comma, e.g. 1234.57"
                )
            }
            QuoteError::AmbiguousAmount(t) => format!(
                "«{t}» may be read as thousands or as decimals: write thousands without a separator and decimals with a point, e.g. 1234 or 1.234"
            ),
            QuoteError::NotAnInterval(t) => format!(
                "«{t}» is not an interval: write it START/END in Asunción time, e.g. 2026-11-23T17:00/2026-11-23T19:30"
            ),
            QuoteError::EndsBeforeItStarts { from, until } => {
                format!("the service ends on {until} before it starts on {from}: check the dates")
            }
            QuoteError::NotActiveInPeriod(p) => {
                format!("with those dates the service is not active on any day of the period {p}")
            }
            QuoteError::HoursOutsidePeriod { start, period } => format!(
                "the work starting on {start} does not belong to the period {period}: quote it in its day's period"
            ),
            QuoteError::NoVipPlan(day) => {
                format!("no VIP plan is in force on {day}: check the plan catalogue")
            }
            QuoteError::Hours(e) => e.message(Lang::En),
        }
    }

    /// The code scripts branch on: the hours log's own for an interval it would refuse,
    /// else `invalid_fields`.
    pub fn code(&self) -> ErrorCode {
        match self {
            QuoteError::Hours(e) => e.code(),
            _ => ErrorCode::InvalidFields,
        }
    }
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

/// A period as typed: `2026-11`.
pub fn parse_period(text: &str) -> Result<Period, QuoteError> {
    text.parse()
        .map_err(|_| QuoteError::NotAPeriod(text.trim().to_string()))
}

/// A day as typed: `25/11/2026` or `2026-11-25`.
pub fn parse_day(text: &str) -> Result<NaiveDate, QuoteError> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| QuoteError::NotADay(t.to_string()))
}

/// An amount as typed: `1234.57`, `1234,57`, `1.234,57`, `1,234.57`, `1.234.567`. With
/// both `.` and `,` the last is the decimal point and the other groups thousands (groups of
/// three); a separator written more than once groups thousands. One separator followed by
/// exactly three digits after one to three digits (`1.234`, `1,234`) is refused as
/// ambiguous — a thousand in es-PY, one and a bit in English. No exponent, no currency.
pub fn parse_amount(text: &str) -> Result<Decimal, QuoteError> {
    let t = text.trim();
    let bad = || QuoteError::NotAnAmount(t.to_string());
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let is_separator = |c: char| c == '.' || c == ',';
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || is_separator(c)) {
        return Err(bad());
    }
    let decimal_at = match (body.rfind('.'), body.rfind(',')) {
        (Some(dot), Some(comma)) => Some(dot.max(comma)),
        (Some(at), None) | (None, Some(at)) => {
            let separator = &body[at..=at];
            let (int, frac) = (&body[..at], &body[at + 1..]);
            if body.matches(separator).count() > 1 {
                None
            } else if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                return Err(QuoteError::AmbiguousAmount(t.to_string()));
            } else {
                Some(at)
            }
        }
        (None, None) => None,
    };
    let (int, frac) = match decimal_at {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, ""),
    };
    let groups: Vec<&str> = int.split(is_separator).collect();
    let grouping: Vec<char> = int.chars().filter(|&c| is_separator(c)).collect();
    let decimal = decimal_at.map(|at| &body[at..=at]);
    if groups.len() > 1
        && (grouping.windows(2).any(|w| w[0] != w[1])
            || decimal.is_some_and(|d| grouping.iter().any(|g| d.starts_with(*g)))
            || groups[0].is_empty()
            || groups[0].len() > 3
            || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    let digits = groups.concat();
    if digits.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    let number = if frac.is_empty() {
        format!("{sign}{digits}")
    } else {
        format!("{sign}0{digits}.{frac}")
    };
    Decimal::from_str(&number).map_err(|_| bad())
}

/// An interval of work as typed: `2026-11-23T17:00/2026-11-23T19:30` (a space may stand
/// for the `T`; seconds may follow and are dropped by the split).
pub fn parse_interval(text: &str) -> Result<(NaiveDateTime, NaiveDateTime), QuoteError> {
    let t = text.trim();
    let bad = || QuoteError::NotAnInterval(t.to_string());
    let (start, end) = t.split_once('/').ok_or_else(bad)?;
    let instant = |s: &str| {
        let s = s.trim();
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    };
    Ok((
        instant(start).ok_or_else(bad)?,
        instant(end).ok_or_else(bad)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::LineKind;
    use crate::billing::holidays_py::seed_holidays;
    use crate::catalogue::initial_prices;

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
    fn what_pre_sales_types_wrong_is_refused_saying_how_to_write_it() {
        assert_eq!(
            parse_interval("2026-11-23 17:00-19:30").err().map(|e| e.to_string()),
            Some("«2026-11-23 17:00-19:30» no es un intervalo: escríbalo INICIO/FIN en hora de Asunción, p. ej. 2026-11-23T17:00/2026-11-23T19:30".into())
        );
        assert!(parse_amount("1e3").is_err());
        assert!(parse_amount("USD 10").is_err());
        assert!(parse_amount("1,2,3").is_err());
        assert!(parse_amount("1.2.3,4").is_err());
        assert!(parse_amount("1.234.5").is_err());
        assert!(parse_amount("1,234,56.7").is_err());
        assert!(parse_amount("1.234,567.8").is_err());
        assert!(parse_amount("-").is_err());
        assert!(parse_amount(",").is_err());
        assert_eq!(parse_amount("1,234.57"), Ok(d("1234.57")));
        assert_eq!(parse_amount("1.234,57"), Ok(d("1234.57")));
        assert_eq!(parse_amount("1.234.567"), Ok(d("1234567")));
        assert_eq!(parse_amount("1,234,567.5"), Ok(d("1234567.5")));
        assert_eq!(parse_amount("-65,43"), Ok(d("-65.43")));
        assert_eq!(parse_amount("0.125"), Ok(d("0.125")));
        assert_eq!(parse_amount("1234.567"), Ok(d("1234.567")));
        assert_eq!(parse_amount(",5"), Ok(d("0.5")));
        assert_eq!(parse_amount(" 500 "), Ok(d("500")));
        assert!(matches!(
            parse_amount("1.234"),
            Err(QuoteError::AmbiguousAmount(_))
        ));
        assert!(matches!(
            parse_amount("12,500"),
            Err(QuoteError::AmbiguousAmount(_))
        ));
        assert!(parse_day("2026-13-01").is_err());
        assert!(parse_period("2026/11").is_err());

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
