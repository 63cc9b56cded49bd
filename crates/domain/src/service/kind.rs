//! The three processes of a service's life and their steps named as one type, so that
//! permissions, commands and lists speak of "a step of some service process".

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::role::Role;
use crate::workflow::{ProcessStep, StepSpec};

use super::reconnection::ReconnectionStep;
use super::suspension::SuspensionStep;
use super::termination::TerminationStep;

/// Which process of a service's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessKind {
    /// Termination (DOMAIN §6).
    Termination,
    /// Suspension for debt (DOMAIN §8).
    Suspension,
    /// Reconnection after payment (DOMAIN §8).
    Reconnection,
}

impl ProcessKind {
    /// Every kind.
    pub const ALL: [ProcessKind; 3] = [
        ProcessKind::Termination,
        ProcessKind::Suspension,
        ProcessKind::Reconnection,
    ];

    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ProcessKind::Termination => "termination",
            ProcessKind::Suspension => "suspension",
            ProcessKind::Reconnection => "reconnection",
        }
    }

    /// The kind stored as `id`.
    pub fn from_id(id: &str) -> Option<ProcessKind> {
        ProcessKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Its name, as a heading says it.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ProcessKind::Termination => lang.pick("Baja", "Termination"),
            ProcessKind::Suspension => lang.pick("Suspensión", "Suspension"),
            ProcessKind::Reconnection => lang.pick("Reconexión", "Reconnection"),
        }
    }

    /// The prefix of its numbers (`BAJ-7K3F-000001`).
    pub fn prefix(self) -> &'static str {
        match self {
            ProcessKind::Termination => "BAJ",
            ProcessKind::Suspension => "SUS",
            ProcessKind::Reconnection => "REC",
        }
    }

    /// Its steps, in order.
    pub fn steps(self) -> Vec<ServiceStep> {
        match self {
            ProcessKind::Termination => TerminationStep::table()
                .iter()
                .map(|r| ServiceStep::Termination(r.step))
                .collect(),
            ProcessKind::Suspension => SuspensionStep::table()
                .iter()
                .map(|r| ServiceStep::Suspension(r.step))
                .collect(),
            ProcessKind::Reconnection => ReconnectionStep::table()
                .iter()
                .map(|r| ServiceStep::Reconnection(r.step))
                .collect(),
        }
    }

    /// The roles that may cancel a process of this kind: whoever started it.
    pub fn cancellers(self) -> &'static [Role] {
        match self {
            ProcessKind::Termination => &[Role::Kam],
            ProcessKind::Suspension => &[Role::CreditManager],
            ProcessKind::Reconnection => &[Role::ServiceExecutive],
        }
    }
}

impl fmt::Display for ProcessKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A step of one of the service's processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "process", content = "step", rename_all = "snake_case")]
pub enum ServiceStep {
    /// A step of a termination.
    Termination(TerminationStep),
    /// A step of a suspension.
    Suspension(SuspensionStep),
    /// A step of a reconnection.
    Reconnection(ReconnectionStep),
}

/// A text that names no step of the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownServiceStep {
    /// The process.
    pub kind: ProcessKind,
    /// What was given.
    pub given: String,
}

/// Generic reads of a step's row whatever its process.
macro_rules! each {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            ServiceStep::Termination($s) => $e,
            ServiceStep::Suspension($s) => $e,
            ServiceStep::Reconnection($s) => $e,
        }
    };
}

impl ServiceStep {
    /// Its process.
    pub fn kind(self) -> ProcessKind {
        match self {
            ServiceStep::Termination(_) => ProcessKind::Termination,
            ServiceStep::Suspension(_) => ProcessKind::Suspension,
            ServiceStep::Reconnection(_) => ProcessKind::Reconnection,
        }
    }

    /// Its number in its process, from 1.
    pub fn number(self) -> u8 {
        each!(self, s => s.position())
    }

    /// Its key, as the command line names it (`debt_confirmation`).
    pub fn key(self) -> &'static str {
        each!(self, s => s.key())
    }

    /// Its name in the user's language.
    pub fn name(self, lang: Lang) -> &'static str {
        each!(self, s => s.spec().name(lang))
    }

    /// The roles that may take it (for a decision step: the deciders).
    pub fn roles(self) -> &'static [Role] {
        each!(self, s => s.spec().roles)
    }

    /// The roles each of which must decide it; empty when one person completes it.
    pub fn deciders(self) -> &'static [Role] {
        each!(self, s => s.spec().deciders)
    }

    /// Its time limit in calendar hours, when it has one.
    pub fn time_limit_hours(self) -> Option<u32> {
        each!(self, s => s.spec().time_limit_hours)
    }

    /// The fields it records.
    pub fn fields(self) -> &'static [crate::workflow::FieldSpec] {
        each!(self, s => s.spec().fields)
    }

    /// Whether it can be rejected.
    pub fn rejectable(self) -> bool {
        each!(self, s => s.spec().rejects_to.is_some())
    }

    /// The step of a process named by its key or its number (`debt_confirmation`, `4`).
    pub fn parse(kind: ProcessKind, text: &str) -> Result<ServiceStep, UnknownServiceStep> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        kind.steps()
            .into_iter()
            .find(|s| s.key() == wanted || s.number().to_string() == wanted)
            .ok_or(UnknownServiceStep {
                kind,
                given: text.trim().to_string(),
            })
    }
}

impl fmt::Display for ServiceStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.kind().id(), self.key())
    }
}

/// What a step type of these processes answers beyond the engine's [`ProcessStep`]: its key and itself as a [`ServiceStep`].
pub trait KeyedStep: ProcessStep {
    /// The step's key.
    fn key(self) -> &'static str;
    /// The step as a [`ServiceStep`].
    fn service(self) -> ServiceStep;
}

/// The row of a table whose enum's index is its position.
pub(super) fn row_of<S: Copy + 'static>(
    table: &'static [StepSpec<S>],
    index: usize,
) -> &'static StepSpec<S> {
    &table[index]
}
