//! The service's life at scale: 10,000 subscriptions of the 100,000-order demonstration
//! put into open terminations, suspensions and reconnections, standing at every step,
//! some past their deadline.
//!
//! Every change goes through the app's own use cases (`processes::request_termination`,
//! `decide_suspension`, `complete_step`, `decide`, `confirm_reconnection`,
//! `billing::invoices::record` and `pay`), so the domain's `apply` decides each one and the
//! store writes it as it would for a person: records, waits, audit event and outbox
//! operation. The clock is a `FixedClock` moved forward action by action, in time order
//! across all processes, so each step's wait starts when its scripted person acted.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use nimbo_app::attachments::FileUpload;
use nimbo_app::billing::invoices::{self, InvoiceDraft};
use nimbo_app::processes::{self, ProcessSubmission};
use nimbo_app::{FixedClock, Nimbo};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::today_in_asuncion;

/// How many subscriptions are put into an open process.
pub const IN_PROCESS: usize = 10_000;
/// Of those, how many belong to customers suspended and reconnected after paying.
const RECONNECTED: usize = 1_000;
/// Of those, how many belong to customers who owe an overdue invoice and do not pay.
const IN_DEBT: usize = 2_500;

const KAM: &str = "ana.duarte";
const EXECUTIVE: &str = "sofia.ramirez";
const SUPPORT: &str = "maria.gonzalez";
const REGIONAL: &str = "laura.acosta";
const FOLLOWER: &str = "pedro.gimenez";
const CREDIT: &str = "ricardo.ortiz";
const SALES: &str = "patricia.caceres";
const OFFERS: &str = "carlos.benitez";
const SPECIALIST: &str = "hugo.martinez";

/// One thing a person does, at an instant.
enum Act {
    /// The billing specialist records the customer's overdue invoice.
    Invoice { account: String, number: String },
    /// The billing specialist records its payment in full.
    Pay { number: String },
    /// The KAM enters a termination request (45 days ahead, the whole contract).
    Request { sub: usize, process: usize },
    /// The credit manager decides to suspend.
    Suspend { sub: usize, process: usize },
    /// The service executive confirms the payment of a suspended subscription.
    Reconnect { sub: usize, process: usize },
    /// Someone completes the step the process waits for.
    Step {
        process: usize,
        who: &'static str,
        values: Vec<(&'static str, String)>,
    },
    /// One of the three authorisers authorises a termination leaving debt.
    Authorise {
        process: usize,
        who: &'static str,
        role: &'static str,
    },
}

/// The script: acts with their instant, in the order they were planned.
#[derive(Default)]
struct Script {
    acts: Vec<(DateTime<Utc>, usize, Act)>,
    processes: usize,
}

impl Script {
    fn at(&mut self, when: DateTime<Utc>, act: Act) {
        let seq = self.acts.len();
        self.acts.push((when, seq, act));
    }

    fn process(&mut self) -> usize {
        self.processes += 1;
        self.processes - 1
    }
}

fn ymd(at: DateTime<Utc>) -> String {
    today_in_asuncion(at).format("%Y-%m-%d").to_string()
}

fn step(process: usize, who: &'static str, values: &[(&'static str, String)]) -> Act {
    Act::Step {
        process,
        who,
        values: values.to_vec(),
    }
}

/// A termination of a customer that pays: it stops waiting at one of the steps after
/// the request (`stop` = 1 waits for the verification, 7 for the confirmation).
fn termination(s: &mut Script, sub: usize, stop: usize, last: DateTime<Utc>, n: usize) {
    let p = s.process();
    let start = last - Duration::hours(2 * i64::try_from(stop - 1).unwrap_or(0));
    s.at(start, Act::Request { sub, process: p });
    let acts: [(&'static str, Vec<(&'static str, String)>); 6] = [
        (KAM, vec![("leaves_debt", "no".into())]),
        (KAM, vec![("confirmed_on", ymd(start))]),
        (EXECUTIVE, vec![("debt_exists", "no".into())]),
        (KAM, vec![]),
        (EXECUTIVE, vec![("status_changed_on", ymd(start))]),
        (
            FOLLOWER,
            vec![("work_order", format!("WO{:07}", n % 10_000_000))],
        ),
    ];
    for (k, (who, values)) in acts.into_iter().take(stop - 1).enumerate() {
        let when = start + Duration::hours(2 * (i64::try_from(k).unwrap_or(0) + 1));
        s.at(when, step(p, who, &values));
    }
}

/// A termination of a customer that owes and will not pay: waiting for the three
/// authorisations, or for the ones not given yet.
fn termination_with_debt(s: &mut Script, sub: usize, given: usize, last: DateTime<Utc>) {
    let p = s.process();
    let start = last - Duration::hours(2 * (1 + i64::try_from(given).unwrap_or(0)));
    s.at(start, Act::Request { sub, process: p });
    s.at(
        start + Duration::hours(2),
        step(
            p,
            KAM,
            &[
                ("leaves_debt", "sí".into()),
                ("notes", "El cliente cierra operaciones y no pagará".into()),
            ],
        ),
    );
    let deciders = [
        (CREDIT, "credit_manager"),
        (SALES, "sales_manager"),
        (OFFERS, "offers"),
    ];
    for (k, (who, role)) in deciders.into_iter().take(given).enumerate() {
        let when = start + Duration::hours(2 * (i64::try_from(k).unwrap_or(0) + 2));
        s.at(
            when,
            Act::Authorise {
                process: p,
                who,
                role,
            },
        );
    }
}

/// A suspension decided at `at`, its notice 3 h later, Siebel and the cut two days on;
/// `steps` of those three done.
fn suspension(s: &mut Script, sub: usize, at: DateTime<Utc>, steps: usize) -> usize {
    let p = s.process();
    s.at(at, Act::Suspend { sub, process: p });
    let cut = at + Duration::days(2);
    let notice = at + Duration::hours(3);
    let acts = [
        (
            notice,
            step(
                p,
                KAM,
                &[("suspension_date", ymd(cut)), ("notified_on", ymd(notice))],
            ),
        ),
        (
            cut - Duration::hours(3),
            step(p, SUPPORT, &[("servicenow_request", "REQ0045678".into())]),
        ),
        (cut, step(p, REGIONAL, &[("cut_on", ymd(cut))])),
    ];
    for (when, act) in acts.into_iter().take(steps) {
        s.at(when, act);
    }
    p
}

/// A reconnection confirmed at `at`, with `steps` of its three steps done, 2 h apart.
fn reconnection(s: &mut Script, sub: usize, at: DateTime<Utc>, steps: usize) {
    let p = s.process();
    s.at(at, Act::Reconnect { sub, process: p });
    let acts = [
        (SUPPORT, ("servicenow_request", "REQ0045999".to_string())),
        (REGIONAL, ("reconnected_on", ymd(at + Duration::hours(4)))),
        (KAM, ("notified_on", ymd(at + Duration::hours(6)))),
    ];
    for (k, (who, value)) in acts.into_iter().take(steps).enumerate() {
        let when = at + Duration::hours(2 * (i64::try_from(k).unwrap_or(0) + 1));
        s.at(when, step(p, who, &[value]));
    }
}

/// What the script left, counted for the record.
#[derive(Debug, Default)]
pub struct Made {
    /// Acts carried out through the use cases.
    pub acts: usize,
    /// Subscriptions put into a process.
    pub subscriptions: usize,
    /// Processes started.
    pub processes: usize,
    /// Invoices recorded.
    pub invoices: usize,
}

/// Plans and carries out the service's life on the demonstration's subscriptions, the
/// last act before `end`; the clock ends at `end`.
pub async fn fill(
    nimbo: &Nimbo,
    clock: &FixedClock,
    subs: &[Subscription],
    end: DateTime<Utc>,
    seed: u64,
) -> Result<Made, nimbo_app::AppError> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Whole customers go to one kind of life: an invoice is the billing account's.
    let mut of_customer: BTreeMap<uuid::Uuid, Vec<usize>> = BTreeMap::new();
    for (i, sub) in subs.iter().enumerate() {
        of_customer.entry(sub.customer_id).or_default().push(i);
    }
    let mut customers: Vec<Vec<usize>> = of_customer.into_values().collect();
    rng.shuffle(&mut customers);

    let mut s = Script::default();
    let recorded_at = end - Duration::days(20);
    let mut placed = 0usize;
    let mut invoices = 0usize;
    let mut n = 0usize;
    // The last act of each process falls in the three days before `end`: the waits
    // with a deadline are some overdue, some not.
    let last = |rng: &mut fastrand::Rng| end - Duration::minutes(rng.i64(1..72 * 60));
    for own in customers {
        if placed >= IN_PROCESS {
            break;
        }
        let own: Vec<usize> = own.into_iter().take(IN_PROCESS - placed).collect();
        let account = subs[own[0]].billing_account.clone();
        if placed < RECONNECTED + IN_DEBT {
            invoices += 1;
            let number = format!("001-001-{invoices:07}");
            s.at(
                recorded_at,
                Act::Invoice {
                    account,
                    number: number.clone(),
                },
            );
            if placed < RECONNECTED {
                // Suspended one after the other, paid once all are cut, reconnected.
                let base = last(&mut rng) - Duration::hours(60);
                for (k, &sub) in own.iter().enumerate() {
                    let k = i64::try_from(k).unwrap_or(0);
                    suspension(&mut s, sub, base + Duration::minutes(5 * k), 3);
                }
                let paid = base + Duration::days(2) + Duration::hours(4);
                s.at(paid, Act::Pay { number });
                for (k, &sub) in own.iter().enumerate() {
                    let at = paid
                        + Duration::hours(1)
                        + Duration::minutes(5 * i64::try_from(k).unwrap_or(0));
                    reconnection(&mut s, sub, at, rng.usize(0..3));
                }
            } else {
                for &sub in &own {
                    if rng.usize(0..3) == 0 {
                        termination_with_debt(&mut s, sub, rng.usize(0..3), last(&mut rng));
                    } else {
                        let steps = rng.usize(0..3);
                        let at = last(&mut rng)
                            - match steps {
                                0 => Duration::zero(),
                                1 => Duration::hours(3),
                                _ => Duration::days(2) - Duration::hours(3),
                            };
                        suspension(&mut s, sub, at, steps);
                    }
                }
            }
        } else {
            for &sub in &own {
                n += 1;
                termination(&mut s, sub, rng.usize(1..8), last(&mut rng), n);
            }
        }
        placed += own.len();
    }

    s.acts.sort_by_key(|(at, seq, _)| (*at, *seq));
    let mut numbers: Vec<String> = vec![String::new(); s.processes];
    let made = Made {
        acts: s.acts.len(),
        subscriptions: placed,
        processes: s.processes,
        invoices,
    };
    let move_to = |at: DateTime<Utc>| {
        let by = at - nimbo.now();
        if by > Duration::zero() {
            clock.advance(by);
        }
    };
    for (at, _, act) in s.acts {
        move_to(at);
        let sub_id = |i: usize| subs[i].id.to_string();
        match act {
            Act::Invoice { account, number } => {
                let draft = InvoiceDraft {
                    number,
                    billing_account: account,
                    issued_on: "2026-09-15".into(),
                    due_on: "2026-10-05".into(),
                    amount: "1320.00".into(),
                };
                invoices::record(nimbo, SPECIALIST, &draft).await?;
            }
            Act::Pay { number } => {
                let paid_on = ymd(at);
                invoices::pay(
                    nimbo,
                    SPECIALIST,
                    &number,
                    &paid_on,
                    "1320.00",
                    "TRF 889122",
                )
                .await?;
            }
            Act::Request { sub, process } => {
                let letter = FileUpload::from_bytes(
                    "nota-de-baja.pdf",
                    format!(
                        "%PDF-1.4\n% Nota de baja, Subscriber ID {}, firmada\n%%EOF\n",
                        subs[sub].subscriber_id
                    )
                    .into_bytes(),
                )?;
                let date = today_in_asuncion(at) + Duration::days(45);
                let p = processes::request_termination(
                    nimbo,
                    KAM,
                    &sub_id(sub),
                    date,
                    &[],
                    &[],
                    &letter,
                )
                .await?;
                numbers[process] = p.number().to_string();
            }
            Act::Suspend { sub, process } => {
                let p = processes::decide_suspension(nimbo, CREDIT, &sub_id(sub)).await?;
                numbers[process] = p.number().to_string();
            }
            Act::Reconnect { sub, process } => {
                let submission = submission(&[
                    ("payment_reference", "TRF 889122".into()),
                    ("paid_on", ymd(at)),
                ]);
                let p =
                    processes::confirm_reconnection(nimbo, EXECUTIVE, &sub_id(sub), &submission)
                        .await?;
                numbers[process] = p.number().to_string();
            }
            Act::Step {
                process,
                who,
                values,
            } => {
                processes::complete_step(nimbo, who, &numbers[process], &submission(&values))
                    .await?;
            }
            Act::Authorise { process, who, role } => {
                processes::decide(
                    nimbo,
                    who,
                    &numbers[process],
                    role,
                    true,
                    "Cliente estratégico; la deuda sigue en gestión de cobro",
                )
                .await?;
            }
        }
    }
    move_to(end);
    Ok(made)
}

fn submission(values: &[(&'static str, String)]) -> ProcessSubmission {
    ProcessSubmission {
        step: None,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        files: BTreeMap::new(),
    }
}
