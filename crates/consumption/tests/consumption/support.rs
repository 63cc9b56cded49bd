//! What the stories share: two customers' AWS accounts and a way to import bytes.

use std::collections::HashMap;
use std::str::FromStr;

use nimbo_consumption::{ImportError, ImportSummary, Importer, Problem, ProblemKind};
use nimbo_domain::Lang;
use nimbo_domain::billing::{ChargeCategory, Period};
use rust_decimal::Decimal;
use uuid::Uuid;

pub type Outcome = Result<(), Box<dyn std::error::Error>>;

/// Don Bosco S.A.'s AWS account.
pub const BOSCO: &str = "111122223333";
/// Ferretería Asunción's AWS account.
pub const FERRETERIA: &str = "444455556666";

pub fn bosco() -> Uuid {
    Uuid::from_u128(0xB05C0)
}

pub fn ferreteria() -> Uuid {
    Uuid::from_u128(0xFE22E)
}

pub fn subscription_of(account: &str) -> Option<Uuid> {
    HashMap::from([(BOSCO, bosco()), (FERRETERIA, ferreteria())])
        .get(account)
        .copied()
}

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

pub fn period(text: &str) -> Period {
    text.parse()
        .unwrap_or_else(|_| Period::of_day(chrono::NaiveDate::MIN))
}

/// Imports bytes with no locked period.
pub fn import(bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    Importer::new(&subscription_of).read(bytes)
}

/// Imports bytes with locked periods, returning the problem report too.
pub fn import_reporting(
    bytes: &[u8],
    locked: &[Period],
) -> (Result<ImportSummary, ImportError>, String) {
    let mut report = Vec::new();
    let outcome = Importer::new(&subscription_of)
        .locked(locked.iter().copied())
        .problem_report(&mut report, Lang::Es)
        .read(bytes);
    (outcome, String::from_utf8_lossy(&report).into_owned())
}

/// The summary's total of a category.
pub fn total(summary: &ImportSummary, category: ChargeCategory) -> Decimal {
    summary.totals.get(&category).copied().unwrap_or_default()
}

/// The problems as (line, column, kind, value).
pub fn seen(summary: &ImportSummary) -> Vec<(u64, String, ProblemKind, String)> {
    summary.problems.iter().map(described).collect()
}

pub fn described(p: &Problem) -> (u64, String, ProblemKind, String) {
    (p.line, p.column.clone(), p.kind, p.value.clone())
}

pub fn problem(
    line: u64,
    column: &str,
    kind: ProblemKind,
    value: &str,
) -> (u64, String, ProblemKind, String) {
    (line, column.to_string(), kind, value.to_string())
}
