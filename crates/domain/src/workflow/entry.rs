//! What an instance remembers of each step: who completed it with what, who skipped,
//! rejected, decided or cancelled, when and why.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::role::Role;

use super::fields::FieldValue;

/// A completed step: who, when and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord<S> {
    /// The step.
    pub step: S,
    /// The username of who completed it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it recorded.
    pub values: BTreeMap<String, FieldValue>,
}

/// A rejection that sent the instance back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection<S> {
    /// The step whose role rejected.
    pub step: S,
    /// Where the instance went back to.
    pub back_to: S,
    /// Who rejected.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// A skipped optional step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    /// Who skipped it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// A cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// Who cancelled.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// One role's decision on a step that needs several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The role decided for.
    pub role: Role,
    /// Who decided.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Whether it was approved.
    pub approved: bool,
    /// Why.
    pub reason: String,
}
