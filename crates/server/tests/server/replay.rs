//! A property: whatever mix of valid and invalid step actions on one order is pushed, in
//! whatever batches, the server accepts exactly what the domain accepts taking them in
//! order, and its order is the one the domain makes by applying the accepted operations
//! in their sequence order — the replay a laptop's pull will do.

use nimbo_domain::customer::Customer;
use nimbo_domain::operation::{Command, EntityKind, MemoryRecords, Operation, Record, apply};
use nimbo_domain::order::{Order, Step, StepInput};
use nimbo_domain::role::Role;
use nimbo_domain::user::User;
use nimbo_server::wire::Answer;
use nimbo_testkit::customers::master_contract;
use nimbo_testkit::steps::{self, PDF};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use uuid::Uuid;

use crate::support::{Laptop, SEEDED_CUSTOMER, TestServer, code, stored};

/// One thing a person does to the order.
#[derive(Debug, Clone)]
enum Act {
    Complete(Step, bool),
    Reject(Step),
    Skip(Step),
}

fn any_step() -> impl Strategy<Value = Step> {
    (1u8..=22).prop_map(|n| Step::from_number(n).unwrap_or(Step::NeedsSurvey))
}

fn noise() -> impl Strategy<Value = Act> {
    prop_oneof![
        6 => (any_step(), any::<bool>()).prop_map(|(s, v)| Act::Complete(s, v)),
        1 => any_step().prop_map(Act::Reject),
        1 => any_step().prop_map(Act::Skip),
    ]
}

#[derive(Debug, Clone)]
struct Script {
    complex: bool,
    price_exception: bool,
    skip_feasibility: bool,
    noise: Vec<(usize, Act)>,
    batches: Vec<usize>,
}

fn script() -> impl Strategy<Value = Script> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((0usize..30, noise()), 0..12),
        prop::collection::vec(1usize..7, 1..6),
    )
        .prop_map(
            |(complex, price_exception, skip_feasibility, noise, batches)| Script {
                complex,
                price_exception,
                skip_feasibility,
                noise,
                batches,
            },
        )
}

impl Script {
    /// The path's steps done in order, with the noise slipped in.
    fn acts(&self) -> Vec<Act> {
        let mut acts: Vec<Act> = Step::ALL
            .into_iter()
            .filter(|s| match s.branch() {
                nimbo_domain::order::Branch::Always => true,
                nimbo_domain::order::Branch::Complex => self.complex,
                nimbo_domain::order::Branch::PriceException => self.price_exception,
            })
            .map(|s| {
                if s == Step::FeasibilityRequest && self.skip_feasibility {
                    Act::Skip(s)
                } else {
                    Act::Complete(s, true)
                }
            })
            .collect();
        for (at, act) in &self.noise {
            acts.insert((*at).min(acts.len()), act.clone());
        }
        acts
    }

    fn command(&self, order_id: Uuid, act: &Act) -> Command {
        match act {
            Act::Complete(step, valid) => Command::CompleteStep {
                order_id,
                step: *step,
                input: if *valid {
                    steps::input(
                        *step,
                        steps::Path {
                            complex: self.complex,
                            price_exception: self.price_exception,
                            risks: false,
                        },
                    )
                } else {
                    StepInput::default()
                },
            },
            Act::Reject(step) => Command::RejectStep {
                order_id,
                step: *step,
                reason: "documentación incompleta".into(),
            },
            Act::Skip(step) => Command::SkipStep {
                order_id,
                step: *step,
                reason: "no hace falta".into(),
            },
        }
    }
}

/// Runs one script against a fresh server; an error names what differed.
async fn check(script: Script, tally: &Tally) -> Result<(), TestCaseError> {
    let Some(server) = TestServer::start().await else {
        return Ok(());
    };
    let mut laptop = Laptop::of(&server, "todo", &Role::ALL).await;
    laptop.client.put_blob(PDF).await.unwrap();
    let order_id = Uuid::now_v7();
    let mut ops: Vec<Operation> = vec![
        laptop.command(
            EntityKind::Customer,
            SEEDED_CUSTOMER,
            Command::RecordMasterContract {
                customer_id: SEEDED_CUSTOMER,
                contract: master_contract(),
            },
        ),
        laptop.command(
            EntityKind::Order,
            order_id,
            Command::OpenOrder {
                order_id,
                number: "7K3F-000001".into(),
                customer_id: SEEDED_CUSTOMER,
                title: "Tigo Cloud AWS".into(),
            },
        ),
    ];
    for act in script.acts() {
        let command = script.command(order_id, &act);
        ops.push(laptop.command(EntityKind::Order, order_id, command));
    }

    let mut answers: Vec<Answer> = Vec::new();
    let mut rest = ops.as_slice();
    for size in script.batches.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (batch, tail) = rest.split_at((*size).min(rest.len()));
        answers.extend(
            laptop
                .client
                .push(batch)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.answer),
        );
        rest = tail;
    }

    // The domain alone, taking the operations in the order they were sent.
    let seeded: Customer = stored(&server.pool, EntityKind::Customer, SEEDED_CUSTOMER)
        .await
        .unwrap();
    let user: User = nimbo_server::postgres::users::list(&server.pool)
        .await
        .unwrap()
        .remove(0);
    let fresh = || {
        let mut records = MemoryRecords::default();
        records.put(Record::Customer(seeded.clone()));
        records.put(Record::User(user.clone()));
        records
    };
    let mut alone = fresh();
    for (op, answer) in ops.iter().zip(&answers) {
        match apply(op, &user, &alone) {
            Ok(outcome) => {
                tally.applied.set(tally.applied.get() + 1);
                prop_assert_eq!(code(answer), "applied", "{:?}", op.body);
                alone.absorb(&outcome);
            }
            Err(refusal) => {
                tally.refused.set(tally.refused.get() + 1);
                prop_assert_eq!(code(answer), refusal.code().as_str(), "{:?}", op.body);
            }
        }
    }

    // The pull's replay: the accepted operations in their sequence order.
    let mut replay = fresh();
    let page = laptop.client.pull(0, 1000).await.unwrap();
    let mut last = 0;
    for pulled in &page.operations {
        prop_assert!(pulled.seq > last);
        last = pulled.seq;
        let outcome = apply(&pulled.operation, &user, &replay)
            .map_err(|r| TestCaseError::fail(format!("replay refused: {}", r.code())))?;
        replay.absorb(&outcome);
    }
    let on_server: Order = stored(&server.pool, EntityKind::Order, order_id)
        .await
        .unwrap();
    prop_assert_eq!(&on_server, &replay.orders[&order_id]);
    prop_assert_eq!(&on_server, &alone.orders[&order_id]);
    prop_assert!(
        on_server.check_invariants().is_ok(),
        "{:?}",
        on_server.check_invariants()
    );
    if on_server.status == nimbo_domain::order::OrderStatus::Completed {
        tally.completed.set(tally.completed.get() + 1);
    }
    Ok(())
}

/// What the cases covered, for the figure the test prints.
#[derive(Default)]
struct Tally {
    applied: std::cell::Cell<usize>,
    refused: std::cell::Cell<usize>,
    completed: std::cell::Cell<usize>,
}

#[test]
fn random_step_actions_in_random_batches_leave_the_order_the_domain_makes_from_the_accepted_ones() {
    if std::env::var("NIMBO_TEST_DATABASE_URL").is_err() {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let cases = std::env::var("NIMBO_REPLAY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let tally = Tally::default();
    let result = runner.run(&script(), |script| runtime.block_on(check(script, &tally)));
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "{cases} random scripts in {:?}: {} operations applied, {} refused, {} orders completed",
        started.elapsed(),
        tally.applied.get(),
        tally.refused.get(),
        tally.completed.get()
    );
}
