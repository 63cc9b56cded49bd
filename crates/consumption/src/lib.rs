//! # nimbo-consumption
//!
//! The consumption importer (DOMAIN §5, issue 12): reads the month's AWS export — FinOps
//! FOCUS 1.x or AWS CUR 2.0, CSV plain or gzip — from any [`std::io::Read`], streaming, in
//! constant memory whatever the file's size, and returns what Nimbo keeps: the sums per
//! subscription, AWS account, period, service and category
//! ([`nimbo_domain::billing::ConsumptionAggregate`]), the file's SHA-256 and counts, and
//! every problem with its line and column.
//!
//! House rules: a library of pure reading. It may depend on `nimbo-domain` (periods,
//! categories, the records billing keeps), `csv` (to write the report and generated files), `flate2`, `sha2`, `hex`, `rust_decimal`,
//! `chrono`, `thiserror` and `uuid`. It must not depend on the store, tokio, sqlx or tauri,
//! read the clock, or open files: the caller hands it a reader and, if it wants one, a
//! writer for the problem report.
//!
//! ## What it reads
//!
//! - **Format** by the header ([`ImportSummary::format`]): FOCUS needs
//!   `BilledCost`, `BillingCurrency`, `ChargePeriodStart`, `ChargePeriodEnd`,
//!   `ChargeCategory`, `ServiceName` and `SubAccountId` (preferred) or `BillingAccountId`,
//!   and reads `BillingPeriodStart` and `ChargeClass` when present. CUR 2.0 needs
//!   `line_item_usage_account_id`, `line_item_usage_start_date`, `line_item_usage_end_date`,
//!   `line_item_line_item_type`, `line_item_unblended_cost`, `line_item_currency_code` and
//!   `product_servicename` or `line_item_product_code` (read when the service name is empty
//!   on a row), and reads `bill_billing_period_start_date` when present. A header that
//!   lacks any is [`ImportError::WrongHeader`], naming them: nothing is imported.
//! - **Cost**: CUR's `line_item_unblended_cost`, not `line_item_net_unblended_cost`. The
//!   unblended cost is what FOCUS's `BilledCost` holds in AWS's own FOCUS export, so both
//!   formats give the same sums; and AWS writes its discounts as line items of their own
//!   (`EdpDiscount`, `PrivateRateDiscount`…), which Nimbo keeps as credits, apart from usage
//!   — the net cost folds those discounts into the usage lines' amounts, so they would no
//!   longer show apart. The net column exists only in exports of accounts with discounts,
//!   too.
//! - **Gzip** by its magic bytes, never by the file's name; a UTF-8 BOM, CRLF line ends,
//!   quoted fields with commas and line breaks, and amounts in scientific notation
//!   (`1.5E-7`) are read as they are; credits are negative amounts.
//! - **Categories**: the mapping table is in [`category`](crate#categories) below; a value
//!   outside it is a problem, never guessed.
//! - **Periods**: each charge belongs to [`Period::of_instant`] of its start, in Asunción
//!   time (a charge starting 14/11 23:30 in Asunción is in `2026-10`, one starting 15/11
//!   00:10 in `2026-11`). Timestamps in the forms AWS writes (`2026-11-01T00:00:00Z`,
//!   `…00.000Z`, an ISO offset, or `2026-11-01 00:00:00` as UTC); anything else is a
//!   malformed date.
//! - **Empty cost is a problem, not zero.** FOCUS defines `BilledCost` as never null and
//!   CUR always writes a cost; an empty one means a damaged or hand-edited file, and
//!   reading it as zero would bill less without anyone seeing why. The row is reported
//!   and not summed; a real zero is written `0`.
//!
//! ## How it reads
//!
//! On three threads, so that a 200 MB export is read as fast as DuckDB reads it
//! (BENCHMARKS.md §7): one reads the file, hashes and gunzips it (`source`), one splits
//! the text into records in place (`split`, `records`) and, once the header is known,
//! reads each record's amount, timestamps and names' hashes ahead (`ahead`, `values`),
//! and the caller's thread checks and sums the rows (`tally`) and calls the progress
//! callback and writes the report. They hand over through channels bounded to a few
//! chunks of 64 KiB whose buffers are reused, so the import takes the same memory
//! (about 18 MiB resident, most of it the program itself) for a file of any size; only
//! the sums grow, with the distinct accounts, services, periods and categories. The
//! reader is therefore `Send`.
//!
//! ## What it returns
//!
//! An [`ImportSummary`]: the sums of the rows without problems; the totals per category;
//! the months covered; the first problems (1,000 unless told otherwise) and the count of
//! every kind; and, for each period the caller says is locked, what the file holds for it
//! ([`LockedPeriodTotal`]) — those rows are problems of kind
//! [`ProblemKind::LockedPeriod`], compared by the caller with what was billed, never
//! added. Each problem is also written, as it is found, to the optional report: CSV with
//! a BOM (Excel opens it), columns `linea,columna,problema,valor,detalle`.
//! [`ImportSummary::to_import`] makes the record Nimbo keeps, whose id is the UUIDv5 of
//! the SHA-256: the same file is the same import on every laptop.
//!
//! ```
//! use std::collections::HashMap;
//! use nimbo_consumption::{Importer, ProblemKind};
//! use nimbo_domain::Lang;
//! use uuid::Uuid;
//!
//! let file = "BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,SubAccountId\n\
//!             12.50,USD,2026-11-20T10:00:00Z,2026-11-20T11:00:00Z,Usage,Amazon Elastic Compute Cloud,111122223333\n\
//!             -2.00,USD,2026-11-20T10:00:00Z,2026-11-20T11:00:00Z,Credit,Amazon Elastic Compute Cloud,111122223333\n\
//!             3.00,USD,2026-11-20T10:00:00Z,2026-11-20T11:00:00Z,Usage,AWS Lambda,999999999999\n";
//! let subscriptions = HashMap::from([("111122223333".to_string(), Uuid::from_u128(7))]);
//! let subscription_of = |account: &str| subscriptions.get(account).copied();
//! let mut report = Vec::new();
//! let summary = Importer::new(&subscription_of)
//!     .problem_report(&mut report, Lang::Es)
//!     .read(file.as_bytes())
//!     .map_err(|e| e.to_string())?;
//! assert_eq!(summary.rows, 3);
//! assert_eq!(summary.aggregates.len(), 2); // usage and credit of EC2
//! assert_eq!(summary.total().to_string(), "10.50");
//! assert_eq!(summary.problems[0].line, 4);
//! assert_eq!(summary.problems[0].kind, ProblemKind::UnknownAccount);
//! # Ok::<(), String>(())
//! ```
//!
//! ## Categories
//!
//! | FOCUS `ChargeCategory` | CUR 2.0 `line_item_line_item_type` | Nimbo |
//! |---|---|---|
//! | `Usage` | `Usage`, `DiscountedUsage`, `SavingsPlanCoveredUsage`, `SavingsPlanNegation` | usage |
//! | `Purchase` | `Fee`, `RIFee`, `SavingsPlanRecurringFee`, `SavingsPlanUpfrontFee` | purchase |
//! | `Credit` | `Credit`, `BundledDiscount`, `Discount`, `EdpDiscount`, `PrivateRateDiscount`, `DistributorDiscount`, `SppDiscount`, `RiVolumeDiscount` | credit |
//! | `Adjustment` | `Refund` | refund |
//! | `Tax` | `Tax` | tax |
//!
//! Why each line is where it is: see the `category` module.

#![warn(missing_docs)]

mod ahead;
mod category;
mod format;
pub mod generate;
mod intern;
mod problem;
mod records;
mod source;
mod split;
mod summary;
mod tally;
mod timestamp;
mod values;

use std::collections::BTreeSet;
use std::io::{self, Read, Write};

use nimbo_domain::Lang;
use nimbo_domain::billing::{ExportFormat, Period};
use uuid::Uuid;

pub use problem::{Problem, ProblemKind};
pub use records::Progress;
pub use summary::{IMPORT_NAMESPACE, ImportSummary, LockedPeriodTotal, import_id};

use problem::ProblemLog;
use tally::Tally;

/// How many problems an import keeps in memory unless told otherwise (all are counted
/// and written to the report).
pub const PROBLEMS_KEPT: usize = 1_000;

/// Why an export could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The header is neither FOCUS 1.x nor CUR 2.0: the problem names the missing columns.
    #[error("{}", .problem.message_es)]
    WrongHeader {
        /// The header's problem (line 1).
        problem: Problem,
    },
    /// The file has no header.
    #[error(
        "El archivo está vacío: exporte el consumo del mes desde el MCO (FOCUS 1.x o CUR 2.0) \
         y elíjalo de nuevo."
    )]
    Empty,
    /// The file could not be read to its end (a cut gzip file, a disk error).
    #[error(
        "El archivo no se pudo leer hasta el final ({0}): descárguelo de nuevo del MCO e \
         impórtelo otra vez; no se importó nada."
    )]
    Read(io::Error),
    /// The problem report could not be written.
    #[error(
        "No se pudo escribir el informe de problemas ({0}): elija otra carpeta con espacio \
         libre; no se importó nada."
    )]
    Report(io::Error),
}

impl ImportError {
    /// The message in `lang` (Spanish is also the `Display`).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::Es) => self.to_string(),
            (ImportError::WrongHeader { problem }, Lang::En) => problem.message_en.clone(),
            (ImportError::Empty, Lang::En) => "The file is empty: export the month's \
                consumption from the MCO (FOCUS 1.x or CUR 2.0) and choose it again."
                .to_string(),
            (ImportError::Read(e), Lang::En) => format!(
                "The file could not be read to its end ({e}): download it again from the MCO \
                 and import it again; nothing was imported."
            ),
            (ImportError::Report(e), Lang::En) => format!(
                "The problem report could not be written ({e}): choose another folder with \
                 free space; nothing was imported."
            ),
        }
    }
}

/// An import being set up: who the accounts belong to, which periods are locked, where
/// problems and progress go. [`Importer::read`] does the work.
pub struct Importer<'a> {
    subscription_of: &'a dyn Fn(&str) -> Option<Uuid>,
    locked: BTreeSet<Period>,
    keep: usize,
    total_bytes: Option<u64>,
    progress: Option<&'a mut dyn FnMut(Progress)>,
    report: Option<(&'a mut dyn Write, Lang)>,
}

impl<'a> Importer<'a> {
    /// An import that asks `subscription_of` which subscription an AWS account belongs
    /// to (once per account); an account it does not know is a problem of its rows.
    pub fn new(subscription_of: &'a dyn Fn(&str) -> Option<Uuid>) -> Importer<'a> {
        Importer {
            subscription_of,
            locked: BTreeSet::new(),
            keep: PROBLEMS_KEPT,
            total_bytes: None,
            progress: None,
            report: None,
        }
    }

    /// The periods already locked: their rows are compared, not imported.
    pub fn locked(mut self, periods: impl IntoIterator<Item = Period>) -> Importer<'a> {
        self.locked.extend(periods);
        self
    }

    /// How many problems to keep in the summary (all are counted and reported).
    pub fn keep_problems(mut self, keep: usize) -> Importer<'a> {
        self.keep = keep;
        self
    }

    /// The file's size, for the progress callback's total.
    pub fn total_bytes(mut self, total: u64) -> Importer<'a> {
        self.total_bytes = Some(total);
        self
    }

    /// Called as the file is read, at most every mebibyte, and once at the end.
    pub fn on_progress(mut self, progress: &'a mut dyn FnMut(Progress)) -> Importer<'a> {
        self.progress = Some(progress);
        self
    }

    /// Writes every problem, as found, to `report` as CSV (with a BOM; columns
    /// `linea,columna,problema,valor,detalle`), the words in `lang`.
    pub fn problem_report(mut self, report: &'a mut dyn Write, lang: Lang) -> Importer<'a> {
        self.report = Some((report, lang));
        self
    }

    /// Reads the export to its end. The file is read, hashed and gunzipped on one thread
    /// and parsed on another while this one sums (see the `records` module); the caller's
    /// callbacks and report are only called from this thread.
    pub fn read<R: Read + Send>(self, input: R) -> Result<ImportSummary, ImportError> {
        let Importer {
            subscription_of,
            locked,
            keep,
            total_bytes,
            progress,
            report,
        } = self;
        let reading = std::sync::OnceLock::new();
        std::thread::scope(|scope| {
            let mut records = records::start(scope, input, total_bytes, progress, &reading);
            let mut log = ProblemLog::new(keep, report).map_err(ImportError::Report)?;
            let Some(first) = records.next().map_err(ImportError::Read)? else {
                return Err(ImportError::Empty);
            };
            let header: Vec<String> = first
                .records
                .first()
                .map(|names| {
                    first
                        .record(names)
                        .iter()
                        .map(|name| String::from_utf8_lossy(name).into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let columns = match format::recognise(header.clone()) {
                Ok(columns) => columns,
                Err(unrecognised) => {
                    let problem = wrong_header(&header, unrecognised);
                    log.note(problem.clone()).map_err(ImportError::Report)?;
                    log.finish().map_err(ImportError::Report)?;
                    return Err(ImportError::WrongHeader { problem });
                }
            };
            let format = columns.format;
            // From here on the parser's thread reads each record's amount, timestamps
            // and names' hashes ahead (batches already split are read here).
            let _ = reading.set(ahead::Reading::of(&columns));
            let mut tally = Tally::new(columns, subscription_of, locked);
            let mut batch = first;
            let mut skip = 1;
            loop {
                for (i, record) in batch.records.iter().enumerate().skip(skip) {
                    let ahead = batch.ahead.get(i).copied().unwrap_or_default();
                    tally
                        .row(batch.record(record), ahead, &mut log)
                        .map_err(ImportError::Report)?;
                }
                skip = 0;
                records.done(batch);
                match records.next().map_err(ImportError::Read)? {
                    Some(next) => batch = next,
                    None => break,
                }
            }
            log.finish().map_err(ImportError::Report)?;
            let raw = records.finish().map_err(ImportError::Read)?;
            let (rows, rows_billed, rows_with_problems) =
                (tally.rows, tally.rows_billed, tally.rows_with_problems);
            let totals = tally.finish();
            Ok(ImportSummary {
                format,
                sha256: raw.sha256,
                bytes: raw.bytes,
                rows,
                rows_billed,
                rows_with_problems,
                months: totals.months,
                aggregates: totals.aggregates,
                totals: totals.totals,
                problems: log.kept,
                problem_counts: log.counts,
                locked: totals.locked,
            })
        })
    }
}

/// The problem of a header that is not an export Nimbo reads.
fn wrong_header(header: &[String], unrecognised: format::Unrecognised) -> Problem {
    let seen = header.join(",");
    match unrecognised.closest {
        Some(format) => {
            let names = unrecognised.missing.join(", ");
            let mut problem = Problem::at(1, &names, ProblemKind::MissingColumn, seen.as_bytes());
            let label = format_label(format);
            problem.message_es = format!(
                "El encabezado parece {label} pero le faltan estas columnas: {names}. Exporte \
                 el consumo del MCO con todas ellas ({}); no se importó nada.",
                format::needed_columns(format)
            );
            problem.message_en = format!(
                "The header looks like {label} but lacks these columns: {names}. Export the \
                 consumption from the MCO with all of them ({}); nothing was imported.",
                format::needed_columns(format).replace(" o ", " or ")
            );
            problem
        }
        None => {
            let mut problem = Problem::at(1, "", ProblemKind::MissingColumn, seen.as_bytes());
            problem.message_es = format!(
                "El encabezado no es de FOCUS 1.x ni de AWS CUR 2.0: exporte el consumo del MCO \
                 en uno de esos formatos (FOCUS: {}; CUR 2.0: {}); no se importó nada.",
                format::needed_columns(ExportFormat::Focus),
                format::needed_columns(ExportFormat::Cur2)
            );
            problem.message_en = format!(
                "The header is neither FOCUS 1.x nor AWS CUR 2.0: export the consumption from \
                 the MCO in one of them (FOCUS: {}; CUR 2.0: {}); nothing was imported.",
                format::needed_columns(ExportFormat::Focus).replace(" o ", " or "),
                format::needed_columns(ExportFormat::Cur2).replace(" o ", " or ")
            );
            problem
        }
    }
}

/// A format's name as people read it.
fn format_label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Focus => "FOCUS 1.x",
        ExportFormat::Cur2 => "AWS CUR 2.0",
    }
}
