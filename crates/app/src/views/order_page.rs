//! An order's page: where it stands, the 22 steps' timeline with what each recorded, its
//! rejections, cancellation and subscription, and what the signed-in user may do now;
//! and the actions on an order that answer with its page.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use nimbo_domain::Lang;
use nimbo_domain::catalogue::{Plan, Risk};
use nimbo_domain::document::{DocumentKind, SignatureState, SignerState};
use nimbo_domain::order::{FieldKind, FieldValue, Order, OrderStatus, Step, StepState};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::user::User;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::current_step::{CurrentStepView, Facts, current_step_view, field_label};
use super::orders::{OrderStatusView, status_label, status_view};
use super::subscriptions::{SubscriptionView, subscription_view};
use super::{People, instant, size_label};
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

/// A file a step recorded, as a list shows it: its name, to open; its size and hash for
/// a tooltip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FileValueView {
    /// The file's name as it was attached.
    pub name: String,
    /// Its size in KB or MB.
    pub size_label: String,
    /// Its SHA-256, to open it with.
    pub sha256: String,
    /// Its media type (`application/pdf` opens in the viewer).
    pub media_type: String,
}

/// A value a step recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ValueView {
    /// The field's key.
    pub key: String,
    /// The field's label.
    pub label: String,
    /// The value as text (plans and risks by their names, dates dd/mm/aaaa).
    pub value: String,
    /// The file, when the value is one.
    pub file: Option<FileValueView>,
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
    /// Who did or skipped it (a username).
    pub by: Option<String>,
    /// Their full name.
    pub by_name: Option<String>,
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
    /// Who rejected (a username).
    pub by: String,
    /// Their full name.
    pub by_name: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
}

/// An order's cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CancellationView {
    /// Who cancelled (a username).
    pub by: String,
    /// Their full name.
    pub by_name: String,
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
    /// Who opened it (a username).
    pub created_by: String,
    /// Their full name.
    pub created_by_name: String,
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
    /// Whose turn it is: the person's full name when it can be told (docs/DECISIONS.md
    /// «Whose turn it is»), else the role's name.
    pub turn_name: Option<String>,
    /// The current step as its card shows it: blockers, fields decided, the rejection
    /// that sent the order back to it.
    pub current: Option<CurrentStepView>,
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

/// The catalogue's names and the people, to show names where records keep codes.
pub(crate) struct Names<'a> {
    /// The plans.
    pub plans: &'a [Plan],
    /// The risks.
    pub risks: &'a [Risk],
    /// The people.
    pub people: &'a People,
}

fn value_view(
    spec: &nimbo_domain::order::FieldSpec,
    v: &FieldValue,
    names: &Names<'_>,
    lang: Lang,
) -> ValueView {
    let name_of = |code: &String| match spec.kind {
        FieldKind::Plans => names
            .plans
            .iter()
            .find(|p| &p.code == code)
            .map_or_else(|| code.clone(), |p| p.name.clone()),
        FieldKind::Risks => names.risks.iter().find(|r| &r.code == code).map_or_else(
            || code.clone(),
            |r| lang.pick(&r.name_es, &r.name_en).to_string(),
        ),
        _ => code.clone(),
    };
    let (value, file) = match v {
        FieldValue::List(items) => (
            items.iter().map(name_of).collect::<Vec<_>>().join(", "),
            None,
        ),
        FieldValue::File(a) => (
            a.name.clone(),
            Some(FileValueView {
                name: a.name.clone(),
                size_label: size_label(a.size, lang),
                sha256: a.sha256.clone(),
                media_type: a.media_type.clone(),
            }),
        ),
        other => (other.display(lang), None),
    };
    ValueView {
        key: spec.key.to_string(),
        label: field_label(spec, lang),
        value,
        file,
    }
}

fn timeline_view(order: &Order, names: &Names<'_>, lang: Lang) -> Vec<TimelineStepView> {
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
                            record
                                .values
                                .get(f.key)
                                .map(|v| value_view(f, v, names, lang))
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
                by_name: by.as_deref().map(|u| names.people.name(u)),
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

/// What an order's page shows beyond the order: the catalogue's names, the people, and
/// the order's signed documents.
pub(crate) struct PageFacts<'a> {
    /// The catalogue's names and the people.
    pub names: Names<'a>,
    /// The order's documents whose latest version is signed, with their last signature.
    pub signed: BTreeMap<DocumentKind, Option<DateTime<Utc>>>,
}

/// An order's page as the viewer sees it.
pub(crate) fn page_view(
    page: &OrderPage,
    viewer: Option<&User>,
    lang: Lang,
    facts: &PageFacts<'_>,
) -> OrderPageView {
    let o = &page.order;
    let c = &page.customer;
    let people = facts.names.people;
    let status = status_view(o.status);
    let may = allowed(o, viewer);
    let turn_name = o.current.map(|s| {
        o.turn_holder(&people.0)
            .map_or_else(|| s.role().name(lang).to_string(), |u| u.full_name.clone())
    });
    let current = current_step_view(
        o,
        &Facts {
            customer: c,
            signed: &facts.signed,
            people,
        },
        lang,
    );
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
        created_by_name: people.name(&o.created_by),
        created_at: instant(o.created_at),
        step_since: instant(o.step_since),
        current_step: o.current.map(Step::number),
        current_step_name: o.current.map(|s| s.name(lang).to_string()),
        current_role_name: o.current.map(|s| s.role().name(lang).to_string()),
        turn_name,
        current,
        can_act: may.act,
        can_reject: may.reject,
        can_skip: may.skip,
        can_cancel: may.cancel,
        timeline: timeline_view(o, &facts.names, lang),
        rejections: o
            .rejections
            .iter()
            .map(|r| RejectionView {
                step: r.step.number(),
                step_name: r.step.name(lang).to_string(),
                back_to: r.back_to.number(),
                back_to_name: r.back_to.name(lang).to_string(),
                by: r.by.clone(),
                by_name: people.name(&r.by),
                at: instant(r.at),
                reason: r.reason.clone(),
            })
            .collect(),
        cancellation: o.cancellation.as_ref().map(|x| CancellationView {
            by: x.by.clone(),
            by_name: people.name(&x.by),
            at: instant(x.at),
            reason: x.reason.clone(),
        }),
        subscription: page
            .subscription
            .as_ref()
            .map(|s| subscription_view(s, lang, facts.names.plans)),
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
    let risks = crate::actions::catalogue::risks(nimbo).await?;
    let people = People::load(nimbo).await?;
    let signed = crate::actions::documents::list(nimbo, number)
        .await?
        .into_iter()
        .filter(|l| l.latest && l.version.signature.state == SignatureState::Signed)
        .map(|l| {
            let last = l
                .version
                .signature
                .signers
                .iter()
                .filter_map(|s| match s.state {
                    SignerState::Signed { at, .. } => Some(at),
                    _ => None,
                })
                .max();
            (l.version.kind, last)
        })
        .collect();
    let facts = PageFacts {
        names: Names {
            plans: &plans,
            risks: &risks,
            people: &people,
        },
        signed,
    };
    Ok(page_view(&page, user.as_ref(), lang, &facts))
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
