//! Importing a month's AWS consumption (DOMAIN §5): the export is read where it lies,
//! streaming, on a thread of its own (a 200 MB file never sits in memory, nor crosses into
//! the window as bytes); its sums are recorded as one import by the one path; every
//! problem comes back with its line and column, and, if asked, as a CSV report.
//!
//! The same file again changes nothing (its SHA-256 names the import); charges of a locked
//! period are compared with what was billed and reported, never applied.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use nimbo_consumption::{ImportSummary, Importer, Progress};
use nimbo_domain::Lang;
use nimbo_domain::billing::{ChargeCategory, LineKind, Period, cents};
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::permission::{Action, authorize};
use nimbo_store::{billing, subscriptions};
use rust_decimal::Decimal;
use serde::Serialize;

use super::two_places;
use crate::context::actor;
use crate::error::FileProblem;
use crate::journal::{Change, act};
use crate::{AppError, Nimbo};

/// One problem of the file, in the reader's language.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportProblem {
    /// The file's line (the header is line 1).
    pub line: u64,
    /// The column's name.
    pub column: String,
    /// What kind of problem (`unknown_account`…).
    pub kind: String,
    /// The kind in words.
    pub kind_label: String,
    /// The value read.
    pub value: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// What the file holds for a locked period, beside what was billed for it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LockedComparison {
    /// The period.
    pub period: String,
    /// The file's consumption for it (taxes apart), rounded per subscription.
    pub in_file: String,
    /// The consumption billed in its locked run for the same subscriptions.
    pub billed: String,
    /// Whether they agree (then it is noted as already billed).
    pub same: bool,
}

/// What an import did, as shown.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportReport {
    /// The file's name.
    pub file_name: String,
    /// `focus` or `cur2`.
    pub format: String,
    /// The file's SHA-256.
    pub sha256: String,
    /// When the same file was imported before: who and when (nothing changed now).
    pub already_imported: Option<String>,
    /// Whether its sums were recorded now.
    pub recorded: bool,
    /// Rows read, header excluded.
    pub rows: u64,
    /// Rows summed.
    pub rows_billed: u64,
    /// Rows with problems (not summed).
    pub rows_with_problems: u64,
    /// The calendar months the export covers.
    pub months: Vec<String>,
    /// The sums per period the file feeds, `(period, amount)`.
    pub periods: Vec<(String, String)>,
    /// The sums per category, `(category, amount)`.
    pub categories: Vec<(String, String)>,
    /// The first problems (all of them are in the CSV report).
    pub problems: Vec<ImportProblem>,
    /// How many problems of each kind, `(kind in words, count)`.
    pub problem_counts: Vec<(String, u64)>,
    /// The locked periods the file repeats, compared with what was billed.
    pub locked: Vec<LockedComparison>,
    /// Where the problem report was written, if it was.
    pub report: Option<String>,
}

fn category_label(c: ChargeCategory, lang: Lang) -> &'static str {
    match c {
        ChargeCategory::Usage => lang.pick("uso", "usage"),
        ChargeCategory::Purchase => lang.pick("compras y cargos", "purchases and fees"),
        ChargeCategory::Credit => lang.pick("créditos", "credits"),
        ChargeCategory::Refund => lang.pick("reembolsos", "refunds"),
        ChargeCategory::Tax => lang.pick("impuestos de AWS", "AWS taxes"),
    }
}

/// Reads the export at `path`; records its sums unless the same file was imported
/// before or it holds none; writes every problem to `problems_csv` when given.
/// `progress` is told the bytes read (at most every megabyte).
pub async fn import(
    nimbo: &Nimbo,
    by: &str,
    path: &Path,
    problems_csv: Option<&Path>,
    lang: Lang,
    progress: Box<dyn FnMut(Progress) + Send>,
) -> Result<ImportReport, AppError> {
    let unreadable = |e: &std::io::Error| AppError::FileUnreadable {
        path: path.to_path_buf(),
        reason: FileProblem::from_io(e),
    };
    let size = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (accounts, locked) = {
        let mut conn = nimbo.store().read().await?;
        let user = actor(&mut conn, by).await?;
        authorize(&user, Action::ImportConsumption)?;
        (
            subscriptions::by_aws_account(&mut conn).await?,
            billing::locks::locked_periods(&mut conn).await?,
        )
    };
    let summary = read(
        path.to_path_buf(),
        problems_csv.map(Path::to_path_buf),
        size,
        accounts,
        locked,
        lang,
        progress,
    )
    .await?;

    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let earlier = billing::consumption::by_sha256(&mut tx, &summary.sha256).await?;
    let already_imported = earlier
        .as_ref()
        .map(|e| format!("{} · {}", nimbo_domain::time::local_display(e.at), e.by));
    let recorded = earlier.is_none() && !summary.aggregates.is_empty();
    if recorded {
        let import = summary.to_import(&file_name, &user.username, now);
        let change = Change::command(
            &user,
            EntityKind::ConsumptionImport,
            import.id,
            Command::RecordConsumptionImport { import },
        );
        act(&mut tx, now, change).await?;
    }
    let locked = compare_locked(&mut tx, &summary).await?;
    tx.commit().await?;
    Ok(report(
        summary,
        file_name,
        already_imported,
        recorded,
        locked,
        problems_csv,
        lang,
    ))
}

/// Runs the importer on a thread of its own: it reads and sums for as long as the file
/// takes, and must not hold the runtime's thread.
async fn read(
    path: PathBuf,
    problems_csv: Option<PathBuf>,
    size: u64,
    accounts: HashMap<String, uuid::Uuid>,
    locked: Vec<Period>,
    lang: Lang,
    mut progress: Box<dyn FnMut(Progress) + Send>,
) -> Result<ImportSummary, AppError> {
    let task = tokio::task::spawn_blocking(move || -> Result<ImportSummary, AppError> {
        let unreadable = |e: &std::io::Error| AppError::FileUnreadable {
            path: path.clone(),
            reason: FileProblem::from_io(e),
        };
        let file = std::fs::File::open(&path).map_err(|e| unreadable(&e))?;
        let subscription_of = |account: &str| accounts.get(account.trim()).copied();
        let mut report_file = match &problems_csv {
            Some(p) => Some(
                std::fs::File::create(p).map_err(|e| AppError::FileNotSaved {
                    path: p.clone(),
                    reason: e.to_string(),
                })?,
            ),
            None => None,
        };
        let mut importer = Importer::new(&subscription_of)
            .locked(locked)
            .total_bytes(size)
            .on_progress(&mut *progress);
        if let Some(f) = report_file.as_mut() {
            importer = importer.problem_report(f, lang);
        }
        importer
            .read(std::io::BufReader::with_capacity(1 << 16, file))
            .map_err(AppError::Import)
    });
    task.await.map_err(|e| {
        AppError::Store(nimbo_store::StoreError::Corrupt(format!(
            "la importación se interrumpió: {e}"
        )))
    })?
}

/// For each locked period the file repeats: its consumption against what was billed.
async fn compare_locked(
    conn: &mut nimbo_store::Connection,
    summary: &ImportSummary,
) -> Result<Vec<LockedComparison>, AppError> {
    let mut out = Vec::new();
    for l in &summary.locked {
        let mut per_subscription: BTreeMap<uuid::Uuid, Decimal> = BTreeMap::new();
        for a in l
            .aggregates
            .iter()
            .filter(|a| a.category != ChargeCategory::Tax)
        {
            *per_subscription.entry(a.subscription_id).or_default() += a.amount;
        }
        let in_file: Decimal = per_subscription.values().map(|d| cents(*d)).sum();
        let billed: Decimal = match billing::locks::of_period(conn, l.period).await? {
            Some(lock) => lock
                .lines
                .iter()
                .filter(|x| {
                    x.kind == LineKind::Consumption
                        && per_subscription.contains_key(&x.subscription_id)
                })
                .map(|x| x.net)
                .sum(),
            None => Decimal::ZERO,
        };
        out.push(LockedComparison {
            period: l.period.to_string(),
            in_file: two_places(in_file),
            billed: two_places(billed),
            same: in_file == billed,
        });
    }
    Ok(out)
}

fn report(
    summary: ImportSummary,
    file_name: String,
    already_imported: Option<String>,
    recorded: bool,
    locked: Vec<LockedComparison>,
    problems_csv: Option<&Path>,
    lang: Lang,
) -> ImportReport {
    let mut periods: BTreeMap<Period, Decimal> = BTreeMap::new();
    for a in &summary.aggregates {
        if a.category != ChargeCategory::Tax {
            *periods.entry(a.period).or_default() += a.amount;
        }
    }
    ImportReport {
        file_name,
        format: match summary.format {
            nimbo_domain::billing::ExportFormat::Focus => "focus".into(),
            nimbo_domain::billing::ExportFormat::Cur2 => "cur2".into(),
        },
        sha256: summary.sha256.clone(),
        already_imported,
        recorded,
        rows: summary.rows,
        rows_billed: summary.rows_billed,
        rows_with_problems: summary.rows_with_problems,
        months: summary.months.clone(),
        periods: periods
            .into_iter()
            .map(|(p, d)| (p.to_string(), two_places(d)))
            .collect(),
        categories: summary
            .totals
            .iter()
            .map(|(c, d)| (category_label(*c, lang).to_string(), two_places(*d)))
            .collect(),
        problems: summary
            .problems
            .iter()
            .map(|p| ImportProblem {
                line: p.line,
                column: p.column.clone(),
                kind: p.kind.id().into(),
                kind_label: p.kind.label(lang).into(),
                value: p.value.clone(),
                message: p.message(lang).to_string(),
            })
            .collect(),
        problem_counts: summary
            .problem_counts
            .iter()
            .map(|(k, n)| (k.label(lang).to_string(), *n))
            .collect(),
        locked,
        report: problems_csv.map(|p| p.display().to_string()),
    }
}
