//! One module per area; each function calls one use case and prints its result.

mod audit;
mod billing;
mod catalogue;
mod consumption;
mod customers;
mod documents;
mod invoices;
mod orders;
mod organisation;
mod processes;
mod reference;
mod setup;
mod statements;
mod sync;
mod users;

use nimbo_domain::problem::{FieldError, Problem};

use crate::args::Command;
use crate::{CliError, Ctx};

/// Runs a command; returns the exit code on success.
pub async fn run(ctx: &Ctx, command: Command) -> Result<u8, CliError> {
    match command {
        Command::Ruc(c) => reference::ruc(ctx, c),
        Command::Steps { step } => reference::steps(ctx, step.as_deref()),
        Command::Roles => reference::roles(ctx),
        Command::Init(a) => setup::init(ctx, a).await,
        Command::Org(c) => organisation::run(ctx, c).await,
        Command::Demo { orders, seed } => setup::demo(ctx, orders, seed).await,
        Command::User(c) => users::run(ctx, c).await,
        Command::Customer(c) => customers::run(ctx, c).await,
        Command::Order(c) => orders::run(ctx, c).await,
        Command::Tasks { limit, offset } => orders::tasks(ctx, limit, offset).await,
        Command::Doc(c) => documents::run(ctx, c).await,
        Command::Audit(c) => audit::run(ctx, c).await,
        Command::Sync(c) => sync::run(ctx, c).await,
        Command::Subscription(c) => billing::subscription(ctx, c).await,
        Command::Termination(c) => processes::termination(ctx, c).await,
        Command::Suspension(c) => processes::suspension(ctx, c).await,
        Command::Reconnection(c) => processes::reconnection(ctx, c).await,
        Command::Billing(c) => billing::billing(ctx, c).await,
        Command::Hours(c) => billing::hours_log(ctx, c).await,
        Command::Invoice(c) => invoices::invoice(ctx, c).await,
        Command::Payment(c) => invoices::payment(ctx, c).await,
        Command::Statement(a) => statements::run(ctx, a).await,
        Command::Holidays(c) => catalogue::holidays(ctx, c).await,
        Command::Plan(c) => catalogue::plan(ctx, c).await,
        Command::Risk(c) => catalogue::risk(ctx, c).await,
    }
}

/// A refusal of a value typed on the command line, as the domain would word it.
pub fn bad_value(ctx: &Ctx, field: &str, problem: Problem) -> CliError {
    ctx.fail(nimbo_app::AppError::Domain(
        nimbo_domain::DomainError::InvalidFields {
            errors: vec![FieldError::new(field, field, field, problem)],
        },
    ))
}

/// Reads a role typed on the command line.
pub fn parse_role(ctx: &Ctx, text: &str) -> Result<nimbo_domain::role::Role, CliError> {
    text.parse().map_err(|_| {
        bad_value(
            ctx,
            "role",
            Problem::NotInCatalogue {
                given: text.to_string(),
                known: nimbo_domain::role::Role::ALL
                    .iter()
                    .map(|r| r.id().to_string())
                    .collect(),
            },
        )
    })
}

/// Reads a step typed on the command line (its number or id).
pub fn parse_step(ctx: &Ctx, text: &str) -> Result<nimbo_domain::order::Step, CliError> {
    text.parse().map_err(|_| {
        bad_value(
            ctx,
            "step",
            Problem::OutOfRange {
                given: text.to_string(),
                min: 1,
                max: 22,
            },
        )
    })
}
