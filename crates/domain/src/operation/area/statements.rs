//! A customer's statement of a locked period (issue 12): recording a version the laptop
//! rendered. Only a locked period has a statement; its number is the customer's RUC and
//! the period; each version is the next one, and a version issued again as it was
//! (another laptop issued the same bytes offline) is taken as already recorded.

use serde_json::json;

use crate::billing::{
    BillingError, StatementRecord, StatementVersion, same_issue, statement_id, statement_number,
};
use crate::permission::Action;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The statements' command.
pub(super) struct Statements;

impl Area for Statements {
    fn wanted(&self, command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::IssueStatement {
                statement_id,
                customer_id,
                period,
                ..
            } => vec![
                RecordKey::Statement(*statement_id),
                RecordKey::Customer(*customer_id),
                RecordKey::PeriodLock(*period),
            ],
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let Command::IssueStatement {
            statement_id: id,
            customer_id,
            period,
            number,
            version,
            snapshot_sha256,
            pdf_sha256,
            issued_at,
        } = command
        else {
            return Err(misrouted());
        };
        let customer = cx
            .view
            .customer(*customer_id)
            .ok_or_else(|| Refusal::unknown(EntityKind::Customer, customer_id))?;
        if *number != statement_number(&customer.ruc.to_string(), *period)
            || *id != statement_id(number)
        {
            return Err(Refusal::DocumentMismatch {
                number: number.clone(),
            });
        }
        if cx.view.period_lock(*period).is_none() {
            return Err(BillingError::PeriodNotLocked { period: *period }.into());
        }
        for (field, hash) in [
            ("snapshot_sha256", snapshot_sha256),
            ("pdf_sha256", pdf_sha256),
        ] {
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Refusal::BadValue {
                    field: field.into(),
                    given: json!(hash),
                });
            }
        }
        let mut record = match cx.view.statement(*id) {
            Some(held) if held.customer_id != *customer_id || held.period != *period => {
                return Err(Refusal::DocumentMismatch {
                    number: number.clone(),
                });
            }
            Some(held) => held,
            None => StatementRecord::new(*customer_id, *period, number),
        };
        let issued = StatementVersion {
            version: *version,
            snapshot_sha256: snapshot_sha256.clone(),
            pdf_sha256: pdf_sha256.clone(),
            issued_at: *issued_at,
            issued_by: cx.actor.username.clone(),
        };
        let changes = json!({
            "number": number, "version": version, "period": period,
            "snapshot_sha256": snapshot_sha256, "pdf_sha256": pdf_sha256,
        });
        // The same bytes issued again (by another laptop, offline): already recorded.
        if record
            .version(*version)
            .is_some_and(|v| same_issue(v, &issued))
        {
            return Ok(Outcome::default().noting(changes));
        }
        let expected = record.next_version();
        if *version != expected {
            return Err(Refusal::VersionOutOfOrder {
                number: number.clone(),
                given: *version,
                expected,
            });
        }
        record.versions.push(issued);
        Ok(Outcome::one(Record::Statement(record)).noting(changes))
    }

    fn action(&self, _command: &Command) -> Option<Action> {
        Some(Action::IssueStatement)
    }

    fn history_action(&self, _command: &Command) -> &'static str {
        "billing.statement_issued"
    }
}
