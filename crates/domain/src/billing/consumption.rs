//! Imported AWS consumption, as Nimbo keeps it: not the export's rows but their sums per
//! subscription, period, AWS service and category, with the file's SHA-256 and counts
//! (DOMAIN §5). One record per imported file.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::line::ChargeCategory;
use super::period::Period;

/// The format an export was recognised as, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// FinOps FOCUS 1.x.
    Focus,
    /// AWS Cost and Usage Report 2.0.
    Cur2,
}

/// The sum of one subscription's charges of one period, service and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumptionAggregate {
    /// The subscription the AWS account belongs to.
    pub subscription_id: Uuid,
    /// The AWS account.
    pub aws_account: String,
    /// The period the charges started in (Asunción time).
    pub period: Period,
    /// The calendar month (`2026-11`) of the export the charges came in (AWS's billing
    /// period): a later import of the same month replaces these sums.
    pub month: String,
    /// The AWS service (`Amazon Elastic Compute Cloud`).
    pub service: String,
    /// Usage, purchase, credit, refund or tax.
    pub category: ChargeCategory,
    /// The sum, unrounded (as the export's costs add up).
    pub amount: Decimal,
    /// How many rows were summed.
    pub rows: u64,
}

/// One imported export file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumptionImport {
    /// Stable id.
    pub id: Uuid,
    /// The file's SHA-256 (of its bytes as read, compressed or not): the same file
    /// imported again changes nothing.
    pub sha256: String,
    /// The file's name, as chosen.
    pub file_name: String,
    /// Its format.
    pub format: ExportFormat,
    /// The calendar months (`2026-11`) the export covers: a later import covering the
    /// same months replaces this one for the periods not yet locked.
    pub months: Vec<String>,
    /// Rows read (header excluded).
    pub rows: u64,
    /// Rows summed into the aggregates.
    pub rows_billed: u64,
    /// Rows reported as problems.
    pub rows_with_problems: u64,
    /// The sums.
    pub aggregates: Vec<ConsumptionAggregate>,
    /// Who imported it (username).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}
