//! The sums of an export, row by row: each row's fields checked in turn (every problem of
//! a row is reported, not only the first), and a row without problems added to the sum of
//! its account, period, service and category. Texts are interned and a period is looked up
//! once per hour of the file, so a row costs a few map lookups and one decimal addition.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use chrono::{DateTime, Datelike};
use nimbo_domain::billing::{ChargeCategory, ConsumptionAggregate, Period};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::ahead::Ahead;
use crate::category::{category, known_charge_class};
use crate::format::Columns;
use crate::intern::{FxHashMap, Interner, hash, same};
use crate::problem::{Problem, ProblemKind, ProblemLog};
use crate::split::Fields;
use crate::summary::LockedPeriodTotal;
use crate::timestamp::epoch_seconds;
use crate::values::{amount, magnitude_bound, trimmed};

/// What one sum is kept per: the account's and service's numbers, and the period and
/// category packed in one number (`(year × 12 + month − 1) × 8 + category`), so that a
/// row's lookup hashes two words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    names: u64,
    when: u32,
}

impl Key {
    fn new(account: u32, service: u32, period: Period, category: ChargeCategory) -> Key {
        let month = u32::try_from(period.year()).unwrap_or(0) * 12 + period.month() - 1;
        Key {
            names: (u64::from(account) << 32) | u64::from(service),
            when: (month << 3) | category as u32,
        }
    }

    fn account(self) -> u32 {
        (self.names >> 32) as u32
    }

    fn service(self) -> u32 {
        self.names as u32
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.names ^ (u64::from(self.when) << 40));
    }
}

/// A sum and how many rows made it: 24 bytes, kept in the map beside its key so that
/// adding a row touches one place of memory.
#[derive(Debug, Clone, Copy)]
struct Sum {
    amount: Decimal,
    rows: u64,
}

/// A row without problems whose cost waits to be added to its sum (see [`settle`]).
#[derive(Debug, Clone, Copy)]
struct Pending {
    key: Key,
    cost: Decimal,
    period: Period,
    category: ChargeCategory,
}

/// How many rows may wait to be added: a few kilobytes, so they stay in the first-level
/// cache.
const PENDING: usize = 256;

/// Below this bound on the sum of every cost's magnitude so far, no sum can overflow a
/// `Decimal` (whose largest magnitude is 2⁹⁶ − 1), so additions may wait; above it, each
/// row is added at once, as it comes, to report an overflow at its line.
const SAFE_MASS: u128 = 1 << 95;

/// The running sums of one import.
pub(crate) struct Tally<'a> {
    columns: Columns,
    subscription_of: &'a dyn Fn(&str) -> Option<Uuid>,
    locked: BTreeSet<Period>,
    accounts: Interner,
    /// Each interned account's subscription, asked once per account.
    subscriptions: Vec<Option<Uuid>>,
    services: Interner,
    /// The period and UTC month of each hour seen.
    hours: Hours,
    /// The last start, end and billing-period start read: rows repeat them.
    stamps: [LastStamp; 3],
    /// The sums.
    sums: FxHashMap<Key, Sum>,
    /// The period and category of each key's `when`.
    whens: FxHashMap<u32, (Period, ChargeCategory)>,
    /// Months covered, as `year × 12 + month − 1`.
    months: BTreeSet<u32>,
    /// Rows without problems whose addition waits, in file order.
    pending: Vec<Pending>,
    /// An upper bound of the sum of the magnitudes of every cost added or pending.
    mass: u128,
    pub(crate) rows: u64,
    pub(crate) rows_billed: u64,
    pub(crate) rows_with_problems: u64,
}

/// What a finished tally hands over.
pub(crate) struct Totals {
    pub(crate) aggregates: Vec<ConsumptionAggregate>,
    pub(crate) totals: BTreeMap<ChargeCategory, Decimal>,
    pub(crate) months: Vec<String>,
    pub(crate) locked: Vec<LockedPeriodTotal>,
}

impl<'a> Tally<'a> {
    /// An empty tally of a recognised export.
    pub(crate) fn new(
        columns: Columns,
        subscription_of: &'a dyn Fn(&str) -> Option<Uuid>,
        locked: BTreeSet<Period>,
    ) -> Tally<'a> {
        Tally {
            columns,
            subscription_of,
            locked,
            accounts: Interner::default(),
            subscriptions: Vec::new(),
            services: Interner::default(),
            hours: Hours::default(),
            stamps: Default::default(),
            sums: FxHashMap::default(),
            whens: FxHashMap::default(),
            months: BTreeSet::new(),
            pending: Vec::with_capacity(PENDING),
            mass: 0,
            rows: 0,
            rows_billed: 0,
            rows_with_problems: 0,
        }
    }

    /// Reads one row (not the header), with what was read of it ahead, if anything.
    pub(crate) fn row(
        &mut self,
        record: Fields<'_>,
        ahead: Ahead,
        log: &mut ProblemLog<'_>,
    ) -> io::Result<()> {
        self.rows += 1;
        let line = record.line;
        let width = self.columns.names.len();
        if record.len() != width {
            self.rows_with_problems += 1;
            let last = record
                .get(record.len().saturating_sub(1))
                .unwrap_or_default();
            return log.note(Problem::field_count(
                line,
                &self.columns.names,
                record.len(),
                last,
            ));
        }
        let field = |i: usize| trimmed(record.get(i).unwrap_or_default());
        let c = &self.columns;
        let name = |i: usize| c.names.get(i).map(String::as_str).unwrap_or_default();
        let mut troubled = false;
        let mut flag = |problem: Problem| {
            troubled = true;
            log.note(problem)
        };

        let raw_account = field(c.account);
        let account = if raw_account.is_empty() {
            flag(Problem::at(
                line,
                name(c.account),
                ProblemKind::EmptyValue,
                raw_account,
            ))?;
            None
        } else {
            let hashed = ahead.account_hash.unwrap_or_else(|| hash(raw_account));
            let (n, new) = self.accounts.number_hashed(raw_account, hashed);
            if new {
                let text = self.accounts.text(n);
                self.subscriptions.push((self.subscription_of)(&text));
            }
            if self
                .subscriptions
                .get(n as usize)
                .copied()
                .flatten()
                .is_none()
            {
                flag(Problem::at(
                    line,
                    name(c.account),
                    ProblemKind::UnknownAccount,
                    raw_account,
                ))?;
                None
            } else {
                Some(n)
            }
        };

        let currency = field(c.currency);
        if !currency.eq_ignore_ascii_case(b"USD") {
            flag(Problem::at(
                line,
                name(c.currency),
                ProblemKind::OtherCurrency,
                currency,
            ))?;
        }

        let raw_cost = field(c.cost);
        let cost = if raw_cost.is_empty() {
            flag(Problem::at(
                line,
                name(c.cost),
                ProblemKind::EmptyCost,
                raw_cost,
            ))?;
            None
        } else {
            let cost = ahead.cost.or_else(|| amount(raw_cost));
            if cost.is_none() {
                flag(Problem::at(
                    line,
                    name(c.cost),
                    ProblemKind::MalformedNumber,
                    raw_cost,
                ))?;
            }
            cost
        };

        let raw_start = field(c.start);
        let start = self.stamps[0].placed(raw_start, ahead.start, &mut self.hours);
        if start.is_none() {
            flag(Problem::at(
                line,
                name(c.start),
                ProblemKind::MalformedDate,
                raw_start,
            ))?;
        }
        let raw_end = field(c.end);
        if self.stamps[1].read(raw_end, ahead.end).is_none() {
            flag(Problem::at(
                line,
                name(c.end),
                ProblemKind::MalformedDate,
                raw_end,
            ))?;
        }
        let mut month = start.map(|(_, month)| month);
        if let Some(i) = c.billing_period_start {
            let raw = field(i);
            match self.stamps[2].placed(raw, None, &mut self.hours) {
                Some((_, billed_month)) => month = Some(billed_month),
                None => flag(Problem::at(line, name(i), ProblemKind::MalformedDate, raw))?,
            }
        }
        if let Some(month) = month {
            self.months.insert(month);
        }

        let raw_category = field(c.category);
        let charge_category = category(c.format, raw_category);
        if charge_category.is_none() {
            flag(Problem::at(
                line,
                name(c.category),
                ProblemKind::UnknownCategory,
                raw_category,
            ))?;
        }
        if let Some(i) = c.charge_class {
            let raw = field(i);
            if !known_charge_class(raw) {
                flag(Problem::at(
                    line,
                    name(i),
                    ProblemKind::UnknownCategory,
                    raw,
                ))?;
            }
        }

        let mut raw_service = field(c.service);
        let mut service_hash = ahead.service_hash;
        if raw_service.is_empty()
            && let Some(i) = c.service_fallback
        {
            raw_service = field(i);
            service_hash = None;
        }
        let service = if raw_service.is_empty() {
            flag(Problem::at(
                line,
                name(c.service),
                ProblemKind::EmptyValue,
                raw_service,
            ))?;
            None
        } else {
            let hashed = service_hash.unwrap_or_else(|| hash(raw_service));
            Some(self.services.number_hashed(raw_service, hashed).0)
        };

        let (Some(account), Some(cost), Some((period, _)), Some(category), Some(service), false) =
            (account, cost, start, charge_category, service, troubled)
        else {
            self.rows_with_problems += 1;
            return Ok(());
        };
        let key = Key::new(account, service, period, category);
        let mass = self.mass.saturating_add(magnitude_bound(cost));
        if mass < SAFE_MASS && !self.locked.contains(&period) {
            // Neither an overflow nor a locked period to report: the addition can wait
            // for the batch's end, which changes no sum (each key's additions keep their
            // order) and no problem's place in the log.
            self.mass = mass;
            self.pending.push(Pending {
                key,
                cost,
                period,
                category,
            });
            if self.pending.len() == PENDING {
                settle(&mut self.pending, &mut self.sums, &mut self.whens);
            }
            self.rows_billed += 1;
            return Ok(());
        }
        settle(&mut self.pending, &mut self.sums, &mut self.whens);
        self.mass = mass;
        let whens = &mut self.whens;
        let sum = self.sums.entry(key).or_insert_with(|| {
            whens.entry(key.when).or_insert((period, category));
            Sum {
                amount: Decimal::ZERO,
                rows: 0,
            }
        });
        let Some(added) = sum.amount.checked_add(cost) else {
            self.rows_with_problems += 1;
            return log.note(Problem::at(
                line,
                name(c.cost),
                ProblemKind::MalformedNumber,
                raw_cost,
            ));
        };
        sum.amount = added;
        sum.rows += 1;
        if self.locked.contains(&period) {
            self.rows_with_problems += 1;
            return log.note(Problem::locked(
                line,
                name(c.start),
                raw_start,
                period,
                self.stamps[0].seconds,
            ));
        }
        self.rows_billed += 1;
        Ok(())
    }

    /// The sums, sorted, with the locked periods' apart.
    pub(crate) fn finish(mut self) -> Totals {
        settle(&mut self.pending, &mut self.sums, &mut self.whens);
        let months: Vec<String> = self
            .months
            .iter()
            .map(|m| format!("{:04}-{:02}", m / 12, m % 12 + 1))
            .collect();
        // The sums carry the export's months, the key a later export of the same months
        // replaces them by (nimbo_domain::billing::gather).
        let month = nimbo_domain::billing::gather::month_key(&months);
        let mut aggregates: Vec<ConsumptionAggregate> = self
            .sums
            .iter()
            .filter(|(_, sum)| sum.rows > 0)
            .filter_map(|(key, sum)| {
                let subscription_id = self.subscriptions.get(key.account() as usize).copied()??;
                let &(period, category) = self.whens.get(&key.when)?;
                Some(ConsumptionAggregate {
                    subscription_id,
                    aws_account: self.accounts.text(key.account()),
                    period,
                    month: month.clone(),
                    service: self.services.text(key.service()),
                    category,
                    amount: sum.amount,
                    rows: sum.rows,
                })
            })
            .collect();
        aggregates.sort_by(|a, b| {
            (
                a.subscription_id,
                &a.aws_account,
                a.period,
                &a.service,
                a.category,
            )
                .cmp(&(
                    b.subscription_id,
                    &b.aws_account,
                    b.period,
                    &b.service,
                    b.category,
                ))
        });
        let (locked_rows, aggregates): (Vec<_>, Vec<_>) = aggregates
            .into_iter()
            .partition(|a| self.locked.contains(&a.period));
        let mut totals = BTreeMap::new();
        for a in &aggregates {
            *totals.entry(a.category).or_insert(Decimal::ZERO) += a.amount;
        }
        let mut locked: BTreeMap<Period, LockedPeriodTotal> = BTreeMap::new();
        for a in locked_rows {
            let total = locked.entry(a.period).or_insert(LockedPeriodTotal {
                period: a.period,
                amount: Decimal::ZERO,
                rows: 0,
                aggregates: Vec::new(),
            });
            total.amount += a.amount;
            total.rows += a.rows;
            total.aggregates.push(a);
        }
        Totals {
            aggregates,
            totals,
            months,
            locked: locked.into_values().collect(),
        }
    }
}

/// Adds the rows that wait to their sums. Their sums are first only looked up, in a loop
/// of lookups independent of one another, so that the processor waits for their cache
/// misses together (26,000 sums of rows in random order miss the cache on almost every
/// row), then added to, from the cache.
fn settle(
    pending: &mut Vec<Pending>,
    sums: &mut FxHashMap<Key, Sum>,
    whens: &mut FxHashMap<u32, (Period, ChargeCategory)>,
) {
    let mut touched = 0u64;
    for row in pending.iter() {
        if let Some(sum) = sums.get(&row.key) {
            touched = touched.wrapping_add(sum.rows);
        }
    }
    std::hint::black_box(touched);
    for row in pending.drain(..) {
        let sum = sums.entry(row.key).or_insert_with(|| {
            whens
                .entry(row.key.when)
                .or_insert((row.period, row.category));
            Sum {
                amount: Decimal::ZERO,
                rows: 0,
            }
        });
        // The mass bound keeps every sum below Decimal's largest magnitude: the addition
        // cannot fail.
        sum.amount = sum.amount.checked_add(row.cost).unwrap_or(sum.amount);
        sum.rows += 1;
    }
}

/// The last timestamp a column held and what it was read as: a file's rows repeat their
/// billing period's start on every row, and neighbouring rows often share an hour.
#[derive(Default)]
struct LastStamp {
    raw: Vec<u8>,
    seconds: Option<i64>,
    /// Its period and UTC month, once asked.
    placed: Option<Option<(Period, u32)>>,
}

impl LastStamp {
    /// Seconds since 1970 of a timestamp, `None` when it is not one; `known` when they
    /// were read ahead.
    #[inline]
    fn read(&mut self, raw: &[u8], known: Option<Option<i64>>) -> Option<i64> {
        if !same(raw, &self.raw) {
            self.raw.clear();
            self.raw.extend_from_slice(raw);
            self.seconds = known.unwrap_or_else(|| epoch_seconds(raw));
            self.placed = None;
        }
        self.seconds
    }

    /// The period and UTC month of a timestamp, `None` when it is not one: looked up
    /// once for a text repeated row after row (the billing period's start).
    #[inline]
    fn placed(
        &mut self,
        raw: &[u8],
        known: Option<Option<i64>>,
        hours: &mut Hours,
    ) -> Option<(Period, u32)> {
        let seconds = self.read(raw, known);
        *self
            .placed
            .get_or_insert_with(|| seconds.and_then(|t| hours.of(t)))
    }
}

/// How many hours either side of the first one seen are looked up in a table, not a map:
/// two years, well past any export's month.
const HOURS_AROUND: i64 = 2 * 366 * 24;

/// The period (Asunción) and UTC month (`year × 12 + month − 1`) of each hour since 1970
/// seen: Asunción's offsets are whole hours, so the hour decides both. Computed once per
/// hour, kept in a table around the first hour seen (a map beyond it).
#[derive(Default)]
struct Hours {
    first: Option<i64>,
    table: Vec<Option<Option<(Period, u32)>>>,
    beyond: FxHashMap<i64, Option<(Period, u32)>>,
}

impl Hours {
    /// The period and UTC month of an instant (seconds since 1970).
    #[inline]
    fn of(&mut self, seconds: i64) -> Option<(Period, u32)> {
        let hour = seconds.div_euclid(3600);
        let first = *self.first.get_or_insert(hour);
        let offset = hour - first + HOURS_AROUND;
        if (0..2 * HOURS_AROUND).contains(&offset) {
            if self.table.is_empty() {
                self.table = vec![None; 2 * HOURS_AROUND as usize];
            }
            let slot = &mut self.table[offset as usize];
            *slot.get_or_insert_with(|| placed(hour))
        } else {
            *self.beyond.entry(hour).or_insert_with(|| placed(hour))
        }
    }
}

/// The period and UTC month of an hour since 1970.
fn placed(hour: i64) -> Option<(Period, u32)> {
    let at = DateTime::from_timestamp(hour.checked_mul(3600)?, 0)?;
    let year = u32::try_from(at.year()).ok()?;
    Some((Period::of_instant(at), year * 12 + at.month0()))
}
