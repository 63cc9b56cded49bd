//! A year of billing for a demonstration: each month's consumption imported, each closed
//! period locked, its invoices issued and most of them paid (some late, some not at all),
//! professional hours logged, an adjustment, and a spike in the open period to look at —
//! every change decided by the domain through the one path, as real work is.
//!
//! Only for demonstrations of up to [`MOST_SUBSCRIPTIONS`] subscriptions: the large ones
//! measure the onboarding lists, and a year of runs over thousands of services would make
//! the loader slow for nothing a newcomer looks at.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::America::Asuncion;
use fastrand::Rng;
use nimbo_domain::billing::{
    Adjustment, ChargeCategory, ConsumptionAggregate, ConsumptionImport, ExportFormat, HoursEntry,
    Invoice, Payment, Period, gather::month_key,
};
use nimbo_domain::operation::{Command, EntityKind, natural_id};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;
use nimbo_domain::user::User;
use nimbo_store::{Connection, subscriptions, users};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::AppError;
use crate::journal::{Change, act};

/// The most subscriptions a demonstration bills.
pub const MOST_SUBSCRIPTIONS: usize = 400;

const SERVICES: [(&str, u32); 6] = [
    ("Amazon Elastic Compute Cloud", 45),
    ("Amazon Relational Database Service", 20),
    ("Amazon Simple Storage Service", 12),
    ("Amazon CloudFront", 10),
    ("AWS Lambda", 8),
    ("Amazon CloudWatch", 5),
];

/// An instant of a day in Asunción.
fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default());
    Asuncion
        .from_local_datetime(&local)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

fn first_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

fn next_month(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        first_of_month(d.year() + 1, 1)
    } else {
        first_of_month(d.year(), d.month() + 1)
    }
}

fn cents(rng: &mut Rng, from: i64, to: i64) -> Decimal {
    Decimal::new(rng.i64(from..to), 2)
}

async fn user(conn: &mut Connection, username: &str) -> Result<User, AppError> {
    users::by_username(conn, username)
        .await?
        .ok_or_else(|| AppError::UnknownUser {
            username: username.into(),
        })
}

/// Bills the last year of the demonstration's subscriptions, in the caller's transaction.
pub(crate) async fn fill(
    conn: &mut Connection,
    now: DateTime<Utc>,
    seed: u64,
) -> Result<(), AppError> {
    let subs = subscriptions::all(conn).await?;
    if subs.is_empty() || subs.len() > MOST_SUBSCRIPTIONS {
        return Ok(());
    }
    let mut rng = Rng::with_seed(seed ^ 0xB111);
    let specialist = user(conn, "hugo.martinez").await?;
    let workers = [
        user(conn, "diego.rojas").await?,
        user(conn, "pedro.gimenez").await?,
        user(conn, "laura.acosta").await?,
    ];
    let today = today_in_asuncion(now);
    let open = Period::of_day(today);
    // Each subscription's monthly consumption, around which every month varies.
    let base: Vec<i64> = subs.iter().map(|_| rng.i64(15_000..480_000)).collect();
    let spiking = subs
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.activation_date)
        .map(|(i, _)| i);

    let mut month = first_of_month(today.year() - 1, today.month());
    let mut invoice_seq = 1000_u32;
    let mut worked_days: u32 = 0;
    while month <= today {
        let end_of_month = next_month(month).pred_opt().unwrap_or(month);
        let last_day = end_of_month.min(today);
        let imported_at = if end_of_month < today {
            at(next_month(month), 9)
        } else {
            now
        };
        // This month's export: every day of it up to today, in the two periods it feeds.
        let mut aggregates = Vec::new();
        for (i, s) in subs.iter().enumerate() {
            for (from, to) in [
                (month, month.with_day(14).unwrap_or(month)),
                (month.with_day(15).unwrap_or(month), last_day),
            ] {
                let from = from.max(s.activation_date);
                if to < from || from > last_day {
                    continue;
                }
                let period = Period::of_day(from);
                let days = (to - from).num_days() + 1;
                let mut monthly = base.get(i).copied().unwrap_or(0) * rng.i64(85..116) / 100;
                if Some(i) == spiking && period == open {
                    monthly *= 3;
                }
                let part = monthly * days / 30;
                for (service, share) in SERVICES {
                    let amount = part * i64::from(share) / 100;
                    if amount == 0 {
                        continue;
                    }
                    aggregates.push(aggregate(
                        s,
                        period,
                        month,
                        service,
                        ChargeCategory::Usage,
                        Decimal::new(amount, 2),
                        days,
                    ));
                }
                if rng.u8(0..10) == 0 {
                    aggregates.push(aggregate(
                        s,
                        period,
                        month,
                        "Amazon Elastic Compute Cloud",
                        ChargeCategory::Credit,
                        -cents(&mut rng, 1_000, 9_000),
                        1,
                    ));
                }
                aggregates.push(aggregate(
                    s,
                    period,
                    month,
                    "Amazon Elastic Compute Cloud",
                    ChargeCategory::Tax,
                    Decimal::new(part / 100, 2),
                    1,
                ));
            }
        }
        let label = format!("{:04}-{:02}", month.year(), month.month());
        if !aggregates.is_empty() {
            let sha256 = hex::encode(Sha256::digest(format!("demo/{seed}/{label}").as_bytes()));
            let import = ConsumptionImport {
                id: nimbo_consumption::import_id(&sha256),
                sha256,
                file_name: format!("focus-{label}.csv.gz"),
                format: ExportFormat::Focus,
                months: vec![label.clone()],
                rows: aggregates.iter().map(|a| a.rows).sum(),
                rows_billed: aggregates.iter().map(|a| a.rows).sum(),
                rows_with_problems: 0,
                aggregates,
                by: specialist.username.clone(),
                at: imported_at,
            };
            let id = import.id;
            let change = Change::command(
                &specialist,
                EntityKind::ConsumptionImport,
                id,
                Command::RecordConsumptionImport { import },
            );
            act(conn, imported_at, change).await?;
        }
        // Professional hours of the period that starts this month, before it closes.
        let period = Period::of_day(month.with_day(15).unwrap_or(month));
        for s in subs
            .iter()
            .filter(|s| s.activation_date <= period.first_day())
            .take(4)
        {
            if rng.u8(0..3) != 0 {
                continue;
            }
            worked_days += 1;
            let worker = &workers[rng.usize(..workers.len())];
            let day = period.first_day() + Duration::days(i64::from(worked_days % 20));
            if day > today {
                continue;
            }
            let start_hour = [9, 16, 17, 19][rng.usize(..4)];
            let start = day.and_hms_opt(start_hour, 0, 0).unwrap_or_default();
            let entry = HoursEntry {
                id: Uuid::now_v7(),
                subscription_id: s.id,
                person: worker.username.clone(),
                start,
                end: start + Duration::minutes(60 + 30 * rng.i64(0..5)),
                what: [
                    "Migración de bases de datos",
                    "Revisión de seguridad de la cuenta",
                    "Ajuste de costos y reservas",
                    "Configuración de copias de respaldo",
                ][rng.usize(..4)]
                .into(),
                logged_by: worker.username.clone(),
                logged_at: at(day, 20),
            };
            let id = entry.id;
            let change =
                Change::command(worker, EntityKind::Hours, id, Command::LogHours { entry });
            // An interval the rules refuse (it overlaps the same person's) is not logged.
            let _ = act(conn, at(day, 20), change).await;
        }
        // The period that this export completed closes: lock it, issue and collect.
        let closing = Period::of_day(month.with_day(14).unwrap_or(month));
        if closing.last_day() < today && end_of_month < today {
            lock_and_invoice(
                conn,
                &specialist,
                closing,
                next_month(month),
                today,
                &mut rng,
                &mut invoice_seq,
            )
            .await?;
        }
        month = next_month(month);
    }
    // A correction to be charged in the open period.
    if let Some(s) = subs.first() {
        let adjustment = Adjustment {
            id: Uuid::now_v7(),
            subscription_id: s.id,
            period: open,
            plan_code: "aws".into(),
            amount: Decimal::new(-2500, 2),
            reason: "Crédito por la indisponibilidad del servicio del 03/11".into(),
            by: specialist.username.clone(),
            at: now,
        };
        let change = Change::command(
            &specialist,
            EntityKind::Adjustment,
            adjustment.id,
            Command::AddAdjustment { adjustment },
        );
        act(conn, now, change).await?;
    }
    nimbo_store::outbox::discard_pending_for_demo(conn).await?;
    Ok(())
}

fn aggregate(
    s: &Subscription,
    period: Period,
    month: NaiveDate,
    service: &str,
    category: ChargeCategory,
    amount: Decimal,
    rows: i64,
) -> ConsumptionAggregate {
    ConsumptionAggregate {
        subscription_id: s.id,
        aws_account: s.aws_accounts.first().cloned().unwrap_or_default(),
        period,
        month: month_key(&[format!("{:04}-{:02}", month.year(), month.month())]),
        service: service.into(),
        category,
        amount,
        rows: u64::try_from(rows.max(1)).unwrap_or(1) * 24,
    }
}

/// Locks a closed period with its run, issues one invoice per billing account, and
/// records the payments that came in by today.
async fn lock_and_invoice(
    conn: &mut Connection,
    specialist: &User,
    period: Period,
    locked_on: NaiveDate,
    today: NaiveDate,
    rng: &mut Rng,
    seq: &mut u32,
) -> Result<(), AppError> {
    let when = at(locked_on, 10);
    let run = crate::actions::billing::run::compute(conn, period).await?;
    let id = natural_id(EntityKind::PeriodLock, &period.to_string());
    let change = Change::command(
        specialist,
        EntityKind::PeriodLock,
        id,
        Command::LockPeriod {
            period,
            run_hash: run.hash.clone(),
        },
    );
    act(conn, when, change).await?;
    let mut by_account: std::collections::BTreeMap<(String, Uuid), Decimal> =
        std::collections::BTreeMap::new();
    for s in &run.subscriptions {
        *by_account
            .entry((s.billing_account.clone(), s.customer_id))
            .or_default() += s.total;
    }
    for ((account, customer_id), amount) in by_account {
        if amount <= Decimal::ZERO {
            continue;
        }
        *seq += 1;
        let issued_on = locked_on + Duration::days(1);
        let due_on = issued_on + Duration::days(20);
        let invoice = Invoice {
            id: Uuid::now_v7(),
            number: format!("001-001-{:07}", seq),
            billing_account: account,
            customer_id,
            issued_on,
            due_on,
            amount,
            payments: Vec::new(),
            by: specialist.username.clone(),
            at: at(issued_on, 11),
        };
        let invoice_id = invoice.id;
        let change = Change::command(
            specialist,
            EntityKind::Invoice,
            invoice_id,
            Command::RecordInvoice { invoice },
        );
        act(conn, at(issued_on, 11), change).await?;
        // Most pay by the due day, some late, some in part, a few not at all.
        let roll = rng.u8(0..20);
        let (paid_on, paid) = match roll {
            0 => continue,
            1 | 2 => (due_on + Duration::days(rng.i64(8..30)), amount),
            3 | 4 => (
                due_on - Duration::days(rng.i64(0..5)),
                nimbo_domain::billing::cents(amount / Decimal::TWO),
            ),
            _ => (due_on - Duration::days(rng.i64(0..12)), amount),
        };
        if paid_on > today {
            continue;
        }
        let payment = Payment {
            id: Uuid::now_v7(),
            paid_on,
            amount: paid,
            reference: format!("TRX-{}", 400_000 + *seq),
            by: specialist.username.clone(),
            at: at(paid_on, 15),
        };
        let change = Change::command(
            specialist,
            EntityKind::Invoice,
            invoice_id,
            Command::RecordPayment {
                invoice_id,
                payment,
            },
        );
        act(conn, at(paid_on, 15), change).await?;
    }
    Ok(())
}
