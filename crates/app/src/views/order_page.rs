//! An order's page: where it stands, the 22 steps' timeline with what each recorded, its
//! rejections, cancellation and subscription, and what the signed-in user may do now;
//! and the actions on an order that answer with its page.

use nimbo_domain::Lang;
use nimbo_domain::catalogue::Plan;
use nimbo_domain::order::{Order, OrderStatus, Step, StepState};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::user::User;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::instant;
use super::orders::{OrderStatusView, status_label, status_view};
use super::subscriptions::{SubscriptionView, subscription_view};
use crate::actions::orders::{self, OrderPage};
use crate::actions::users;
use crate::{AppError, Nimbo};

/// How a step stands on an order's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StepStateView {
    /// Done, with what it recorded.
    Done,
    /// Waiting to be done now.
    Current,
    /// To be done later.
    Pending,
    /// Skipped (an optional step), with who, when and why.
    Skipped,
    /// Not part of this order.
    NotApplicable,
    /// Depends on a choice a later step makes (the survey or the offer).
    Undecided,
}

/// The customer, as an order's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderCustomerView {
    /// The legal name.
    pub name: String,
    /// The RUC.
    pub ruc: String,
    /// The segment's name.
    pub segment_label: String,
    /// Whether the master contract is recorded (steps 9 and 12 need it).
    pub has_master_contract: bool,
    /// The billing cycle, once known (step 13 needs 15).
    pub billing_cycle: Option<u8>,
}

/// A value a step recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ValueView {
    /// The field's key.
    pub key: String,
    /// The field's label.
    pub label: String,
    /// The value as text.
    pub value: String,
}

/// One of the 22 steps on an order's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelineStepView {
    /// The step's number.
    pub number: u8,
    /// Its name.
    pub name: String,
    /// The name of the role that performs it.
    pub role_name: String,
    /// How it stands.
    pub state: StepStateView,
    /// How it stands, in words.
    pub state_label: String,
    /// Who did or skipped it.
    pub by: Option<String>,
    /// When (RFC 3339).
    pub at: Option<String>,
    /// Why it was skipped.
    pub note: Option<String>,
    /// What it recorded, in the order of its form.
    pub values: Vec<ValueView>,
}

/// A rejection that sent the order back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RejectionView {
    /// The step that was rejected.
    pub step: u8,
    /// Its name.
    pub step_name: String,
    /// The step the order went back to.
    pub back_to: u8,
    /// Its name.
    pub back_to_name: String,
    /// Who rejected.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
}

/// An order's cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CancellationView {
    /// Who cancelled.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
}

/// An order's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderPageView {
    /// The number.
    pub number: String,
    /// What is sold.
    pub title: String,
    /// Open, completed or cancelled.
    pub status: OrderStatusView,
    /// Where it stands, in words («paso 7 «Oferta» — Ing. Preventa»).
    pub status_label: String,
    /// The customer.
    pub customer: OrderCustomerView,
    /// Who opened it.
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// Since when it waits at its current step (RFC 3339).
    pub step_since: String,
    /// The step it waits for, while open.
    pub current_step: Option<u8>,
    /// That step's name.
    pub current_step_name: Option<String>,
    /// The name of the role whose turn it is.
    pub current_role_name: Option<String>,
    /// Whether the signed-in user may complete the current step.
    pub can_act: bool,
    /// Whether they may reject it (send the order back).
    pub can_reject: bool,
    /// Whether they may skip it (an optional step).
    pub can_skip: bool,
    /// Whether they may cancel the order.
    pub can_cancel: bool,
    /// The 22 steps.
    pub timeline: Vec<TimelineStepView>,
    /// The rejections it went through, oldest first.
    pub rejections: Vec<RejectionView>,
    /// Its cancellation, if cancelled.
    pub cancellation: Option<CancellationView>,
    /// The subscription it set up, once completed.
    pub subscription: Option<SubscriptionView>,
}

fn state_label(state: StepStateView, lang: Lang) -> &'static str {
    match state {
        StepStateView::Done => lang.pick("completado", "done"),
        StepStateView::Current => lang.pick("en curso", "current"),
        StepStateView::Pending => lang.pick("pendiente", "pending"),
        StepStateView::Skipped => lang.pick("omitido", "skipped"),
        StepStateView::NotApplicable => lang.pick("no aplica", "not applicable"),
        StepStateView::Undecided => lang.pick(
            "según el relevamiento u oferta",
            "depends on the survey or offer",
        ),
    }
}

fn timeline_view(order: &Order, lang: Lang) -> Vec<TimelineStepView> {
    order
        .timeline()
        .into_iter()
        .map(|entry| {
            let s = entry.step;
            let (state, by, at, note, values) = match &entry.state {
                StepState::Done { record } => (
                    StepStateView::Done,
                    Some(record.by.clone()),
                    Some(instant(record.at)),
                    None,
                    s.fields()
                        .iter()
                        .filter_map(|f| {
                            record.values.get(f.key).map(|v| ValueView {
                                key: f.key.to_string(),
                                label: f.label(lang).to_string(),
                                value: v.display(lang),
                            })
                        })
                        .collect(),
                ),
                StepState::Skipped { skip } => (
                    StepStateView::Skipped,
                    Some(skip.by.clone()),
                    Some(instant(skip.at)),
                    Some(skip.reason.clone()),
                    Vec::new(),
                ),
                StepState::Current => (StepStateView::Current, None, None, None, Vec::new()),
                StepState::Pending => (StepStateView::Pending, None, None, None, Vec::new()),
                StepState::NotApplicable => {
                    (StepStateView::NotApplicable, None, None, None, Vec::new())
                }
                StepState::Undecided => (StepStateView::Undecided, None, None, None, Vec::new()),
            };
            TimelineStepView {
                number: s.number(),
                name: s.name(lang).to_string(),
                role_name: s.role().name(lang).to_string(),
                state,
                state_label: state_label(state, lang).to_string(),
                by,
                at,
                note,
                values,
            }
        })
        .collect()
}

/// What the viewer may do now on the order, as the domain would decide it.
struct Allowed {
    act: bool,
    reject: bool,
    skip: bool,
    cancel: bool,
}

fn allowed(order: &Order, viewer: Option<&User>) -> Allowed {
    let none = Allowed {
        act: false,
        reject: false,
        skip: false,
        cancel: false,
    };
    let Some(user) = viewer else {
        return none;
    };
    if order.status != OrderStatus::Open {
        return none;
    }
    let may = |action| authorize(user, action).is_ok();
    let current = order.current;
    Allowed {
        act: current.is_some_and(|s| may(Action::CompleteStep(s))),
        reject: current.is_some_and(|s| s.rejects_to().is_some() && may(Action::RejectStep(s))),
        skip: current.is_some_and(|s| s.is_optional() && may(Action::SkipStep(s))),
        cancel: !order.is_activated() && may(Action::CancelOrder),
    }
}

/// An order's page as the viewer sees it.
pub fn page_view(
    page: &OrderPage,
    viewer: Option<&User>,
    lang: Lang,
    catalogue: &[Plan],
) -> OrderPageView {
    let o = &page.order;
    let c = &page.customer;
    let status = status_view(o.status);
    let may = allowed(o, viewer);
    OrderPageView {
        number: o.number.clone(),
        title: o.title.clone(),
        status,
        status_label: status_label(status, o.current, lang),
        customer: OrderCustomerView {
            name: c.name.clone(),
            ruc: c.ruc.to_string(),
            segment_label: c.segment.name(lang).to_string(),
            has_master_contract: c.has_master_contract(),
            billing_cycle: c.billing_account.as_ref().map(|a| a.cycle),
        },
        created_by: o.created_by.clone(),
        created_at: instant(o.created_at),
        step_since: instant(o.step_since),
        current_step: o.current.map(Step::number),
        current_step_name: o.current.map(|s| s.name(lang).to_string()),
        current_role_name: o.current.map(|s| s.role().name(lang).to_string()),
        can_act: may.act,
        can_reject: may.reject,
        can_skip: may.skip,
        can_cancel: may.cancel,
        timeline: timeline_view(o, lang),
        rejections: o
            .rejections
            .iter()
            .map(|r| RejectionView {
                step: r.step.number(),
                step_name: r.step.name(lang).to_string(),
                back_to: r.back_to.number(),
                back_to_name: r.back_to.name(lang).to_string(),
                by: r.by.clone(),
                at: instant(r.at),
                reason: r.reason.clone(),
            })
            .collect(),
        cancellation: o.cancellation.as_ref().map(|x| CancellationView {
            by: x.by.clone(),
            at: instant(x.at),
            reason: x.reason.clone(),
        }),
        subscription: page
            .subscription
            .as_ref()
            .map(|s| subscription_view(s, lang, catalogue)),
    }
}

/// Reads the viewer, if one is signed in and still exists.
pub(crate) async fn viewer(
    nimbo: &Nimbo,
    username: Option<&str>,
) -> Result<Option<User>, AppError> {
    match username {
        Some(name) => match users::show(nimbo, name).await {
            Ok(user) => Ok(Some(user)),
            Err(AppError::UnknownUser { .. }) => Ok(None),
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

/// An order's page, by number, as the signed-in user (if any) sees it.
pub async fn page(
    nimbo: &Nimbo,
    number: &str,
    username: Option<&str>,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let page = orders::show(nimbo, number).await?;
    let user = viewer(nimbo, username).await?;
    let plans = crate::actions::catalogue::plans(nimbo).await?;
    Ok(page_view(&page, user.as_ref(), lang, &plans))
}

/// Opens an order for a customer and shows its page.
pub async fn create(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    title: &str,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let order = orders::create(nimbo, by, ruc, title).await?;
    page(nimbo, &order.number, Some(by), lang).await
}

/// Rejects the current step's work, sending the order back, and shows its page.
pub async fn reject(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let order = orders::reject(nimbo, by, number, reason).await?;
    page(nimbo, &order.number, Some(by), lang).await
}

/// Skips the current (optional) step and shows the order's page.
pub async fn skip(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let order = orders::skip(nimbo, by, number, reason).await?;
    page(nimbo, &order.number, Some(by), lang).await
}

/// Cancels the order and shows its page.
pub async fn cancel(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let order = orders::cancel(nimbo, by, number, reason).await?;
    page(nimbo, &order.number, Some(by), lang).await
}
