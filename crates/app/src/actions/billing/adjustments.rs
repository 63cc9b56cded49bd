//! Adjustments: a correction of a locked period's charges, charged as its own line in the
//! next open period (DOMAIN §5: never an edit of the locked run).

use nimbo_domain::billing::{Adjustment, amount};
use nimbo_domain::operation::{Command, EntityKind, Record};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::problem::FieldError;
use uuid::Uuid;

use super::periods::next_open;
use super::subscriptions::find;
use crate::context::actor;
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

/// An adjustment as typed.
#[derive(Debug, Clone, Default)]
pub struct AdjustmentDraft {
    /// The subscription: Subscriber ID or id.
    pub subscription: String,
    /// The plan corrected (`aws` when empty).
    pub plan: String,
    /// Net of IVA, `-10.00` to give back, `25.50` to charge more.
    pub amount: String,
    /// Why, as the customer will read it.
    pub reason: String,
}

/// Adds an adjustment to the next open period.
pub async fn add(nimbo: &Nimbo, by: &str, draft: &AdjustmentDraft) -> Result<Adjustment, AppError> {
    let now = nimbo.now();
    let value = amount(&draft.amount, true)
        .map_err(|p| invalid(vec![FieldError::new("amount", "Importe", "Amount", p)]))?;
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::AdjustCharges)?;
    let subscription = find(&mut tx, &draft.subscription).await?;
    let adjustment = Adjustment {
        id: Uuid::now_v7(),
        subscription_id: subscription.id,
        period: next_open(&mut tx, now).await?,
        plan_code: if draft.plan.trim().is_empty() {
            "aws".into()
        } else {
            draft.plan.trim().to_string()
        },
        amount: value,
        reason: draft.reason.clone(),
        by: user.username.clone(),
        at: now,
    };
    let change = Change::command(
        &user,
        EntityKind::Adjustment,
        adjustment.id,
        Command::AddAdjustment { adjustment },
    );
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "adjustment", |r| match r {
        Record::Adjustment(a) => Some(a),
        _ => None,
    })
}
