//! Orders: opened for a customer, taken through the 22 steps by the right people, sent
//! back, skipped, cancelled; listed and shown with their timeline and history.

use std::collections::BTreeMap;

use nimbo_domain::customer::Customer;
use nimbo_domain::history::HistoryEntry;
use nimbo_domain::operation::{Command, EntityKind, Outcome, Record};
use nimbo_domain::order::{Order, Step, StepInput, TimelineEntry};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::order_number;
use nimbo_store::orders::{OrderFilter, OrderLine, OrderSort};
use nimbo_store::{
    Connection, attachments, device, history as history_store, orders as store, subscriptions,
};
use serde::Serialize;
use uuid::Uuid;

use crate::attachments::FileUpload;
use crate::context::{
    actor, check_page, check_search, customer_of, find_customer, find_order as find, require,
};
use crate::journal::{Change, act, act_on, decide, written};
use crate::{AppError, Nimbo};

/// Opens an order for the customer with that RUC, numbered by this laptop.
pub async fn create(nimbo: &Nimbo, by: &str, ruc: &str, title: &str) -> Result<Order, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let customer = find_customer(&mut tx, ruc).await?;
    let mut dev = device::load(&mut tx).await?;
    dev.order_seq += 1;
    let order_id = Uuid::now_v7();
    let command = Command::OpenOrder {
        order_id,
        number: order_number(dev.id, dev.order_seq),
        customer_id: customer.id,
        title: title.to_string(),
    };
    let outcome = act_on(
        &mut tx,
        &mut dev,
        now,
        Change::command(&user, EntityKind::Order, order_id, command),
    )
    .await?;
    tx.commit().await?;
    order_in(outcome)
}

/// The order an accepted change wrote.
fn order_in(outcome: Outcome) -> Result<Order, AppError> {
    written(outcome, "order", |record| match record {
        Record::Order(it) => Some(it),
        _ => None,
    })
}

/// What a person submits to complete a step: typed values and files.
#[derive(Debug, Clone, Default)]
pub struct StepSubmission {
    /// The step meant; `None` means the order's current step.
    pub step: Option<Step>,
    /// Typed values by field key.
    pub values: BTreeMap<String, String>,
    /// Files by field key.
    pub files: BTreeMap<String, FileUpload>,
}

/// The command a submission makes of the order as it stands.
async fn step_command(
    conn: &mut Connection,
    number: &str,
    submission: &StepSubmission,
) -> Result<(Uuid, Command), AppError> {
    let order = find(conn, number).await?;
    let step = submission
        .step
        .or(order.current)
        .unwrap_or(Step::CloseBackValidation);
    let input = StepInput {
        values: submission.values.clone(),
        files: submission
            .files
            .iter()
            .map(|(k, f)| (k.clone(), f.reference()))
            .collect(),
    };
    Ok((
        order.id,
        Command::CompleteStep {
            order_id: order.id,
            step,
            input,
        },
    ))
}

/// Checks a submission for a step exactly as [`complete_step`] would, on a read-only
/// connection: the same refusals, and nothing is ever written.
pub async fn check_step(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    submission: &StepSubmission,
) -> Result<(), AppError> {
    let mut conn = nimbo.store().read().await?;
    let user = actor(&mut conn, by).await?;
    let (order_id, command) = step_command(&mut conn, number, submission).await?;
    let dev = device::load(&mut conn).await?;
    let change = Change::command(&user, EntityKind::Order, order_id, command);
    decide(&mut conn, &dev, nimbo.now(), change)
        .await
        .map(|_| ())
}

/// Completes a step of an order; files are stored in the same transaction, and the
/// document the step produces (step 19: the Welcome KIT, with the delivery it records)
/// is issued in it too, after the step's own journal entry.
pub async fn complete_step(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    submission: StepSubmission,
) -> Result<Order, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let (order_id, command) = step_command(&mut tx, number, &submission).await?;
    let produces = match &command {
        Command::CompleteStep { step, .. } => step.produces(),
        _ => None,
    };
    for file in submission.files.values() {
        attachments::put(&mut tx, &file.reference(), &file.bytes, now).await?;
    }
    let change = Change::command(&user, EntityKind::Order, order_id, command);
    let next = order_in(act(&mut tx, now, change).await?)?;
    if let Some(kind) = produces {
        crate::issuing::generate_in(&mut tx, &user, &next.number, kind, now).await?;
    }
    tx.commit().await?;
    Ok(next)
}

/// Rejects the work of the order's current step, sending it back with the reason.
pub async fn reject(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
) -> Result<Order, AppError> {
    transition(nimbo, by, number, |order| Command::RejectStep {
        order_id: order.id,
        step: order.current.unwrap_or(Step::CloseBackValidation),
        reason: reason.trim().to_string(),
    })
    .await
}

/// Skips the order's current step, when optional.
pub async fn skip(nimbo: &Nimbo, by: &str, number: &str, reason: &str) -> Result<Order, AppError> {
    transition(nimbo, by, number, |order| Command::SkipStep {
        order_id: order.id,
        step: order.current.unwrap_or(Step::CloseBackValidation),
        reason: reason.trim().to_string(),
    })
    .await
}

/// Cancels an order before activation.
pub async fn cancel(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
) -> Result<Order, AppError> {
    transition(nimbo, by, number, |order| Command::CancelOrder {
        order_id: order.id,
        reason: reason.trim().to_string(),
    })
    .await
}

/// A command on the order with that number, decided and written in one transaction.
async fn transition(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    command: impl FnOnce(&Order) -> Command,
) -> Result<Order, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let order = find(&mut tx, number).await?;
    let change = Change::command(&user, EntityKind::Order, order.id, command(&order));
    let next = order_in(act(&mut tx, now, change).await?)?;
    tx.commit().await?;
    Ok(next)
}

/// An order with what its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct OrderPage {
    /// The order.
    pub order: Order,
    /// Its customer.
    pub customer: Customer,
    /// The 22 steps and how each stands.
    pub timeline: Vec<TimelineEntry>,
    /// The subscription it set up, once completed.
    pub subscription: Option<Subscription>,
}

/// Shows an order.
pub async fn show(nimbo: &Nimbo, number: &str) -> Result<OrderPage, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let order = find(&mut conn, number).await?;
    let customer = customer_of(&mut conn, &order).await?;
    let subscription = subscriptions::by_order(&mut conn, order.id).await?;
    Ok(OrderPage {
        timeline: order.timeline(),
        order,
        customer,
        subscription,
    })
}

/// An order's full history, oldest first: what was done here (with the server's
/// refusal, if any) and what other laptops did, replayed here from the server.
pub async fn history(nimbo: &Nimbo, number: &str) -> Result<Vec<HistoryEntry>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let order = find(&mut conn, number).await?;
    Ok(history_store::of_entity(&mut conn, order.id).await?)
}

/// A page of orders.
#[derive(Debug, Clone, Serialize)]
pub struct OrderList {
    /// How many orders match in all.
    pub total: i64,
    /// This page.
    pub orders: Vec<OrderLine>,
}

/// Lists orders matching a filter, a page at a time.
pub async fn list(
    nimbo: &Nimbo,
    filter: &OrderFilter,
    with_total: bool,
) -> Result<OrderList, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    check_page(filter.limit, filter.offset)?;
    check_search(
        "customer",
        "cliente",
        "customer",
        filter.customer_name.as_deref(),
    )?;
    check_search("ruc", "RUC", "RUC", filter.ruc.as_deref())?;
    let f = filter.clone();
    let orders = store::list(&mut conn, &f).await?;
    let total = if with_total {
        store::count(&mut conn, &f).await?
    } else {
        -1
    };
    Ok(OrderList { total, orders })
}

/// The steps waiting for any of the user's roles, oldest first ("Mis tareas").
pub async fn tasks(
    nimbo: &Nimbo,
    username: &str,
    limit: i64,
    offset: i64,
) -> Result<OrderList, AppError> {
    tasks_sorted(nimbo, username, OrderSort::LongestWaiting, limit, offset).await
}

/// The steps waiting for any of the user's roles, in the order asked.
pub async fn tasks_sorted(
    nimbo: &Nimbo,
    username: &str,
    sort: OrderSort,
    limit: i64,
    offset: i64,
) -> Result<OrderList, AppError> {
    let roles: Vec<_> = {
        let mut conn = nimbo.store().read().await?;
        actor(&mut conn, username)
            .await?
            .roles
            .into_iter()
            .collect()
    };
    if roles.is_empty() {
        return Ok(OrderList {
            total: 0,
            orders: Vec::new(),
        });
    }
    let filter = OrderFilter {
        roles,
        status: Some("open".into()),
        sort,
        limit,
        offset,
        ..OrderFilter::default()
    };
    list(nimbo, &filter, true).await
}
