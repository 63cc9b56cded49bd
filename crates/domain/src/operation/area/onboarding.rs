//! Onboarding orders: opening one and moving it through its steps (complete, reject,
//! skip) or cancelling it, with the transitions of [`crate::order`].

use serde_json::{Value, json};
use uuid::Uuid;

use crate::order::{AttachmentRef, Order, StepContext};
use crate::permission::Action;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::customers::customer_of;
use super::{Area, Context, misrouted};

/// The onboarding's commands.
pub(super) struct Onboarding;

impl Area for Onboarding {
    fn wanted(&self, command: &Command, view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::OpenOrder {
                order_id,
                number,
                customer_id,
                ..
            } => vec![
                RecordKey::Order(*order_id),
                RecordKey::OrderByNumber(number.clone()),
                RecordKey::Customer(*customer_id),
            ],
            // The order names its customer: known only once the order is loaded.
            Command::CompleteStep { order_id, .. } => {
                let mut keys = vec![
                    RecordKey::Order(*order_id),
                    RecordKey::DocumentsOf(*order_id),
                ];
                if let Some(order) = view.order(*order_id) {
                    keys.push(RecordKey::Customer(order.customer_id));
                }
                keys
            }
            Command::RejectStep { order_id, .. }
            | Command::SkipStep { order_id, .. }
            | Command::CancelOrder { order_id, .. } => vec![RecordKey::Order(*order_id)],
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let (view, actor, at) = (cx.view, cx.actor, cx.at);
        let (next, changes) = match command {
            Command::OpenOrder {
                order_id,
                number,
                customer_id,
                title,
            } => {
                if view.order(*order_id).is_some() {
                    return Err(Refusal::exists(EntityKind::Order, order_id));
                }
                if view.order_by_number(number).is_some() {
                    return Err(Refusal::exists(EntityKind::Order, number));
                }
                let customer = customer_of(view, *customer_id)?;
                let order = Order::open(*order_id, number.clone(), &customer, title, actor, at)?;
                let changes = json!({ "number": order.number, "customer": customer.ruc,
                                      "title": order.title });
                (order, changes)
            }
            Command::CompleteStep {
                order_id,
                step,
                input,
            } => {
                let order = order_of(view, *order_id)?;
                let customer = customer_of(view, order.customer_id)?;
                let ctx = StepContext {
                    today: cx.today,
                    plans: view.plans(),
                    risks: view.risks(),
                    signed_documents: view
                        .documents_of(order.id)
                        .iter()
                        .filter(|d| d.is_signed())
                        .map(|d| d.kind)
                        .collect(),
                };
                order.complete_step(*step, input, &ctx, &customer, actor, at)?
            }
            Command::RejectStep {
                order_id,
                step,
                reason,
            } => order_of(view, *order_id)?.reject(*step, reason, actor, at)?,
            Command::SkipStep {
                order_id,
                step,
                reason,
            } => order_of(view, *order_id)?.skip(*step, reason, actor, at)?,
            Command::CancelOrder { order_id, reason } => {
                order_of(view, *order_id)?.cancel(reason, actor, at)?
            }
            _ => return Err(misrouted()),
        };
        Ok(Outcome::one(Record::Order(next)).noting(changes))
    }

    fn action(&self, command: &Command) -> Option<Action> {
        Some(match command {
            Command::CompleteStep { step, .. } => Action::CompleteStep(*step),
            Command::RejectStep { step, .. } => Action::RejectStep(*step),
            Command::SkipStep { step, .. } => Action::SkipStep(*step),
            Command::CancelOrder { .. } => Action::CancelOrder,
            _ => Action::CreateOrder,
        })
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::CompleteStep { .. } => "order.step_completed",
            Command::RejectStep { .. } => "order.rejected",
            Command::SkipStep { .. } => "order.step_skipped",
            Command::CancelOrder { .. } => "order.cancelled",
            _ => "order.opened",
        }
    }

    fn attachments<'c>(&self, command: &'c Command) -> Vec<&'c AttachmentRef> {
        match command {
            Command::CompleteStep { input, .. } => input.files.values().collect(),
            _ => Vec::new(),
        }
    }

    // The step and the reason a workflow command names.
    fn stated_changes(&self, command: &Command) -> Value {
        match command {
            Command::OpenOrder { number, title, .. } => {
                json!({ "number": number, "title": title })
            }
            Command::CompleteStep { step, .. } => json!({ "step": step.number() }),
            Command::RejectStep { step, reason, .. } | Command::SkipStep { step, reason, .. } => {
                json!({ "step": step.number(), "reason": reason })
            }
            Command::CancelOrder { reason, .. } => json!({ "reason": reason }),
            _ => json!({}),
        }
    }
}

/// The order the command names, as the view holds it.
pub(super) fn order_of(view: &dyn Records, id: Uuid) -> Result<Order, Refusal> {
    view.order(id)
        .ok_or_else(|| Refusal::unknown(EntityKind::Order, id))
}
