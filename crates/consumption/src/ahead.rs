//! What the parser's thread reads of each record ahead of the tally, once the header is
//! recognised: the work of the pipeline's longest thread that needs no running state
//! (BENCHMARKS.md §7). Only results of the tally's own functions on the same fields; the
//! tally still makes every check and reports every problem.

use rust_decimal::Decimal;

use crate::format::Columns;
use crate::intern::hash;
use crate::split::Fields;
use crate::timestamp::epoch_seconds;
use crate::values::{plain_amount, trimmed};

/// The columns the parser's thread reads ahead, told once the header is recognised.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    width: usize,
    account: usize,
    cost: usize,
    start: usize,
    end: usize,
    service: usize,
}

impl Reading {
    /// What to read ahead in an export of these columns.
    pub(crate) fn of(columns: &Columns) -> Reading {
        Reading {
            width: columns.names.len(),
            account: columns.account,
            cost: columns.cost,
            start: columns.start,
            end: columns.end,
            service: columns.service,
        }
    }
}

/// What the parser's thread read of a record ahead of the tally, with the same functions
/// the tally would call on the same fields (`None`: not read, the tally reads it): the
/// results, not the checks, so every problem is still found and reported by the tally.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ahead {
    pub(crate) account_hash: Option<u64>,
    pub(crate) service_hash: Option<u64>,
    /// The cost when it is a plain amount.
    pub(crate) cost: Option<Decimal>,
    pub(crate) start: Option<Option<i64>>,
    pub(crate) end: Option<Option<i64>>,
}

impl Ahead {
    /// Reads a record ahead; nothing of one without the header's width.
    pub(crate) fn of(reading: &Reading, record: Fields<'_>) -> Ahead {
        if record.len() != reading.width {
            return Ahead::default();
        }
        let field = |i: usize| trimmed(record.get(i).unwrap_or_default());
        Ahead {
            account_hash: Some(hash(field(reading.account))),
            service_hash: Some(hash(field(reading.service))),
            cost: plain_amount(field(reading.cost)),
            start: Some(epoch_seconds(field(reading.start))),
            end: Some(epoch_seconds(field(reading.end))),
        }
    }
}
