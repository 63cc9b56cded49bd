//! Monthly billing (DOMAIN §3 and §5): the cycle-15 period, money as the statement prints
//! it, charge categories of imported consumption, and the charge lines a billing run
//! produces, each with the explanation a customer can recompute it from.
//!
//! Pure like the rest of the domain: no I/O and no clock; the importer, the store and
//! the front doors hand it what they read.

pub mod adjustment;
pub mod business_hours;
pub mod calendar;
pub mod carried_debt;
pub mod consumption;
pub mod consumption_line;
pub mod explain;
pub mod flag;
pub mod gather;
pub mod holiday;
pub mod holidays_py;
pub mod hours;
pub mod hours_line;
pub mod invoice;
pub mod line;
pub mod lock;
pub mod money;
pub mod period;
pub mod quote;
mod quote_error;
mod quote_parse;
pub mod refusal;
pub mod run;
pub mod run_hash;
pub mod statement;
mod subscription_lines;
pub mod vip;

pub use adjustment::Adjustment;
pub use business_hours::{HoursSplit, check_entry, split};
pub use calendar::{HolidayCalendar, easter_sunday};
pub use carried_debt::{CarriedDebt, CarriedInvoice};
pub use consumption::{ConsumptionAggregate, ConsumptionImport, ExportFormat};
pub use flag::{Flag, FlagKind, PastConsumption};
pub use gather::run_of;
pub use holiday::Holiday;
pub use holidays_py::seed_holidays;
pub use hours::HoursEntry;
pub use invoice::{Debt, Invoice, InvoiceStatus, Payment, debt};
pub use line::{ChargeCategory, ChargeLine, LineKind, priced};
pub use lock::PeriodLock;
pub use money::{IVA_RATE, amount, cents, es_py};
pub use period::{Period, first_open};
pub use quote::{Quote, QuoteError, QuoteRequest, quote};
pub use run::{BillableSubscription, BillingRun, RunInputs, SubscriptionCharges, run};
pub use statement::{
    StatementRecord, StatementVersion, same_issue, statement_id, statement_number,
};

pub use refusal::BillingError;

#[cfg(test)]
mod tests;
