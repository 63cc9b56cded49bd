//! A process's table: one [`StepSpec`] per step, in the order the steps are taken.

use std::fmt::Debug;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::document::DocumentKind;
use crate::lang::Lang;
use crate::role::Role;

use super::condition::Condition;
use super::fields::FieldSpec;

/// What must be true of the world outside the instance before a step may be completed.
/// The table names them; the process checks them with what it knows (the customer, the
/// documents), because the engine knows neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precondition {
    /// The customer's Master Solutions Contract is on file (DOMAIN §4, steps 9 and 12).
    MasterContract,
    /// The customer's billing account runs on cycle 15 (DOMAIN §3).
    BillingCycle15,
    /// Where the instance records risks the customer accepts, the risk act is signed:
    /// its signed copy attached, or the one Nimbo issued signed (DOMAIN §7).
    RiskActSigned,
}

/// The share of a step's time limit, in percent, after which its wait is near the
/// deadline (amber in the lists); past the deadline it is overdue (red).
pub const NEAR_DEADLINE_PERCENT: i64 = 75;

/// How a step's wait stands against its time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lateness {
    /// Less than [`NEAR_DEADLINE_PERCENT`] of the limit used.
    OnTime,
    /// At least [`NEAR_DEADLINE_PERCENT`] of the limit used, the deadline not passed.
    NearDeadline,
    /// Past the deadline.
    Overdue,
}

/// One row of a process's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepSpec<S: 'static> {
    /// The step.
    pub step: S,
    /// Its name in Spanish.
    pub name_es: &'static str,
    /// Its name in English.
    pub name_en: &'static str,
    /// The roles that may take it (the first is the one the procedure names).
    pub roles: &'static [Role],
    /// What it records.
    pub fields: &'static [FieldSpec],
    /// When it is part of an instance at all.
    pub when: Condition<S>,
    /// What must be true outside the instance before it may be completed.
    pub preconditions: &'static [Precondition],
    /// Whether its role may skip it, with a reason.
    pub skippable: bool,
    /// Where a rejection of its work sends the instance back to, when it can be rejected.
    pub rejects_to: Option<S>,
    /// The roles each of which must decide, with a reason, before it is done; empty when
    /// one person completes it.
    pub deciders: &'static [Role],
    /// Its time limit in calendar hours from the moment the previous step was done.
    pub time_limit_hours: Option<u32>,
    /// The document completing it issues.
    pub produces: Option<DocumentKind>,
    /// The fields that record the signed copy of a document Nimbo issues: a signature
    /// Nimbo tracks on that document stands in for the copy.
    pub signs: &'static [(&'static str, DocumentKind)],
}

impl<S: Copy + 'static> StepSpec<S> {
    /// A row with nothing but its step, name and roles: every other column empty.
    pub const fn new(
        step: S,
        name_es: &'static str,
        name_en: &'static str,
        roles: &'static [Role],
    ) -> StepSpec<S> {
        StepSpec {
            step,
            name_es,
            name_en,
            roles,
            fields: &[],
            when: Condition::Always,
            preconditions: &[],
            skippable: false,
            rejects_to: None,
            deciders: &[],
            time_limit_hours: None,
            produces: None,
            signs: &[],
        }
    }

    /// The step's name in the user's language.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.name_es, self.name_en)
    }

    /// The document whose signature the field records, if it is one Nimbo issues.
    pub fn signed_document(&self, key: &str) -> Option<DocumentKind> {
        self.signs.iter().find(|(k, _)| *k == key).map(|(_, d)| *d)
    }

    /// The time limit as a duration, when the step has one.
    pub fn time_limit(&self) -> Option<Duration> {
        self.time_limit_hours.map(|h| Duration::hours(i64::from(h)))
    }

    /// When the step is due if it became current at `since` (DOMAIN §6 Decision: calendar
    /// hours from the moment the previous step was done).
    pub fn deadline(&self, since: DateTime<Utc>) -> Option<DateTime<Utc>> {
        Some(since + self.time_limit()?)
    }

    /// Whether the step, current since `since`, is past its deadline at `now` (strictly
    /// after it); never when it has no time limit.
    pub fn is_overdue(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.deadline(since).is_some_and(|due| now > due)
    }

    /// Whether the step, current since `since`, has used at least
    /// [`NEAR_DEADLINE_PERCENT`] of its time limit at `now` without being overdue yet: the
    /// moment lists turn its wait amber. Never when it has no time limit.
    pub fn is_near_deadline(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let Some(limit) = self.time_limit() else {
            return false;
        };
        let waited = now - since;
        !self.is_overdue(since, now)
            && waited.num_seconds() * 100 >= limit.num_seconds() * NEAR_DEADLINE_PERCENT
    }

    /// How a step's wait stands against its time limit; none when it has no limit.
    pub fn lateness(&self, since: DateTime<Utc>, now: DateTime<Utc>) -> Option<Lateness> {
        self.time_limit()?;
        Some(if self.is_overdue(since, now) {
            Lateness::Overdue
        } else if self.is_near_deadline(since, now) {
            Lateness::NearDeadline
        } else {
            Lateness::OnTime
        })
    }
}

/// A step of some process: the type a process's steps are, and its table.
///
/// The derived order of the type must be the order of the table: the engine relies on it
/// to know what a rejection undoes.
pub trait ProcessStep:
    Copy + Ord + Eq + Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The process's table, in order.
    fn table() -> &'static [StepSpec<Self>];

    /// The step's row of the table (a process answers by the step's index in its enum,
    /// which is its place in the table).
    fn spec(self) -> &'static StepSpec<Self>;

    /// The step's number in its process, from 1.
    fn position(self) -> u8;

    /// The next step in the table, whether or not it applies.
    fn following(self) -> Option<Self> {
        Self::table()
            .get(usize::from(self.position()))
            .map(|row| row.step)
    }

    /// The first step of the table.
    fn first() -> Self {
        Self::table()[0].step
    }
}
