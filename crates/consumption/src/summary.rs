//! What an import returns: the sums Nimbo bills from, the file's identity and counts, the
//! problems, and the totals of locked periods for the caller to compare with what was
//! billed. Nothing here holds a row.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use nimbo_domain::billing::{
    ChargeCategory, ConsumptionAggregate, ConsumptionImport, ExportFormat, Period,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::problem::{Problem, ProblemKind};

/// The namespace of import ids: an import's id is the UUIDv5 of its file's SHA-256 in it,
/// so the same file is the same import on every laptop.
pub const IMPORT_NAMESPACE: Uuid = Uuid::from_u128(0x6e69_6d62_6f2d_636f_6e73_756d_7074_696f);

/// The result of reading one export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// The format recognised by the header.
    pub format: ExportFormat,
    /// SHA-256 of the file's bytes as read (the compressed bytes of a gzip file), in hex.
    pub sha256: String,
    /// Bytes read (compressed, for a gzip file).
    pub bytes: u64,
    /// Rows read, header excluded.
    pub rows: u64,
    /// Rows summed into [`ImportSummary::aggregates`].
    pub rows_billed: u64,
    /// Rows with at least one problem (a locked period's rows among them).
    pub rows_with_problems: u64,
    /// The calendar months (`2026-11`) the export covers, sorted: each row's
    /// billing-period start when the export has that column, else its charge's start in UTC.
    pub months: Vec<String>,
    /// The sums per subscription, account, period, service and category, unrounded, of the
    /// rows without problems; sorted by those keys.
    pub aggregates: Vec<ConsumptionAggregate>,
    /// The sums of [`ImportSummary::aggregates`] per category.
    pub totals: BTreeMap<ChargeCategory, Decimal>,
    /// The first problems, in file order (as many as the import was told to keep).
    pub problems: Vec<Problem>,
    /// How many problems of each kind, all of them counted.
    pub problem_counts: BTreeMap<ProblemKind, u64>,
    /// What the file holds for each locked period it touches, not imported: for the
    /// caller to compare with what was billed (DOMAIN §5).
    pub locked: Vec<LockedPeriodTotal>,
}

/// What an export holds for a period already locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedPeriodTotal {
    /// The locked period.
    pub period: Period,
    /// The sum of its rows, every category, unrounded.
    pub amount: Decimal,
    /// How many rows.
    pub rows: u64,
    /// The same rows' sums as the aggregates of an import would be.
    pub aggregates: Vec<ConsumptionAggregate>,
}

impl ImportSummary {
    /// How many problems in all.
    pub fn problems_total(&self) -> u64 {
        self.problem_counts.values().sum()
    }

    /// The sum of every category's total.
    pub fn total(&self) -> Decimal {
        self.totals.values().copied().sum()
    }

    /// The import's id: the UUIDv5 of its SHA-256 (the same file, the same id).
    pub fn import_id(&self) -> Uuid {
        import_id(&self.sha256)
    }

    /// The record Nimbo keeps of this import.
    pub fn to_import(&self, file_name: &str, by: &str, at: DateTime<Utc>) -> ConsumptionImport {
        ConsumptionImport {
            id: self.import_id(),
            sha256: self.sha256.clone(),
            file_name: file_name.to_string(),
            format: self.format,
            months: self.months.clone(),
            rows: self.rows,
            rows_billed: self.rows_billed,
            rows_with_problems: self.rows_with_problems,
            aggregates: self.aggregates.clone(),
            by: by.to_string(),
            at,
        }
    }
}

/// An import's id from its file's SHA-256 (hex).
pub fn import_id(sha256: &str) -> Uuid {
    Uuid::new_v5(&IMPORT_NAMESPACE, sha256.as_bytes())
}
