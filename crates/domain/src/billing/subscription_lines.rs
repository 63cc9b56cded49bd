//! One subscription's lines of a period, in the run's order: consumption, VIP fee,
//! business hours, after hours, adjustments — and the flags of what could not be billed.
//! The run ([`super::run`]) gathers each subscription's records once and calls [`bill`].

use std::collections::HashMap;

use rust_decimal::Decimal;
use uuid::Uuid;

use super::adjustment::Adjustment;
use super::business_hours::whole_minute;
use super::carried_debt::{CarriedDebt, debt_lines};
use super::consumption::ConsumptionAggregate;
use super::consumption_line::ConsumptionParts;
use super::flag::{Flag, FlagKind, PastConsumption, spike, unbilled};
use super::hours::HoursEntry;
use super::hours_line::{LoggedMinutes, logged_minutes};
use super::line::{ChargeLine, LineKind, priced};
use super::money::es_py;
use super::period::Period;
use super::run::{BillableSubscription, RunInputs};
use super::run_hash::line_id;
use super::vip::VipFee;
use crate::Lang;
use crate::catalogue::{Plan, Pricing};

/// A subscription's records of the period, gathered once.
#[derive(Default)]
pub(crate) struct Gathered<'a> {
    pub(crate) consumption: Vec<&'a ConsumptionAggregate>,
    pub(crate) hours: Vec<&'a HoursEntry>,
    pub(crate) adjustments: Vec<&'a Adjustment>,
    pub(crate) history: Vec<&'a PastConsumption>,
    pub(crate) debts: Vec<&'a CarriedDebt>,
}

/// Makes one subscription's lines of the period.
struct LineMaker<'a> {
    subscription: &'a BillableSubscription,
    period: Period,
}

impl LineMaker<'_> {
    fn line(
        &self,
        kind: LineKind,
        plan: (&str, &str),
        ordinal: usize,
        unrounded_net: Decimal,
        explanation: impl Fn(Lang) -> String,
    ) -> ChargeLine {
        let (net, iva, total) = priced(unrounded_net);
        // Always two decimals (`100.00`, never `100`), and a zero that rounding left
        // negative (`-0.00`) written as zero: amounts travel as these strings.
        let clean = |d: Decimal| {
            let mut d = if d.is_zero() { Decimal::ZERO } else { d };
            d.rescale(2);
            d
        };
        ChargeLine {
            id: line_id(self.subscription.id, self.period, kind, plan.0, ordinal),
            subscription_id: self.subscription.id,
            period: self.period,
            kind,
            plan_code: plan.0.to_string(),
            plan_name: plan.1.to_string(),
            net: clean(net),
            iva: clean(iva),
            total: clean(total),
            explanation_es: explanation(Lang::Es),
            explanation_en: explanation(Lang::En),
        }
    }
}

/// The plan in force that `sub` contracted and `wanted` accepts.
fn contracted<'a>(
    plans: &'a [Plan],
    sub: &BillableSubscription,
    wanted: impl Fn(&Pricing) -> bool,
) -> Option<&'a Plan> {
    plans
        .iter()
        .find(|p| wanted(&p.pricing) && sub.plans.contains(&p.code))
}

/// The hourly plan in force for business hours or the rest, preferring one the
/// subscription contracted: professional services are bought by the hour worked, so any
/// logged work is billed even if the plan was not listed in the offer.
fn hourly<'a>(
    plans: &'a [Plan],
    sub: &BillableSubscription,
    business: bool,
) -> Option<(&'a Plan, Decimal)> {
    let rate = |p: &'a Plan| match p.pricing {
        Pricing::Hourly {
            rate,
            business_hours,
        } if business_hours == business => Some((p, rate)),
        _ => None,
    };
    plans
        .iter()
        .filter(|p| sub.plans.contains(&p.code))
        .find_map(rate)
        .or_else(|| plans.iter().find_map(rate))
}

/// `sub`'s lines of the period from its `gathered` records; flags are added to `flags`.
pub(crate) fn bill(
    inputs: &RunInputs,
    sub: &BillableSubscription,
    gathered: &Gathered,
    balance: &dyn Fn(Uuid) -> Option<Decimal>,
    flags: &mut Vec<Flag>,
) -> Vec<ChargeLine> {
    let period = inputs.period;
    let maker = LineMaker {
        subscription: sub,
        period,
    };
    let parts = ConsumptionParts::of(gathered.consumption.iter().copied());
    let (business, after) = logged_minutes(gathered.hours.iter().copied(), &inputs.calendar);
    let active_days = period.active_days(sub.activation_date, sub.termination_date);
    let mut lines = Vec::new();
    if active_days == 0 {
        flag_inactive(sub, period, &parts, &business, &after, flags);
    } else {
        let consumption = consumption_line(inputs, &maker, &parts, &gathered.history, flags);
        let consumption_net = consumption.as_ref().map_or(Decimal::ZERO, |l| l.net);
        lines.extend(consumption);
        lines.extend(vip_line(inputs, &maker, consumption_net, active_days));
        lines.extend(hours_lines(inputs, &maker, [&business, &after], flags));
    }
    // Adjustments are billed whatever the service's days: a correction of a locked period
    // reaches the customer even after the service ended (docs/DECISIONS.md).
    lines.extend(adjustment_lines(inputs, &maker, &gathered.adjustments));
    // So is a partial termination's debt: it goes on with the services that remain.
    lines.extend(debt_lines(sub.id, period, &gathered.debts, balance));
    lines
}

/// The consumption line, if there was consumption and a consumption plan to bill it under;
/// flags a spike, or consumption without a plan.
fn consumption_line(
    inputs: &RunInputs,
    maker: &LineMaker,
    parts: &ConsumptionParts,
    history: &[&PastConsumption],
    flags: &mut Vec<Flag>,
) -> Option<ChargeLine> {
    if parts.is_empty() {
        return None;
    }
    let sub = maker.subscription;
    let Some(plan) = contracted(&inputs.plans, sub, |p| matches!(p, Pricing::Consumption)) else {
        let net = |lang| es_py(parts.net(), lang);
        flags.push(unbilled(
            sub.id,
            FlagKind::ConsumptionWithoutPlan,
            format!(
                "Consumo de AWS {} sin un plan de consumo contratado y vigente: no se factura",
                net(Lang::Es)
            ),
            format!(
                "AWS consumption {} without a consumption plan contracted and in force: not billed",
                net(Lang::En)
            ),
        ));
        return None;
    };
    let line = maker.line(
        LineKind::Consumption,
        (&plan.code, &plan.name),
        0,
        parts.net(),
        |lang| parts.explanation(lang),
    );
    flags.extend(spike(sub.id, maker.period, line.net, history));
    Some(line)
}

/// The VIP fee, if the subscription contracted a plan priced as a share of consumption.
fn vip_line(
    inputs: &RunInputs,
    maker: &LineMaker,
    consumption_net: Decimal,
    active_days: u32,
) -> Option<ChargeLine> {
    let plan = contracted(&inputs.plans, maker.subscription, |p| {
        matches!(p, Pricing::ShareOfConsumption { .. })
    })?;
    let Pricing::ShareOfConsumption { rate, minimum } = plan.pricing else {
        return None;
    };
    let fee = VipFee {
        rate,
        consumption: consumption_net,
        minimum,
        active_days,
        days: maker.period.days(),
    };
    Some(maker.line(
        LineKind::VipFee,
        (&plan.code, &plan.name),
        0,
        fee.amount(),
        |lang| fee.explanation(lang),
    ))
}

/// The business-hours and after-hours lines of the logged minutes; flags minutes with no
/// hourly plan of their kind in force.
fn hours_lines(
    inputs: &RunInputs,
    maker: &LineMaker,
    [business, after]: [&LoggedMinutes; 2],
    flags: &mut Vec<Flag>,
) -> Vec<ChargeLine> {
    let sub = maker.subscription;
    let mut lines = Vec::new();
    for (minutes, is_business, kind) in [
        (business, true, LineKind::BusinessHours),
        (after, false, LineKind::AfterHours),
    ] {
        let total = minutes.total();
        if total == 0 {
            continue;
        }
        match hourly(&inputs.plans, sub, is_business) {
            Some((plan, rate)) => lines.push(maker.line(
                kind,
                (&plan.code, &plan.name),
                0,
                minutes.amount(rate),
                |lang| minutes.explanation(rate, lang),
            )),
            None => flags.push(unbilled(
                sub.id,
                FlagKind::HoursWithoutPlan,
                format!("{total} min de trabajo sin un plan por hora vigente: no se facturan"),
                format!("{total} min of work without an hourly plan in force: not billed"),
            )),
        }
    }
    lines
}

/// One line per adjustment, in the order they were made, amount as given, explanation the
/// reason and who made it.
fn adjustment_lines(
    inputs: &RunInputs,
    maker: &LineMaker,
    adjustments: &[&Adjustment],
) -> Vec<ChargeLine> {
    let mut adjustments = adjustments.to_vec();
    adjustments.sort_by_key(|a| (a.at, a.id));
    let mut ordinals: HashMap<&str, usize> = HashMap::new();
    let mut lines = Vec::new();
    for adjustment in adjustments {
        let code = adjustment.plan_code.as_str();
        let name = inputs
            .plans
            .iter()
            .find(|p| p.code == code)
            .map_or(code, |p| p.name.as_str());
        let ordinal = ordinals.entry(code).or_default();
        lines.push(maker.line(
            LineKind::Adjustment,
            (code, name),
            *ordinal,
            adjustment.amount,
            // Who made it stays in the record and its history; the customer reads when and why.
            |lang| {
                let on = crate::time::today_in_asuncion(adjustment.at).format("%d/%m/%Y");
                match lang {
                    Lang::Es => format!("Ajuste registrado el {on}: {}", adjustment.reason),
                    Lang::En => format!("Adjustment recorded on {on}: {}", adjustment.reason),
                }
            },
        ));
        *ordinal += 1;
    }
    lines
}

/// Consumption or work of a subscription active on no day of the period: flagged, not
/// billed.
fn flag_inactive(
    sub: &BillableSubscription,
    period: Period,
    parts: &ConsumptionParts,
    business: &LoggedMinutes,
    after: &LoggedMinutes,
    flags: &mut Vec<Flag>,
) {
    let minutes = business.total() + after.total();
    if parts.is_empty() && minutes == 0 {
        return;
    }
    let span = period.span_display();
    flags.push(unbilled(
        sub.id,
        FlagKind::ChargesWhileInactive,
        format!(
            "El servicio no estuvo activo ningún día del período {span}, pero tiene consumo de AWS {} y {minutes} min de trabajo registrados: no se facturan; revise sus fechas de alta y baja",
            es_py(parts.net(), Lang::Es)
        ),
        format!(
            "The service was not active on any day of the period {span}, yet it has AWS consumption {} and {minutes} min of work logged: not billed; check its activation and termination dates",
            es_py(parts.net(), Lang::En)
        ),
    ));
}

/// The flag of records of the period for a subscription the run was not asked to bill:
/// said, never dropped silently. `None` when only history is there.
pub(crate) fn flag_unlisted(id: Uuid, period: Period, gathered: &Gathered) -> Option<Flag> {
    let consumption = ConsumptionParts::of(gathered.consumption.iter().copied());
    let minutes: i64 = gathered
        .hours
        .iter()
        .map(|e| {
            (whole_minute(e.end) - whole_minute(e.start))
                .num_minutes()
                .max(0)
        })
        .sum();
    let adjustments = gathered.adjustments.len();
    // A carried debt of a subscription not billed is said with the adjustments: it is a
    // line the run would have made.
    let adjustments = adjustments + gathered.debts.len();
    if consumption.is_empty() && minutes == 0 && adjustments == 0 {
        return None;
    }
    let span = period.span_display();
    let net = |lang| es_py(consumption.net(), lang);
    Some(unbilled(
        id,
        FlagKind::UnlistedSubscription,
        format!(
            "Hay consumo de AWS {}, {minutes} min de trabajo y {adjustments} ajustes del período {span} para una suscripción que no está entre las facturadas: no se facturan; revise su estado",
            net(Lang::Es)
        ),
        format!(
            "There is AWS consumption {}, {minutes} min of work and {adjustments} adjustments of the period {span} for a subscription not among those billed: not billed; check its state",
            net(Lang::En)
        ),
    ))
}
