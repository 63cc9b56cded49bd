//! A customer's statement of a locked period (estado de cuenta) as Nimbo keeps it: its
//! number, and every version issued with the evidence that identifies it — the snapshot's
//! and the PDF's SHA-256, when and by whom. The PDF itself is not kept: the same data
//! renders the same bytes, and a file is recognised by its hashes.
//!
//! A statement is not an order's or a process's document: it belongs to a customer and a
//! period, is never signed and has no signature record, so it is its own small record
//! (docs/DECISIONS.md). Its versions follow the documents' rule: the same data gives back
//! the latest version; different data makes the next one, and every version is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::period::Period;

/// The namespace statements' ids are derived in: every laptop and the server name the
/// statement of a customer and period the same way (it is also the QR code's id).
const STATEMENTS: Uuid = Uuid::from_u128(0x7a31_0c55_e2d4_4b8f_91c6_3f0a_5d28_e6b4);

/// The statement's number: `EC-{ruc}-{period}`, e.g. `EC-80028061-0-2026-11`.
pub fn statement_number(ruc: &str, period: Period) -> String {
    format!("EC-{ruc}-{period}")
}

/// The statement's id, derived from its number.
pub fn statement_id(number: &str) -> Uuid {
    Uuid::new_v5(&STATEMENTS, number.as_bytes())
}

/// One issued version of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementVersion {
    /// The version, from 1.
    pub version: u32,
    /// The SHA-256 of the snapshot it was rendered from (its QR code's).
    pub snapshot_sha256: String,
    /// The SHA-256 of its PDF.
    pub pdf_sha256: String,
    /// The instant printed on it as its issue: the period's lock for the first version,
    /// the moment it was issued for a later one.
    pub issued_at: DateTime<Utc>,
    /// Who issued it (username).
    pub issued_by: String,
}

/// A customer's statement of a period with every version issued, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRecord {
    /// Its id ([`statement_id`] of its number).
    pub id: Uuid,
    /// The customer.
    pub customer_id: Uuid,
    /// The period it states.
    pub period: Period,
    /// Its number ([`statement_number`]).
    pub number: String,
    /// Its versions, from 1.
    pub versions: Vec<StatementVersion>,
}

impl StatementRecord {
    /// A statement with no version yet.
    pub fn new(customer_id: Uuid, period: Period, number: &str) -> StatementRecord {
        StatementRecord {
            id: statement_id(number),
            customer_id,
            period,
            number: number.to_string(),
            versions: Vec::new(),
        }
    }

    /// The newest version.
    pub fn latest(&self) -> Option<&StatementVersion> {
        self.versions.last()
    }

    /// The version numbered `n`.
    pub fn version(&self, n: u32) -> Option<&StatementVersion> {
        self.versions.iter().find(|v| v.version == n)
    }

    /// The number the next version takes.
    pub fn next_version(&self) -> u32 {
        self.latest().map_or(1, |v| v.version.saturating_add(1))
    }
}

/// Whether `v` is the very version `w` (same number, same hashes): issued again, not new.
pub fn same_issue(v: &StatementVersion, w: &StatementVersion) -> bool {
    v.version == w.version && v.snapshot_sha256 == w.snapshot_sha256 && v.pdf_sha256 == w.pdf_sha256
}
