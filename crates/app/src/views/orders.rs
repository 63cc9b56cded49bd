//! Orders as the lists and "My tasks" show them: where each stands and whose turn it is,
//! filtered and paged as typed.

use chrono::{DateTime, Duration, Utc};
use nimbo_domain::Lang;
use nimbo_domain::order::{OrderStatus, Step};
use nimbo_domain::problem::Problem;
use nimbo_domain::workflow::ProcessStep;
use nimbo_store::orders::{OrderFilter, OrderLine, OrderSort};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::users::parse_role;
use super::{instant, refuse};
use crate::actions::orders::{self, OrderList};
use crate::{AppError, Nimbo};

/// The page size when the UI does not say.
pub const DEFAULT_PAGE: i64 = 50;

/// The longest wait a filter may ask about, in days (100 years).
pub const MAX_WAIT_DAYS: i64 = 36_500;

/// Where an order stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatusView {
    /// Waiting for a step.
    Open,
    /// Every step done; its subscription runs.
    Completed,
    /// Cancelled before activation.
    Cancelled,
}

/// The order a list of orders is sorted in: by when they were opened or by how long they
/// wait at their step, either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderSortView {
    /// Newest first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Waiting longest at their step first.
    LongestWaiting,
    /// Waiting least at their step first.
    ShortestWaiting,
}

impl OrderSortView {
    fn store(self) -> OrderSort {
        match self {
            OrderSortView::Newest => OrderSort::Newest,
            OrderSortView::Oldest => OrderSort::Oldest,
            OrderSortView::LongestWaiting => OrderSort::LongestWaiting,
            OrderSortView::ShortestWaiting => OrderSort::ShortestWaiting,
        }
    }
}

/// One line of a list of orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderLineView {
    /// The order's number.
    pub number: String,
    /// What is sold.
    pub title: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// Open, completed or cancelled.
    pub status: OrderStatusView,
    /// The status in words.
    pub status_label: String,
    /// The step it waits for, while open.
    pub current_step: Option<u8>,
    /// That step's name.
    pub step_name: Option<String>,
    /// The id of the role whose turn it is.
    pub role_id: Option<String>,
    /// That role's name.
    pub role_name: Option<String>,
    /// Since when it waits at its step (RFC 3339).
    pub step_since: String,
    /// When its step is due (RFC 3339), where the step has a time limit.
    pub deadline: Option<String>,
    /// Whether its step was past that deadline when the list was read.
    pub overdue: bool,
    /// Whether its step had used most of its time limit, not yet overdue, when the list
    /// was read (the domain's `is_near_deadline`); never without a limit.
    pub near_deadline: bool,
    /// When it was opened (RFC 3339).
    pub created_at: String,
}

/// A page of orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderListView {
    /// How many orders match in all.
    pub total: u32,
    /// This page.
    pub orders: Vec<OrderLineView>,
}

/// What a list of orders is filtered by; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrderFilterInput {
    /// Part of the customer's name.
    #[serde(default)]
    pub customer: Option<String>,
    /// The customer's RUC, whole or its beginning.
    #[serde(default)]
    pub ruc: Option<String>,
    /// The step the orders wait for (1–22).
    #[serde(default)]
    pub step: Option<u8>,
    /// The id of the role whose turn it is.
    #[serde(default)]
    pub role: Option<String>,
    /// Open, completed or cancelled.
    #[serde(default)]
    pub status: Option<OrderStatusView>,
    /// Only orders waiting at their step for more than this many days.
    #[serde(default)]
    pub older_than_days: Option<i64>,
    /// The order of the list (newest first when left out).
    #[serde(default)]
    pub sort: Option<OrderSortView>,
    /// The page size, 1–500 (50 when left out).
    #[serde(default)]
    pub limit: Option<i64>,
    /// How many to skip (0 when left out).
    #[serde(default)]
    pub offset: Option<i64>,
}

pub(crate) fn status_view(status: OrderStatus) -> OrderStatusView {
    match status {
        OrderStatus::Open => OrderStatusView::Open,
        OrderStatus::Completed => OrderStatusView::Completed,
        OrderStatus::Cancelled => OrderStatusView::Cancelled,
    }
}

fn status_from_id(id: &str) -> OrderStatusView {
    match id {
        "completed" => OrderStatusView::Completed,
        "cancelled" => OrderStatusView::Cancelled,
        _ => OrderStatusView::Open,
    }
}

fn status_id(status: OrderStatusView) -> &'static str {
    match status {
        OrderStatusView::Open => OrderStatus::Open.id(),
        OrderStatusView::Completed => OrderStatus::Completed.id(),
        OrderStatusView::Cancelled => OrderStatus::Cancelled.id(),
    }
}

/// The status in words: for an open order, the step it waits for and whose turn it is.
pub(crate) fn status_label(status: OrderStatusView, step: Option<Step>, lang: Lang) -> String {
    match (status, step) {
        (OrderStatusView::Open, Some(s)) => format!(
            "{} {} «{}» — {}",
            lang.pick("paso", "step"),
            s.number(),
            s.name(lang),
            s.role().name(lang)
        ),
        (OrderStatusView::Open, None) => lang.pick("abierto", "open").into(),
        (OrderStatusView::Completed, _) => lang.pick("completado", "completed").into(),
        (OrderStatusView::Cancelled, _) => lang.pick("cancelado", "cancelled").into(),
    }
}

/// A line of a list.
pub fn line_view(l: &OrderLine, lang: Lang, now: DateTime<Utc>) -> OrderLineView {
    let status = status_from_id(&l.status);
    let step = l.current_step.and_then(Step::from_number);
    OrderLineView {
        number: l.number.clone(),
        title: l.title.clone(),
        customer: l.customer.clone(),
        ruc: l.ruc.clone(),
        status,
        status_label: status_label(status, step, lang),
        current_step: step.map(Step::number),
        step_name: step.map(|s| s.name(lang).to_string()),
        role_id: step.map(|s| s.role().id().to_string()),
        role_name: step.map(|s| s.role().name(lang).to_string()),
        step_since: instant(l.step_since),
        deadline: step
            .and_then(|s| s.spec().deadline(l.step_since))
            .map(instant),
        overdue: step.is_some_and(|s| s.spec().is_overdue(l.step_since, now)),
        near_deadline: step.is_some_and(|s| s.spec().is_near_deadline(l.step_since, now)),
        created_at: instant(l.created_at),
    }
}

fn list_view(list: &OrderList, lang: Lang, now: DateTime<Utc>) -> OrderListView {
    OrderListView {
        total: u32::try_from(list.total.max(0)).unwrap_or(u32::MAX),
        orders: list
            .orders
            .iter()
            .map(|l| line_view(l, lang, now))
            .collect(),
    }
}

/// Reads a filter as typed.
pub fn filter(
    input: &OrderFilterInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrderFilter, AppError> {
    let step = input
        .step
        .map(|n| {
            Step::from_number(n).ok_or_else(|| {
                refuse(
                    "step",
                    "paso",
                    "step",
                    Problem::OutOfRange {
                        given: n.to_string(),
                        min: 1,
                        max: 22,
                    },
                )
            })
        })
        .transpose()?;
    let role = input
        .role
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(parse_role)
        .transpose()?;
    let waiting_since_before = match input.older_than_days {
        None => None,
        Some(d) if (0..=MAX_WAIT_DAYS).contains(&d) => Some(now - Duration::days(d)),
        Some(d) => {
            return Err(refuse(
                "older_than_days",
                "días de espera",
                "days waiting",
                Problem::OutOfRange {
                    given: d.to_string(),
                    min: 0,
                    max: MAX_WAIT_DAYS,
                },
            ));
        }
    };
    Ok(OrderFilter {
        customer_name: input.customer.clone(),
        ruc: input.ruc.clone(),
        step,
        roles: role.into_iter().collect(),
        status: input.status.map(|s| status_id(s).to_string()),
        waiting_since_before,
        sort: input.sort.unwrap_or_default().store(),
        limit: input.limit.unwrap_or(DEFAULT_PAGE),
        offset: input.offset.unwrap_or(0),
    })
}

/// A page of orders matching a filter, with how many match in all.
pub async fn list(
    nimbo: &Nimbo,
    input: &OrderFilterInput,
    lang: Lang,
) -> Result<OrderListView, AppError> {
    let f = filter(input, nimbo.now())?;
    Ok(list_view(
        &orders::list(nimbo, &f, true).await?,
        lang,
        nimbo.now(),
    ))
}

/// The steps waiting for the user's roles ("My tasks"), longest waiting first unless
/// another order is asked.
pub async fn tasks(
    nimbo: &Nimbo,
    username: &str,
    page: (i64, i64),
    sort: Option<OrderSortView>,
    lang: Lang,
) -> Result<OrderListView, AppError> {
    let (limit, offset) = page;
    let sort = sort.unwrap_or(OrderSortView::LongestWaiting).store();
    Ok(list_view(
        &orders::tasks_sorted(nimbo, username, sort, limit, offset).await?,
        lang,
        nimbo.now(),
    ))
}
