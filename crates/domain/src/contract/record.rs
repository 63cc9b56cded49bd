//! Reading the contract's terms from what onboarding's step 8 (offer approval) recorded,
//! checking its four optional fields together: a clause, an investment or instalments
//! need a term; instalments need an investment; counts are bounded by the term.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    ContractTerms, EARLY_TERMINATION, EarlyTerminationClause, INSTALLATION_INSTALMENTS,
    INSTALLATION_INVESTMENT, MAX_TERM_MONTHS, TERM_MONTHS, field_error,
};
use crate::error::DomainError;
use crate::problem::{FieldError, Problem};
use crate::workflow::{FieldSpec, FieldValue};

/// The text recorded for a field, if any.
fn given<'a>(values: &'a BTreeMap<String, FieldValue>, spec: &FieldSpec) -> Option<&'a str> {
    match values.get(spec.key)? {
        FieldValue::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// A whole number from 1 to `max`.
fn count(text: &str, max: u32) -> Result<u32, Problem> {
    match text.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(Problem::OutOfRange {
            given: text.to_string(),
            min: 1,
            max: i64::from(max),
        }),
    }
}

/// `3` (monthly fees) or `50 %` / `50%` / `12.5 %` (a percentage of the remaining fees).
fn clause(text: &str) -> Result<EarlyTerminationClause, Problem> {
    let bad = || Problem::BadShape {
        given: text.to_string(),
        expected_es: "una cantidad de abonos mensuales o un porcentaje de los abonos restantes seguido de %",
        expected_en: "a number of monthly fees, or a percentage of the remaining fees followed by %",
        example: "50 %",
    };
    if let Some(share) = text.strip_suffix('%') {
        let share = share.trim();
        if share.is_empty() || share.contains(',') {
            return Err(bad());
        }
        share
            .parse::<Decimal>()
            .map(EarlyTerminationClause::RemainingPercent)
            .map_err(|_| bad())
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        count(text, MAX_TERM_MONTHS).map(EarlyTerminationClause::MonthlyFees)
    } else {
        Err(bad())
    }
}

/// The field that something else needs, reported as missing with the reason in its label
/// («falta «plazo del contrato en meses, que pide la cláusula de terminación anticipada»»).
fn needed_by(spec: &FieldSpec, es: &str, en: &str) -> FieldError {
    FieldError::new(
        spec.key,
        &format!("{}, que pide {es}", spec.label_es),
        &format!("{}, which {en} needs", spec.label_en),
        Problem::Required,
    )
}

/// The value, or `None` with the field's error kept.
fn keep<T>(errors: &mut Vec<FieldError>, spec: &FieldSpec, r: Result<T, Problem>) -> Option<T> {
    r.map_err(|p| errors.push(field_error(spec, p))).ok()
}

/// The contract's terms step 8 recorded, `None` when it recorded no term (the standard
/// service, or a price exception without one), or every problem of the four fields at
/// once, each on its field.
pub fn terms_recorded(
    values: &BTreeMap<String, FieldValue>,
) -> Result<Option<ContractTerms>, DomainError> {
    let mut errors = Vec::new();
    let term_text = given(values, &TERM_MONTHS);
    let clause_text = given(values, &EARLY_TERMINATION);
    let investment_text = given(values, &INSTALLATION_INVESTMENT);
    let instalments_text = given(values, &INSTALLATION_INSTALMENTS);

    let term = term_text.and_then(|t| keep(&mut errors, &TERM_MONTHS, count(t, MAX_TERM_MONTHS)));
    let clause = clause_text.and_then(|t| keep(&mut errors, &EARLY_TERMINATION, clause(t)));
    let investment = investment_text.and_then(|t| {
        let amount = crate::billing::amount(t, false);
        keep(&mut errors, &INSTALLATION_INVESTMENT, amount)
    });
    let instalments = instalments_text.and_then(|t| {
        keep(
            &mut errors,
            &INSTALLATION_INSTALMENTS,
            count(t, MAX_TERM_MONTHS),
        )
    });

    if term_text.is_none() {
        let reason = if clause_text.is_some() {
            Some((
                "la cláusula de terminación anticipada",
                "the early-termination clause",
            ))
        } else if investment_text.is_some() || instalments_text.is_some() {
            Some(("la inversión de instalación", "the installation investment"))
        } else {
            None
        };
        if let Some((es, en)) = reason {
            errors.push(needed_by(&TERM_MONTHS, es, en));
        }
    }
    if instalments_text.is_some() && investment_text.is_none() {
        errors.push(needed_by(
            &INSTALLATION_INVESTMENT,
            "la cantidad de cuotas",
            "the number of instalments",
        ));
    }
    if !errors.is_empty() {
        return Err(DomainError::InvalidFields { errors });
    }
    let Some(term) = term else {
        return Ok(None);
    };
    // The bounds that depend on the term (fees and instalments at most the term, the
    // percentage up to 100) are the terms' own check.
    ContractTerms::new(
        term,
        clause,
        investment.unwrap_or(Decimal::ZERO),
        instalments.unwrap_or(1),
    )
    .map(Some)
}
