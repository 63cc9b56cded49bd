//! The demonstration statements: a customer of the Welcome KIT's samples, billed for
//! November 2026 with a year of history, and the variants the tests need (no
//! consumption, thirty lines).

use nimbo_domain::Lang;
use nimbo_domain::billing::{
    ChargeCategory, ChargeLine, ConsumptionAggregate, LineKind, Period, cents, es_py, priced,
};
use nimbo_domain::catalogue::initial_plans;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{at, customer, day, organisation};
use crate::model::{DocumentMeta, TemplateVersion};
use crate::templates::statement::{PeriodTotals, ServiceConsumption, Statement, StatementCustomer};

/// The demonstration subscription the statements' lines belong to.
const SUBSCRIPTION: u128 = 0x0193a6f0_7c1e_7d2a_9b40_2f5c8e1a1001;

/// An amount in cents, `cents_of(231_850)` = 2.318,50.
fn money(cents_amount: i64) -> Decimal {
    Decimal::new(cents_amount, 2)
}

/// A charge line of the demonstration subscription, priced by DOMAIN §3's rule.
fn line(
    n: u128,
    period: Period,
    kind: LineKind,
    plan: &str,
    net: Decimal,
    es: String,
    en: String,
) -> ChargeLine {
    let (net, iva, total) = priced(net);
    ChargeLine {
        id: Uuid::from_u128(SUBSCRIPTION + 0x1_0000 + n),
        subscription_id: Uuid::from_u128(SUBSCRIPTION),
        period,
        kind,
        plan_code: plan.to_string(),
        plan_name: plan_name(plan),
        net,
        iva,
        total,
        explanation_es: es,
        explanation_en: en,
    }
}

/// The catalogue's name of a plan.
fn plan_name(code: &str) -> String {
    initial_plans()
        .into_iter()
        .find(|p| p.code == code)
        .map(|p| p.name)
        .unwrap_or_else(|| code.to_string())
}

fn plan_code(pick: impl Fn(&nimbo_domain::catalogue::Plan) -> bool) -> String {
    initial_plans()
        .into_iter()
        .find(|p| pick(p))
        .map(|p| p.code)
        .unwrap_or_default()
}

fn es(v: Decimal) -> String {
    es_py(v, Lang::Es)
}

fn en(v: Decimal) -> String {
    es_py(v, Lang::En)
}

/// The consumption line and the VIP fee of a period, as the run explains them.
fn consumption_and_vip(
    period: Period,
    usage: Decimal,
    credits: Decimal,
    active_days: u32,
) -> Vec<ChargeLine> {
    use nimbo_domain::catalogue::Pricing;
    let consumption = cents(usage + credits);
    let aws = plan_code(|p| matches!(p.pricing, Pricing::Consumption));
    let vip = plan_code(|p| matches!(p.pricing, Pricing::ShareOfConsumption { .. }));
    let share = cents(consumption * Decimal::new(15, 2));
    let days = period.days();
    let minimum = cents(Decimal::from(75) * Decimal::from(active_days) / Decimal::from(days));
    let fee = share.max(minimum);
    let consumption_es = if consumption.is_zero() {
        "Sin consumo de AWS en el período".to_string()
    } else {
        format!(
            "Uso de AWS {} menos créditos y reembolsos {} = {}",
            es(usage),
            es(-credits),
            es(consumption)
        )
    };
    let consumption_en = if consumption.is_zero() {
        "No AWS consumption in the period".to_string()
    } else {
        format!(
            "AWS usage {} less credits and refunds {} = {}",
            en(usage),
            en(-credits),
            en(consumption)
        )
    };
    vec![
        line(
            1,
            period,
            LineKind::Consumption,
            &aws,
            consumption,
            consumption_es,
            consumption_en,
        ),
        line(
            2,
            period,
            LineKind::VipFee,
            &vip,
            fee,
            format!(
                "15 % de {} = {}; mínimo prorrateado 75 × {active_days}/{days} = {}; se aplica {}",
                es(consumption),
                es(share),
                es(minimum),
                es(fee)
            ),
            format!(
                "15 % of {} = {}; prorated minimum 75 × {active_days}/{days} = {}; {} applies",
                en(consumption),
                en(share),
                en(minimum),
                en(fee)
            ),
        ),
    ]
}

/// Professional hours, `minutes` at the business-hours rate (or the other one).
fn hours_line(n: u128, period: Period, business: bool, minutes: i64, when: &str) -> ChargeLine {
    use nimbo_domain::catalogue::Pricing;
    let code = plan_code(
        |p| matches!(p.pricing, Pricing::Hourly { business_hours, .. } if business_hours == business),
    );
    let rate = if business {
        Decimal::from(50)
    } else {
        Decimal::from(75)
    };
    let net = Decimal::from(minutes) * rate / Decimal::from(60);
    let span = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02} min"),
    };
    let (kind, where_es, where_en) = if business {
        (
            LineKind::BusinessHours,
            "en horario hábil",
            "in business hours",
        )
    } else {
        (
            LineKind::AfterHours,
            "fuera del horario hábil",
            "outside business hours",
        )
    };
    line(
        n,
        period,
        kind,
        &code,
        net,
        format!(
            "{span} {where_es} × {} por hora = {} ({when})",
            es(rate),
            es(cents(net))
        ),
        format!(
            "{span} {where_en} × {} per hour = {} ({when})",
            en(rate),
            en(cents(net))
        ),
    )
}

fn statement_meta() -> DocumentMeta {
    DocumentMeta {
        id: "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0005".into(),
        number: "EDC-7K3F-000125".into(),
        version: 1,
        issued_at: at(2026, 12, 16, 13, 30),
    }
}

/// The demonstration period of the statements, 15/11/2026 to 14/12/2026.
pub fn statement_period() -> Period {
    Period::new(2026, 11).unwrap_or_else(|| Period::of_day(day(2026, 11, 15)))
}

/// The imported consumption of the demonstration period, per service and category.
pub fn consumption_aggregates() -> Vec<ConsumptionAggregate> {
    let rows: [(&str, ChargeCategory, i64); 9] = [
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Usage,
            141_237,
        ),
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Credit,
            -5_000,
        ),
        (
            "Amazon Relational Database Service",
            ChargeCategory::Usage,
            52_418,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Usage,
            18_742,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Refund,
            -2_350,
        ),
        ("AWS Backup", ChargeCategory::Usage, 9_680),
        ("Amazon CloudFront", ChargeCategory::Usage, 7_115),
        ("Amazon Virtual Private Cloud", ChargeCategory::Usage, 5_862),
        ("Amazon CloudWatch", ChargeCategory::Usage, 4_142),
    ];
    rows.into_iter()
        .map(|(service, category, amount)| ConsumptionAggregate {
            subscription_id: Uuid::from_u128(SUBSCRIPTION),
            aws_account: "123456789012".into(),
            period: statement_period(),
            service: service.into(),
            category,
            amount: money(amount),
            rows: 1_000,
        })
        .collect()
}

/// What the demonstration customer was charged in the eleven periods before the
/// statement's: consumption growing month by month, the VIP fee and now and then hours.
pub fn statement_history() -> Vec<PeriodTotals> {
    let consumption: [i64; 11] = [
        148_020, 152_375, 161_040, 158_810, 170_295, 175_530, 182_064, 191_108, 200_437, 215_090,
        223_612,
    ];
    let hours: [i64; 11] = [0, 150, 0, 0, 300, 0, 0, 120, 0, 240, 0];
    let mut period = statement_period();
    for _ in 0..11 {
        period = period.previous();
    }
    consumption
        .into_iter()
        .zip(hours)
        .map(|(c, minutes)| {
            let c = money(c);
            let fee = cents(c * Decimal::new(15, 2)).max(Decimal::from(75));
            let work = Decimal::from(minutes) * Decimal::from(50) / Decimal::from(60);
            let charges = priced(c).2 + priced(fee).2 + priced(work).2;
            let totals = PeriodTotals {
                period,
                consumption: c,
                charges,
            };
            period = period.next();
            totals
        })
        .collect()
}

/// A customer's statement of November 2026: consumption of seven AWS services with
/// credits, the VIP fee, hours in and outside business hours and an adjustment of
/// October, with the eleven periods before it.
pub fn statement() -> Statement {
    let period = statement_period();
    let consumption = ServiceConsumption::from_aggregates(&consumption_aggregates());
    let usage: Decimal = consumption.iter().map(|s| s.usage + s.taxes).sum();
    let credits: Decimal = consumption.iter().map(|s| s.credits).sum();
    let mut lines = consumption_and_vip(period, usage, credits, period.days());
    lines.push(hours_line(
        3,
        period,
        true,
        390,
        "3 intervalos entre el 18/11/2026 y el 02/12/2026",
    ));
    lines.push(hours_line(
        4,
        period,
        false,
        105,
        "el 21/11/2026 de 18:00 a 19:45",
    ));
    let hh = plan_code(|p| {
        matches!(
            p.pricing,
            nimbo_domain::catalogue::Pricing::Hourly {
                business_hours: true,
                ..
            }
        )
    });
    lines.push(line(
        5,
        period,
        LineKind::Adjustment,
        &hh,
        money(-10_000),
        "Corrección del período de octubre de 2026: 2 h en horario hábil registradas dos veces, 2 × 50,00 = 100,00 a descontar".into(),
        "Correction of October 2026: 2 h in business hours logged twice, 2 × 50.00 = 100.00 to deduct".into(),
    ));
    Statement {
        document: statement_meta(),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: StatementCustomer {
            name: customer().name,
            ruc: customer().ruc,
            billing_account: "100200300".into(),
        },
        period,
        lines,
        consumption,
        history: statement_history(),
        run_sha256: "5d41c8a7e2f09b3d6c1a4e8f7b2d9c0a3e6f1b4d7c2a5e8f0b3d6c9a1e4f7b20".into(),
    }
}

/// The statement of a customer activated on 25/11/2026 without any AWS consumption yet:
/// a zero consumption line, the prorated VIP minimum, no history.
pub fn statement_without_consumption() -> Statement {
    let period = statement_period();
    let active = period.active_days(day(2026, 11, 25), None);
    Statement {
        lines: consumption_and_vip(period, Decimal::ZERO, Decimal::ZERO, active),
        consumption: Vec::new(),
        history: Vec::new(),
        ..statement()
    }
}

/// The demonstration statement with `hours` more lines of professional hours, one per
/// interval logged: enough of them run the charges over a page.
pub fn statement_with_hours(hours: usize) -> Statement {
    let mut s = statement();
    let period = s.period;
    for i in 0..hours {
        let d = 16 + (i % 14) as u32;
        let n = 10 + i as u128;
        s.lines.push(hours_line(
            n,
            period,
            i % 3 != 0,
            45 + 15 * (i as i64 % 7),
            &format!("el {d:02}/11/2026, pedido de cambio N.º {}", 200 + i),
        ));
    }
    s
}
