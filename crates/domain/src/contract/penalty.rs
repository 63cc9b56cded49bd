//! The penalty table of DOMAIN §6's Decision: for a contract with a term, per service
//! (plan) of the terminated scope, the months remaining, the monthly fee the clause is
//! computed on and the charge the clause defines; and the residual value of the
//! installation investment, amortised in a straight line over the term
//! (investment × months remaining ÷ term months).
//!
//! Every amount is rounded to cents once, half away from zero ([`cents`]); the totals are
//! sums of the rounded rows, so the customer recomputes the table from what it prints. Each
//! row carries its explanation in Spanish and English with its numbers, as billing's
//! charge lines do. Amounts are net of IVA, as the catalogue's prices are.
//!
//! How months count is [`super::months`]; the rules the product chose (a clause of monthly
//! fees never charges more months than remain; the residual value is charged once, by the
//! termination that ends the whole contract) are in docs/DECISIONS.md.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::months::{TermPosition, months_en, months_es};
use super::{ContractTerms, EarlyTerminationClause};
use crate::Lang;
use crate::billing::explain::percent;
use crate::billing::{cents, es_py};
use crate::catalogue::{Plan, Pricing};

/// The monthly fee a clause is computed on, for a plan priced `pricing`: the VIP plan's
/// monthly minimum (75); zero for consumption passed through and for hours worked, which
/// have no monthly fee.
pub fn monthly_fee(pricing: &Pricing) -> Decimal {
    match pricing {
        Pricing::ShareOfConsumption { minimum, .. } => *minimum,
        Pricing::Consumption | Pricing::Hourly { .. } => Decimal::ZERO,
    }
}

/// A service of the terminated scope, with the monthly fee its clause is computed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFee {
    /// The plan's code.
    pub plan_code: String,
    /// The plan's name, as the customer reads it.
    pub plan_name: String,
    /// Its monthly fee in USD, net of IVA (see [`monthly_fee`]).
    pub monthly_fee: Decimal,
}

impl ServiceFee {
    /// The services of plan `codes` with their names and monthly fees from the catalogue
    /// in force (`catalogue::in_force` on the last day of service), in the order given. A
    /// code the catalogue no longer has is listed by its code with no monthly fee, so the
    /// table still names every service it ends.
    pub fn of_plans(in_force: &[Plan], codes: &[String]) -> Vec<ServiceFee> {
        codes
            .iter()
            .map(|code| match in_force.iter().find(|p| &p.code == code) {
                Some(plan) => ServiceFee {
                    plan_code: plan.code.clone(),
                    plan_name: plan.name.clone(),
                    monthly_fee: monthly_fee(&plan.pricing),
                },
                None => ServiceFee {
                    plan_code: code.clone(),
                    plan_name: code.clone(),
                    monthly_fee: Decimal::ZERO,
                },
            })
            .collect()
    }
}

/// One service's row: what the early-termination clause charges for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyRow {
    /// The plan's code.
    pub plan_code: String,
    /// The plan's name.
    pub plan_name: String,
    /// The months of the term that remain.
    pub months_remaining: u32,
    /// The monthly fee the clause is computed on.
    pub monthly_fee: Decimal,
    /// The clause's charge, rounded to cents.
    pub charge: Decimal,
    /// How the charge was reached, with its numbers, in Spanish.
    pub explanation_es: String,
    /// The same in English.
    pub explanation_en: String,
}

/// The residual value of the installation investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidualRow {
    /// The investment.
    pub investment: Decimal,
    /// The term in months.
    pub term_months: u32,
    /// The months of the term that remain.
    pub months_remaining: u32,
    /// investment × months remaining ÷ term months, rounded to cents.
    pub amount: Decimal,
    /// How it was reached, in Spanish.
    pub explanation_es: String,
    /// The same in English.
    pub explanation_en: String,
}

/// The penalty table of a termination (DOMAIN §6): what the customer receives as a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyTable {
    /// Where the last day of service falls in the term.
    pub position: TermPosition,
    /// How the months were counted, in Spanish.
    pub months_explanation_es: String,
    /// The same in English.
    pub months_explanation_en: String,
    /// The contract's early-termination clause, if it has one.
    pub early_termination: Option<EarlyTerminationClause>,
    /// One row per service of the terminated scope, in the order given.
    pub rows: Vec<PenaltyRow>,
    /// The residual value of the investment, when the termination ends the whole
    /// contract and the contract has an investment.
    pub residual: Option<ResidualRow>,
    /// The sum of the rows' charges.
    pub charges_total: Decimal,
    /// The charges' total plus the residual value.
    pub total: Decimal,
}

/// The penalty table of a termination whose last day of service is `last_day`, for the
/// `services` it ends; `None` when the contract has no term (the standard service). The
/// residual value of the investment is listed when `ends_contract` (a total termination).
pub fn penalty_table(
    terms: Option<&ContractTerms>,
    activation: NaiveDate,
    last_day: NaiveDate,
    services: &[ServiceFee],
    ends_contract: bool,
) -> Option<PenaltyTable> {
    let terms = terms?;
    let position = TermPosition::of(terms.term_months, activation, last_day);
    let rows: Vec<PenaltyRow> = services
        .iter()
        .map(|s| clause_row(terms.early_termination, &position, s))
        .collect();
    let residual =
        (ends_contract && terms.has_investment()).then(|| residual_row(terms, &position));
    let charges_total: Decimal = rows.iter().map(|r| r.charge).sum();
    let total = charges_total + residual.as_ref().map_or(Decimal::ZERO, |r| r.amount);
    Some(PenaltyTable {
        position,
        months_explanation_es: position.explanation(Lang::Es),
        months_explanation_en: position.explanation(Lang::En),
        early_termination: terms.early_termination,
        rows,
        residual,
        charges_total: two_decimals(charges_total),
        total: two_decimals(total),
    })
}

/// An amount written with its two decimals (`0.00`, `150.00`): amounts travel as strings.
fn two_decimals(amount: Decimal) -> Decimal {
    let mut d = if amount.is_zero() {
        Decimal::ZERO
    } else {
        amount
    };
    d.rescale(2);
    d
}

/// The clause's charge for one service, unrounded, with its explanation.
fn clause_row(
    clause: Option<EarlyTerminationClause>,
    position: &TermPosition,
    service: &ServiceFee,
) -> PenaltyRow {
    let left = position.months_remaining;
    let fee = service.monthly_fee;
    let (unrounded, words): (Decimal, Box<dyn Fn(Lang) -> String>) = match clause {
        None => (
            Decimal::ZERO,
            Box::new(|lang| {
                lang.pick(
                    "El contrato no tiene cláusula de terminación anticipada: sin cargo",
                    "The contract has no early-termination clause: no charge",
                )
                .to_string()
            }),
        ),
        Some(_) if left == 0 => (
            Decimal::ZERO,
            Box::new(|lang| {
                lang.pick("Plazo cumplido: sin cargo", "Term completed: no charge")
                    .to_string()
            }),
        ),
        Some(_) if fee.is_zero() => (
            Decimal::ZERO,
            Box::new(|lang| {
                lang.pick(
                    "El plan no tiene abono mensual: sin cargo",
                    "The plan has no monthly fee: no charge",
                )
                .to_string()
            }),
        ),
        Some(EarlyTerminationClause::MonthlyFees(n)) => {
            let months = n.min(left);
            let charge = Decimal::from(months) * fee;
            (
                charge,
                Box::new(move |lang| fees_words(n, months, fee, charge, lang)),
            )
        }
        Some(EarlyTerminationClause::RemainingPercent(p)) => {
            let charge = p / Decimal::ONE_HUNDRED * Decimal::from(left) * fee;
            (
                charge,
                Box::new(move |lang| percent_words(p, left, fee, charge, lang)),
            )
        }
    };
    PenaltyRow {
        plan_code: service.plan_code.clone(),
        plan_name: service.plan_name.clone(),
        months_remaining: left,
        monthly_fee: two_decimals(fee),
        charge: two_decimals(cents(unrounded)),
        explanation_es: words(Lang::Es),
        explanation_en: words(Lang::En),
    }
}

/// «3 abonos mensuales × 75,00 = 225,00», or, when fewer months remain than the clause
/// names, «3 abonos mensuales, pero quedan 2 meses: 2 × 75,00 = 150,00».
fn fees_words(n: u32, months: u32, fee: Decimal, charge: Decimal, lang: Lang) -> String {
    let (fee, charge) = (es_py(fee, lang), es_py(charge, lang));
    let clause = EarlyTerminationClause::MonthlyFees(n);
    let (named_es, named_en) = (clause.describe(Lang::Es), clause.describe(Lang::En));
    match (lang, months < n) {
        (Lang::Es, false) => format!("{named_es} × {fee} = {charge}"),
        (Lang::En, false) => format!("{named_en} × {fee} = {charge}"),
        (Lang::Es, true) => format!(
            "{named_es}, pero {} {months} {}: {months} × {fee} = {charge}",
            if months == 1 { "queda" } else { "quedan" },
            months_es(months)
        ),
        (Lang::En, true) => format!(
            "{named_en}, but {months} {} {}: {months} × {fee} = {charge}",
            months_en(months),
            if months == 1 { "remains" } else { "remain" }
        ),
    }
}

/// «50 % de los abonos restantes: 50 % × 13 meses × 75,00 = 487,50».
fn percent_words(p: Decimal, left: u32, fee: Decimal, charge: Decimal, lang: Lang) -> String {
    let share = percent(p / Decimal::ONE_HUNDRED, lang);
    let (fee, charge) = (es_py(fee, lang), es_py(charge, lang));
    match lang {
        Lang::Es => format!(
            "{share} de los abonos restantes: {share} × {left} {} × {fee} = {charge}",
            months_es(left)
        ),
        Lang::En => format!(
            "{share} of the remaining fees: {share} × {left} {} × {fee} = {charge}",
            months_en(left)
        ),
    }
}

/// The residual value: investment × months remaining ÷ term months.
fn residual_row(terms: &ContractTerms, position: &TermPosition) -> ResidualRow {
    let investment = terms.installation_investment;
    let (term, left) = (terms.term_months, position.months_remaining);
    let amount = cents(investment * Decimal::from(left) / Decimal::from(term.max(1)));
    let words = |lang: Lang| {
        let (inv, value) = (es_py(investment, lang), es_py(amount, lang));
        match (lang, left) {
            (Lang::Es, 0) => {
                format!("Plazo cumplido: la inversión de {inv} está amortizada; sin cargo")
            }
            (Lang::En, 0) => {
                format!("Term completed: the investment of {inv} is amortised; no charge")
            }
            (Lang::Es, _) => format!(
                "Inversión {inv} × {left} {} ÷ {term} {} de plazo = {value}",
                if left == 1 {
                    "mes restante"
                } else {
                    "meses restantes"
                },
                months_es(term)
            ),
            (Lang::En, _) => format!(
                "Investment {inv} × {left} remaining {} ÷ {term}-month term = {value}",
                months_en(left)
            ),
        }
    };
    ResidualRow {
        investment: two_decimals(investment),
        term_months: term,
        months_remaining: left,
        amount: two_decimals(amount),
        explanation_es: words(Lang::Es),
        explanation_en: words(Lang::En),
    }
}
