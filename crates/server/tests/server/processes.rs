//! Terminations, suspensions and reconnections at the server: every step of the three
//! processes pushed by someone whose roles its table does not name is refused as
//! `not_allowed`, naming who may take it, whatever client sent it — as for onboarding's
//! steps. The check comes before anything is looked up, so made-up processes do; a
//! cancellation's roles depend on the process's kind, so it is tried on a real one.

use chrono::{NaiveDate, Utc};
use nimbo_domain::ErrorCode;
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::permission::Action;
use nimbo_domain::role::Role;
use nimbo_domain::service::{
    ProcessKind, ReconnectionStep, ServiceStep, SuspensionStep, TerminationStep,
};
use nimbo_domain::subscription::{Subscription, SubscriptionStatus};
use nimbo_domain::workflow::StepInput;
use nimbo_server::client::Client;
use nimbo_server::wire::Answer;
use nimbo_testkit::files::attachment;
use uuid::Uuid;

use crate::support::{Laptop, SEEDED_CUSTOMER, TestServer, command};

/// The customer's signed letter a termination request carries.
const LETTER: &[u8] = b"%PDF-1.4 carta de baja";

/// The commands that act on `step`, as each person's laptop would send them, and the
/// process they name.
fn acting_on(step: ServiceStep) -> (Uuid, Vec<Command>) {
    let process_id = Uuid::now_v7();
    let subscription_id = Uuid::now_v7();
    let number = format!("{}-2026-000001", step.kind().prefix());
    let mut commands = vec![
        Command::CompleteProcessStep {
            process_id,
            step,
            input: StepInput::default(),
        },
        Command::RejectProcessStep {
            process_id,
            step,
            reason: "no corresponde".into(),
        },
    ];
    for role in step.deciders() {
        commands.push(Command::DecideProcessStep {
            process_id,
            step,
            role: *role,
            approved: true,
            reason: "autorizado".into(),
        });
    }
    // The first step of each process is the command that starts it.
    match step {
        ServiceStep::Termination(TerminationStep::Request) => {
            commands.push(Command::RequestTermination {
                process_id,
                number,
                subscription_id,
                termination_date: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
                plans: Vec::new(),
                aws_accounts: Vec::new(),
                letter: attachment("carta.pdf", "application/pdf", LETTER),
            });
        }
        ServiceStep::Suspension(SuspensionStep::Decision) => {
            commands.push(Command::DecideSuspension {
                process_id,
                number,
                subscription_id,
            });
        }
        ServiceStep::Reconnection(ReconnectionStep::PaymentConfirmed) => {
            commands.push(Command::ConfirmReconnectionPayment {
                process_id,
                number,
                subscription_id,
                input: StepInput::default(),
            });
        }
        _ => {}
    }
    (process_id, commands)
}

async fn pushed(client: &Client, actor: &str, process_id: Uuid, c: Command) -> Answer {
    let op = command(actor, EntityKind::Process, process_id, c);
    client.push(&[op]).await.unwrap().remove(0).answer
}

#[tokio::test]
async fn every_step_of_a_termination_suspension_or_reconnection_pushed_from_the_wrong_role_is_refused_by_the_server()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let mut people = Vec::new();
    for role in Role::ALL {
        let username = format!("solo-{}", role.id().replace('_', "-"));
        let (client, _) = server.signed_in(&username, &[role]).await;
        people.push((role, username, client));
    }
    // The letter is on the server, as a laptop uploads it before pushing: what stops the
    // request is the role, not a missing file.
    people[0].2.put_blob(LETTER).await.unwrap();
    let mut refused = 0;
    for kind in ProcessKind::ALL {
        for step in kind.steps() {
            for (role, username, client) in &people {
                if step.roles().contains(role) {
                    continue;
                }
                let (process_id, commands) = acting_on(step);
                for c in commands {
                    let what = format!("{c:?}");
                    match pushed(client, username, process_id, c).await {
                        Answer::Refused { code, message } => {
                            assert_eq!(
                                code,
                                ErrorCode::NotAllowed,
                                "{what} by {role:?}: {message}"
                            );
                            let who = step.roles()[0].name(nimbo_domain::Lang::Es);
                            assert!(message.contains(who), "{what} by {role:?}: {message}");
                            refused += 1;
                        }
                        other => panic!("{what} by {role:?} was not refused: {other:?}"),
                    }
                }
            }
        }
    }
    assert!(refused > 150, "{refused} refusals");
}

/// A subscription the server holds, as if its order's last step had written it.
async fn seed_subscription(server: &TestServer) -> Subscription {
    let subscription = Subscription {
        id: Uuid::now_v7(),
        order_id: Uuid::now_v7(),
        customer_id: SEEDED_CUSTOMER,
        subscriber_id: "1-7ABCD12".into(),
        billing_account: "100234567".into(),
        activation_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        plans: vec!["aws".into(), "aws-vip".into()],
        aws_accounts: vec!["123456789012".into()],
        status: SubscriptionStatus::Active,
        created_at: Utc::now(),
        termination_date: None,
        ended: Vec::new(),
        terms: None,
    };
    sqlx::query(
        "INSERT INTO entities (kind, id, state, version) VALUES ('subscription', $1, $2, 0)",
    )
    .bind(subscription.id)
    .bind(serde_json::to_value(&subscription).unwrap())
    .execute(&server.pool)
    .await
    .unwrap();
    subscription
}

#[tokio::test]
async fn cancelling_a_termination_is_refused_by_the_server_to_every_role_that_may_not_and_done_for_one_that_may()
 {
    let Some(server) = TestServer::start().await else {
        return;
    };
    let subscription = seed_subscription(&server).await;
    let mut kam = Laptop::of(&server, "karina", &[Role::Kam]).await;
    kam.client.put_blob(LETTER).await.unwrap();
    let process_id = Uuid::now_v7();
    let today = Utc::now().date_naive();
    kam.applied(
        EntityKind::Process,
        process_id,
        Command::RequestTermination {
            process_id,
            number: "BAJ-7K3F-000001".into(),
            subscription_id: subscription.id,
            termination_date: today + chrono::Duration::days(60),
            plans: Vec::new(),
            aws_accounts: Vec::new(),
            letter: attachment("carta.pdf", "application/pdf", LETTER),
        },
    )
    .await;

    let cancel = || Command::CancelProcess {
        process_id,
        reason: "El cliente desistió de la baja".into(),
    };
    let may = Action::CancelProcess(ProcessKind::Termination).allowed_roles();
    for role in Role::ALL.into_iter().filter(|r| !may.contains(r)) {
        let username = format!("solo-{}", role.id().replace('_', "-"));
        let mut laptop = Laptop::of(&server, &username, &[role]).await;
        let op = laptop.command(EntityKind::Process, process_id, cancel());
        let (code, message) = match laptop.send(&op).await {
            Answer::Refused { code, message } => (code, message),
            other => panic!("{role:?} cancelled the termination: {other:?}"),
        };
        assert_eq!(code, ErrorCode::NotAllowed, "{role:?}: {message}");
        assert!(
            message.contains(may[0].name(nimbo_domain::Lang::Es)),
            "{role:?}: {message}"
        );
    }
    // Someone who may, may: the refusals above were the role's, nothing else.
    let allowed = may[0];
    let mut laptop = Laptop::of(&server, "quien-puede", &[allowed]).await;
    laptop
        .applied(EntityKind::Process, process_id, cancel())
        .await;
}
