//! The run of a period: its preview at any time, its lock (decided by the server like any
//! command: two laptops cannot lock different versions), and its export for Satélite,
//! which locks it. Every line carries its explanation, shown and exported.

use std::collections::BTreeMap;
use std::path::Path;

use nimbo_domain::Lang;
use nimbo_domain::billing::gather::{inputs_of, wanted};
use nimbo_domain::billing::{
    BillingRun, ChargeLine, LineKind, PastConsumption, Period, PeriodLock, run,
};
use nimbo_domain::operation::{Command, EntityKind, MemoryRecords, RecordKey, natural_id};
use nimbo_domain::permission::{Action, authorize};
use nimbo_store::{Connection, billing, customers, records, subscriptions};
use serde::Serialize;

use super::two_places;
use crate::context::{actor, require};
use crate::journal::{Change, act};
use crate::{AppError, Nimbo};

/// One line as shown and exported: amounts as decimal strings with two places.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LineView {
    /// The line's id (the export's).
    pub id: String,
    /// What it charges for (`consumption`, `vip_fee`, `business_hours`, `after_hours`,
    /// `adjustment`, `termination_debt`).
    pub kind: String,
    /// The plan's code.
    pub plan: String,
    /// The plan's name.
    pub plan_name: String,
    /// Net of IVA.
    pub net: String,
    /// IVA.
    pub iva: String,
    /// Net + IVA.
    pub total: String,
    /// How it was computed, in the reader's language.
    pub explanation: String,
}

/// One subscription's lines of the run.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SubscriptionRunView {
    /// The subscription's id.
    pub subscription_id: String,
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The Siebel billing account.
    pub billing_account: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// Its lines.
    pub lines: Vec<LineView>,
    /// Sums of its rounded lines.
    pub net: String,
    /// IVA.
    pub iva: String,
    /// Total.
    pub total: String,
    /// Why to look at it before exporting, in the reader's language.
    pub flags: Vec<String>,
}

/// A period's run as shown.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RunView {
    /// `2026-11`.
    pub period: String,
    /// `15/11/2026 – 14/12/2026`.
    pub span: String,
    /// Whether it is locked (the lines are then the locked ones).
    pub locked: bool,
    /// Who locked it, and when (`dd/mm/aaaa hh:mm`).
    pub locked_by: Option<String>,
    /// When.
    pub locked_at: Option<String>,
    /// The run's hash: the same inputs always give the same hash.
    pub hash: String,
    /// The subscriptions with lines.
    pub subscriptions: Vec<SubscriptionRunView>,
    /// How many flags there are.
    pub flag_count: usize,
    /// Sums of every line.
    pub net: String,
    /// IVA.
    pub iva: String,
    /// Total.
    pub total: String,
}

/// Loads what `period`'s run reads from this database into a view, as the lock's
/// decision loads it: the run's inputs, then the invoices the carried debts name.
async fn inputs_view(conn: &mut Connection, period: Period) -> Result<MemoryRecords, AppError> {
    let mut view = MemoryRecords::default();
    let mut asked = std::collections::BTreeSet::new();
    loop {
        let keys: Vec<RecordKey> = wanted(&view, period)
            .into_iter()
            .filter(|k| !asked.contains(k))
            .collect();
        if keys.is_empty() {
            return Ok(view);
        }
        records::load(conn, &keys, &mut view).await?;
        asked.extend(keys);
    }
}

/// The subscriptions' consumption lines of the three periods before, from their locks:
/// what the spike flag compares with.
async fn history(conn: &mut Connection, period: Period) -> Result<Vec<PastConsumption>, AppError> {
    let mut past = Vec::new();
    let mut p = period;
    for _ in 0..3 {
        p = p.previous();
        if let Some(lock) = billing::locks::of_period(conn, p).await? {
            past.extend(
                lock.lines
                    .iter()
                    .filter(|l| l.kind == LineKind::Consumption)
                    .map(|l| PastConsumption {
                        subscription_id: l.subscription_id,
                        period: p,
                        net: l.net,
                    }),
            );
        }
    }
    Ok(past)
}

/// The run as computed now from this database's records, with its flags.
pub async fn compute(conn: &mut Connection, period: Period) -> Result<BillingRun, AppError> {
    let view = inputs_view(conn, period).await?;
    let mut inputs = inputs_of(&view, period);
    inputs.history = history(conn, period).await?;
    Ok(run(&inputs))
}

pub(crate) fn line_view(l: &ChargeLine, lang: Lang) -> LineView {
    LineView {
        id: l.id.to_string(),
        kind: nimbo_domain::billing::run::kind_id(l.kind).to_string(),
        plan: l.plan_code.clone(),
        plan_name: l.plan_name.clone(),
        net: two_places(l.net),
        iva: two_places(l.iva),
        total: two_places(l.total),
        explanation: lang.pick(&l.explanation_es, &l.explanation_en).to_string(),
    }
}

/// Groups lines by subscription, in their order, with the customers' names.
async fn grouped(
    conn: &mut Connection,
    lines: &[ChargeLine],
    flags: &BTreeMap<uuid::Uuid, Vec<String>>,
    lang: Lang,
) -> Result<Vec<SubscriptionRunView>, AppError> {
    let mut views: Vec<SubscriptionRunView> = Vec::new();
    let mut names: BTreeMap<uuid::Uuid, (String, String)> = BTreeMap::new();
    for l in lines {
        if views
            .last()
            .is_none_or(|v| v.subscription_id != l.subscription_id.to_string())
        {
            let s = subscriptions::by_id(conn, l.subscription_id).await?;
            let (customer, ruc) = match &s {
                Some(s) => match names.get(&s.customer_id) {
                    Some(n) => n.clone(),
                    None => {
                        let c = customers::by_id(conn, s.customer_id).await?;
                        let n = c.map(|c| (c.name, c.ruc.to_string())).unwrap_or_default();
                        names.insert(s.customer_id, n.clone());
                        n
                    }
                },
                None => Default::default(),
            };
            views.push(SubscriptionRunView {
                subscription_id: l.subscription_id.to_string(),
                subscriber_id: s
                    .as_ref()
                    .map(|s| s.subscriber_id.clone())
                    .unwrap_or_default(),
                billing_account: s
                    .as_ref()
                    .map(|s| s.billing_account.clone())
                    .unwrap_or_default(),
                customer,
                ruc,
                lines: Vec::new(),
                net: String::new(),
                iva: String::new(),
                total: String::new(),
                flags: flags.get(&l.subscription_id).cloned().unwrap_or_default(),
            });
        }
        if let Some(v) = views.last_mut() {
            v.lines.push(line_view(l, lang));
        }
    }
    for v in &mut views {
        let sum = |pick: fn(&ChargeLine) -> rust_decimal::Decimal| {
            two_places(
                lines
                    .iter()
                    .filter(|l| l.subscription_id.to_string() == v.subscription_id)
                    .map(pick)
                    .sum(),
            )
        };
        v.net = sum(|l| l.net);
        v.iva = sum(|l| l.iva);
        v.total = sum(|l| l.total);
    }
    Ok(views)
}

/// The run of a period as shown: the locked lines if it is locked, else a preview
/// computed now.
pub async fn preview(nimbo: &Nimbo, period: Period, lang: Lang) -> Result<RunView, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let lock = billing::locks::of_period(&mut conn, period).await?;
    let computed = compute(&mut conn, period).await?;
    let mut flags: BTreeMap<uuid::Uuid, Vec<String>> = BTreeMap::new();
    for f in &computed.flags {
        flags
            .entry(f.subscription_id)
            .or_default()
            .push(lang.pick(&f.explanation_es, &f.explanation_en).to_string());
    }
    let (lines, hash): (Vec<ChargeLine>, String) = match &lock {
        Some(l) => (l.lines.clone(), l.run_hash.clone()),
        None => (computed.lines().cloned().collect(), computed.hash.clone()),
    };
    let subscriptions = grouped(&mut conn, &lines, &flags, lang).await?;
    let sum =
        |pick: fn(&ChargeLine) -> rust_decimal::Decimal| two_places(lines.iter().map(pick).sum());
    Ok(RunView {
        period: period.to_string(),
        span: period.span_display(),
        locked: lock.is_some(),
        locked_by: lock.as_ref().map(|l| l.by.clone()),
        locked_at: lock
            .as_ref()
            .map(|l| nimbo_domain::time::local_display(l.at)),
        hash,
        flag_count: computed.flags.len(),
        net: sum(|l| l.net),
        iva: sum(|l| l.iva),
        total: sum(|l| l.total),
        subscriptions,
    })
}

/// Locks a period with the run whose hash the person looked at (`seen`), or, without
/// one, with the run as computed now. Locking an already locked period with the same
/// run changes nothing.
pub async fn lock(
    nimbo: &Nimbo,
    by: &str,
    period: Period,
    seen: Option<&str>,
) -> Result<PeriodLock, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::LockPeriod)?;
    let run_hash = match seen {
        Some(h) => h.trim().to_string(),
        None => match billing::locks::of_period(&mut tx, period).await? {
            Some(l) => l.run_hash,
            None => compute(&mut tx, period).await?.hash,
        },
    };
    let id = natural_id(EntityKind::PeriodLock, &period.to_string());
    let change = Change::command(
        &user,
        EntityKind::PeriodLock,
        id,
        Command::LockPeriod { period, run_hash },
    );
    act(&mut tx, now, change).await?;
    let lock = billing::locks::of_period(&mut tx, period).await?;
    tx.commit().await?;
    lock.ok_or_else(|| {
        AppError::Store(nimbo_store::StoreError::Corrupt(format!(
            "el período {period} no quedó cerrado"
        )))
    })
}

/// The export's columns, in order (documented in the README).
pub const EXPORT_COLUMNS: [&str; 13] = [
    "cuenta_facturacion",
    "subscriber_id",
    "plan_codigo",
    "plan_nombre",
    "periodo",
    "periodo_desde",
    "periodo_hasta",
    "neto",
    "iva",
    "total",
    "moneda",
    "linea_id",
    "explicacion",
];

/// Exports a period for Satélite as CSV at `path`, locking it first if it is not; the
/// locked lines, one row per charge line. Returns the lock.
pub async fn export(
    nimbo: &Nimbo,
    by: &str,
    period: Period,
    seen: Option<&str>,
    path: &Path,
) -> Result<PeriodLock, AppError> {
    let lock = lock(nimbo, by, period, seen).await?;
    let mut conn = nimbo.store().read().await?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::FileNotSaved {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    csv.write_record(EXPORT_COLUMNS).map_err(fail)?;
    for l in &lock.lines {
        let s = subscriptions::by_id(&mut conn, l.subscription_id).await?;
        csv.write_record([
            s.as_ref()
                .map(|s| s.billing_account.as_str())
                .unwrap_or_default(),
            s.as_ref()
                .map(|s| s.subscriber_id.as_str())
                .unwrap_or_default(),
            &l.plan_code,
            &l.plan_name,
            &period.to_string(),
            &period.first_day().to_string(),
            &period.last_day().to_string(),
            &two_places(l.net),
            &two_places(l.iva),
            &two_places(l.total),
            "USD",
            &l.id.to_string(),
            &l.explanation_es,
        ])
        .map_err(fail)?;
    }
    let bytes = csv.into_inner().map_err(|e| AppError::FileNotSaved {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    std::fs::write(path, bytes).map_err(|e| AppError::FileNotSaved {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    Ok(lock)
}
