//! A contract's special terms (DOMAIN §1 and §6): the standard service has no fixed term,
//! but a price exception the offers desk approves may carry a term in months, an
//! early-termination clause and an installation investment paid in instalments. They are
//! recorded at onboarding's step 8 (offer approval), stay on the subscription, and drive
//! the penalty table at termination ([`penalty`]) and the instalments a termination must
//! see paid ([`instalments`]).
//!
//! Pure like the rest of the domain: no I/O, no clock; days come in as arguments. May
//! depend on `billing`'s money helpers (rounding and formatting) and the workflow's field
//! types; must not depend on storage or the front doors. The terms travel in sync
//! operations and are stored as JSON: their serde names are part of the wire.

pub mod instalments;
pub mod months;
pub mod penalty;
mod record;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::billing::es_py;
use crate::billing::explain::percent;
use crate::error::DomainError;
use crate::problem::{FieldError, Problem};
use crate::workflow::{FieldKind, FieldSpec, Need, field};

pub use instalments::{Instalment, InstalmentsOwed, UnpaidInstalment, instalments_owed};
pub use months::TermPosition;
pub use penalty::{PenaltyRow, PenaltyTable, ResidualRow, ServiceFee, monthly_fee, penalty_table};
pub use record::terms_recorded;

/// The longest term a contract may carry, in months (ten years).
pub const MAX_TERM_MONTHS: u32 = 120;

/// Step 8's field: the contract's term in months.
pub const TERM_MONTHS: FieldSpec = field(
    "term_months",
    "plazo del contrato en meses",
    "contract term in months",
    FieldKind::Text,
    Need::Optional,
);
/// Step 8's field: the early-termination clause, `3` (monthly fees) or `50 %` (a
/// percentage of the remaining fees).
pub const EARLY_TERMINATION: FieldSpec = field(
    "early_termination",
    "terminación anticipada (abonos mensuales o % de los restantes)",
    "early termination (monthly fees or % of the remaining)",
    FieldKind::Text,
    Need::Optional,
);
/// Step 8's field: the installation investment in USD.
pub const INSTALLATION_INVESTMENT: FieldSpec = field(
    "installation_investment",
    "inversión de instalación en USD",
    "installation investment in USD",
    FieldKind::Text,
    Need::Optional,
);
/// Step 8's field: how many instalments the installation investment is paid in.
pub const INSTALLATION_INSTALMENTS: FieldSpec = field(
    "installation_instalments",
    "cuotas de la inversión de instalación",
    "installation investment instalments",
    FieldKind::Text,
    Need::Optional,
);

/// What a contract charges when the customer ends it before its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum EarlyTerminationClause {
    /// A number of monthly fees (never more than the months that remain).
    MonthlyFees(u32),
    /// A percentage (0 < p ≤ 100, e.g. `50` for half) of the fees that remain.
    RemainingPercent(Decimal),
}

impl EarlyTerminationClause {
    /// «3 abonos mensuales» / «50 % de los abonos restantes».
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (EarlyTerminationClause::MonthlyFees(1), Lang::Es) => "1 abono mensual".into(),
            (EarlyTerminationClause::MonthlyFees(n), Lang::Es) => format!("{n} abonos mensuales"),
            (EarlyTerminationClause::MonthlyFees(1), Lang::En) => "1 monthly fee".into(),
            (EarlyTerminationClause::MonthlyFees(n), Lang::En) => format!("{n} monthly fees"),
            (EarlyTerminationClause::RemainingPercent(p), Lang::Es) => format!(
                "{} de los abonos restantes",
                percent(p / Decimal::ONE_HUNDRED, lang)
            ),
            (EarlyTerminationClause::RemainingPercent(p), Lang::En) => format!(
                "{} of the remaining fees",
                percent(p / Decimal::ONE_HUNDRED, lang)
            ),
        }
    }
}

fn one() -> u32 {
    1
}

/// The special terms of a contract with a term (a price exception's business case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerms {
    /// The term in months, from the activation date (1 to [`MAX_TERM_MONTHS`]).
    pub term_months: u32,
    /// The early-termination clause, if the contract has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_termination: Option<EarlyTerminationClause>,
    /// The installation investment in USD, net of IVA (zero: none).
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub installation_investment: Decimal,
    /// How many monthly instalments the investment is paid in (1 to the term).
    #[serde(default = "one")]
    pub installation_instalments: u32,
}

/// The error of one of step 8's fields.
fn field_error(spec: &FieldSpec, problem: Problem) -> FieldError {
    FieldError::new(spec.key, spec.label_es, spec.label_en, problem)
}

fn out_of_range(spec: &FieldSpec, given: impl ToString, max: u32) -> FieldError {
    field_error(
        spec,
        Problem::OutOfRange {
            given: given.to_string(),
            min: 1,
            max: i64::from(max),
        },
    )
}

impl ContractTerms {
    /// Terms checked by [`ContractTerms::check`].
    pub fn new(
        term_months: u32,
        early_termination: Option<EarlyTerminationClause>,
        installation_investment: Decimal,
        installation_instalments: u32,
    ) -> Result<ContractTerms, DomainError> {
        let terms = ContractTerms {
            term_months,
            early_termination,
            installation_investment,
            installation_instalments,
        };
        terms.check()?;
        Ok(terms)
    }

    /// Terms with a term and nothing else.
    pub fn term_only(term_months: u32) -> Result<ContractTerms, DomainError> {
        ContractTerms::new(term_months, None, Decimal::ZERO, 1)
    }

    /// Every problem of the terms at once, each on the step-8 field that records it: the
    /// term from 1 to 120 months; a clause of 1 to `term` monthly fees, or of more than 0
    /// and at most 100 percent with at most two decimals; an investment of zero or more
    /// in cents; 1 to `term` instalments.
    pub fn check(&self) -> Result<(), DomainError> {
        let mut errors = Vec::new();
        let term_ok = (1..=MAX_TERM_MONTHS).contains(&self.term_months);
        if !term_ok {
            errors.push(out_of_range(
                &TERM_MONTHS,
                self.term_months,
                MAX_TERM_MONTHS,
            ));
        }
        // A count bounded by the term is checked against the largest term when the term
        // itself is wrong, so that only the term is reported.
        let bound = if term_ok {
            self.term_months
        } else {
            MAX_TERM_MONTHS
        };
        match self.early_termination {
            Some(EarlyTerminationClause::MonthlyFees(n)) if !(1..=bound).contains(&n) => {
                errors.push(out_of_range(&EARLY_TERMINATION, n, bound));
            }
            Some(EarlyTerminationClause::RemainingPercent(p))
                if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED || p.normalize().scale() > 2 =>
            {
                errors.push(out_of_range(&EARLY_TERMINATION, format!("{p} %"), 100));
            }
            _ => {}
        }
        let investment = self.installation_investment;
        if investment.is_sign_negative() && !investment.is_zero()
            || investment.normalize().scale() > 2
        {
            errors.push(field_error(
                &INSTALLATION_INVESTMENT,
                Problem::NotAnAmount {
                    given: investment.to_string(),
                    signed: false,
                },
            ));
        }
        if !(1..=bound).contains(&self.installation_instalments) {
            errors.push(out_of_range(
                &INSTALLATION_INSTALMENTS,
                self.installation_instalments,
                bound,
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(DomainError::InvalidFields { errors })
        }
    }

    /// The terms in one line, as the KAM's verification shows them: «Plazo de 24 meses;
    /// terminación anticipada: 3 abonos mensuales; inversión de instalación 12.000,00 en
    /// 24 cuotas».
    pub fn summary(&self, lang: Lang) -> String {
        let term = self.term_months;
        let mut parts = vec![match lang {
            Lang::Es => format!("Plazo de {term} {}", months::months_es(term)),
            Lang::En => format!("Term of {term} {}", months::months_en(term)),
        }];
        if let Some(clause) = self.early_termination {
            parts.push(format!(
                "{}: {}",
                lang.pick("terminación anticipada", "early termination"),
                clause.describe(lang)
            ));
        }
        if self.has_investment() {
            let (amount, n) = (
                es_py(self.installation_investment, lang),
                self.installation_instalments,
            );
            parts.push(match (lang, n) {
                (Lang::Es, 1) => format!("inversión de instalación {amount} en 1 cuota"),
                (Lang::Es, _) => format!("inversión de instalación {amount} en {n} cuotas"),
                (Lang::En, 1) => format!("installation investment {amount} in 1 instalment"),
                (Lang::En, _) => format!("installation investment {amount} in {n} instalments"),
            });
        }
        parts.join("; ")
    }

    /// Whether the contract carries an installation investment.
    pub fn has_investment(&self) -> bool {
        self.installation_investment > Decimal::ZERO
    }
}
