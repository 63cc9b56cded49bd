//! The property: whatever people do, in whatever order, every accepted change writes its
//! state, exactly one audit event and exactly one outbox operation, every refused one
//! writes nothing, and every stored order stays a state the workflow can reach.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use fastrand::Rng;
use nimbo_app::orders::{self, StepSubmission};
use nimbo_app::{AppError, Nimbo, audit, customers, users};
use nimbo_domain::customer::{
    CustomerDraft, CustomerPatch, MasterContractDraft, RepresentativeDraft,
};
use nimbo_domain::operation::OperationBody;
use nimbo_domain::order::{OrderStatus, Step};
use nimbo_domain::permission::Action;
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_testkit::customers::{ruc, wrong_ruc};
use nimbo_testkit::submissions::{Values, invalid_submission, valid_submission};
use proptest::prelude::*;

use crate::support::{ADMIN, Env, check_stored_orders, fingerprint, journal_counts};

/// Someone who acts: the right person for the action if there is one (a random active
/// holder of an allowed role), or anyone at all, including someone who is not a user.
#[derive(Debug, Clone, Copy)]
enum Who {
    Right(u8),
    Anyone(u8),
}

#[derive(Debug, Clone)]
enum Act {
    AddUser {
        by: Who,
        name: u8,
        roles: u16,
    },
    SetActive {
        by: Who,
        target: u8,
        active: bool,
    },
    SetRole {
        by: Who,
        target: u8,
        role: u8,
        grant: bool,
    },
    CreateCustomer {
        by: Who,
        base: u8,
        valid_ruc: bool,
        segment: u8,
        account: u8,
    },
    EditCustomer {
        by: Who,
        customer: u8,
        change: u8,
        seed: u64,
    },
    AddRepresentative {
        by: Who,
        customer: u8,
        valid: bool,
    },
    RecordContract {
        by: Who,
        customer: u8,
        valid: bool,
    },
    CreateOrder {
        by: Who,
        customer: u8,
        titled: bool,
    },
    CompleteCurrent {
        by: Who,
        order: u8,
        valid: bool,
        seed: u64,
    },
    CompleteWrongStep {
        by: Who,
        order: u8,
        offset: u8,
        seed: u64,
    },
    Reject {
        by: Who,
        order: u8,
        reason: bool,
    },
    Skip {
        by: Who,
        order: u8,
        reason: bool,
    },
    Cancel {
        by: Who,
        order: u8,
        reason: bool,
    },
}

/// How the database is set up before the random actions.
#[derive(Debug, Clone)]
struct Scenario {
    /// Each user's roles (a bit per role of `Role::ALL`) and whether they stay active.
    users: Vec<(u16, bool)>,
    /// Each customer's master contract, and its billing account: none, cycle 15, other.
    customers: Vec<(bool, u8)>,
    /// What happens then, each after the clock moves some minutes.
    acts: Vec<(u8, Act)>,
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        4 => any::<u8>().prop_map(Who::Right),
        1 => any::<u8>().prop_map(Who::Anyone),
    ]
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        1 => (who(), any::<u8>(), any::<u16>())
            .prop_map(|(by, name, roles)| Act::AddUser { by, name, roles }),
        1 => (who(), any::<u8>(), any::<bool>())
            .prop_map(|(by, target, active)| Act::SetActive { by, target, active }),
        2 => (who(), any::<u8>(), 0u8..11, any::<bool>())
            .prop_map(|(by, target, role, grant)| Act::SetRole { by, target, role, grant }),
        2 => (who(), 0u8..16, prop::bool::weighted(0.7), any::<u8>(), any::<u8>()).prop_map(
            |(by, base, valid_ruc, segment, account)| Act::CreateCustomer {
                by,
                base,
                valid_ruc,
                segment,
                account,
            }
        ),
        2 => (who(), any::<u8>(), any::<u8>(), any::<u64>())
            .prop_map(|(by, customer, change, seed)| Act::EditCustomer { by, customer, change, seed }),
        1 => (who(), any::<u8>(), prop::bool::weighted(0.7))
            .prop_map(|(by, customer, valid)| Act::AddRepresentative { by, customer, valid }),
        2 => (who(), any::<u8>(), prop::bool::weighted(0.8))
            .prop_map(|(by, customer, valid)| Act::RecordContract { by, customer, valid }),
        5 => (who(), any::<u8>(), prop::bool::weighted(0.9))
            .prop_map(|(by, customer, titled)| Act::CreateOrder { by, customer, titled }),
        24 => (who(), any::<u8>(), prop::bool::weighted(0.85), any::<u64>()).prop_map(
            |(by, order, valid, seed)| Act::CompleteCurrent { by, order, valid, seed }
        ),
        2 => (who(), any::<u8>(), 1u8..22, any::<u64>()).prop_map(
            |(by, order, offset, seed)| Act::CompleteWrongStep { by, order, offset, seed }
        ),
        2 => (who(), any::<u8>(), prop::bool::weighted(0.9))
            .prop_map(|(by, order, reason)| Act::Reject { by, order, reason }),
        2 => (who(), any::<u8>(), prop::bool::weighted(0.9))
            .prop_map(|(by, order, reason)| Act::Skip { by, order, reason }),
        1 => (who(), any::<u8>(), prop::bool::weighted(0.8))
            .prop_map(|(by, order, reason)| Act::Cancel { by, order, reason }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let user = (
        prop_oneof![
            1 => Just(0u16),
            4 => (
                prop::collection::vec(prop::bool::weighted(0.25), 10),
                prop::bool::weighted(0.15),
            )
                .prop_map(|(bits, admin)| {
                    bits.iter()
                        .chain([&admin])
                        .enumerate()
                        .filter(|(_, b)| **b)
                        .fold(0u16, |m, (i, _)| m | 1 << i)
                }),
        ],
        prop::bool::weighted(0.8),
    );
    (
        prop::collection::vec(user, 3..7),
        prop::collection::vec((any::<bool>(), 0u8..3), 2..5),
        prop::collection::vec((0u8..90, act()), 60),
    )
        .prop_map(|(users, customers, acts)| Scenario {
            users,
            customers,
            acts,
        })
}

/// A call to a use case, its arguments resolved.
#[derive(Debug)]
enum Call {
    AddUser(String, UserDraft),
    SetActive(String, String, bool),
    SetRole(String, String, Role, bool),
    CreateCustomer(String, CustomerDraft),
    EditCustomer(String, String, CustomerPatch),
    AddRepresentative(String, String, RepresentativeDraft),
    RecordContract(String, String, MasterContractDraft),
    CreateOrder(String, String, String),
    Complete(String, String, StepSubmission),
    Reject(String, String, String),
    Skip(String, String, String),
    Cancel(String, String, String),
}

/// The record an action touches, whose page is compared before and after.
#[derive(Debug, Clone)]
enum Target {
    User(String),
    Customer(String),
    Order(String),
}

/// What is about to be done and what must come of it.
#[derive(Debug)]
struct Plan {
    call: Call,
    target: Target,
    /// Whether it must be accepted (`Some(true)`) or refused (`Some(false)`).
    expect: Option<bool>,
    /// The audit action an acceptance writes.
    action: &'static str,
    /// Whether an acceptance may change nothing (and so write nothing).
    may_change_nothing: bool,
}

/// What the test knows of the database beyond what it reads back.
#[derive(Default)]
struct World {
    rucs: Vec<String>,
    orders: Vec<String>,
    next_user: usize,
}

const GHOST: &str = "fantasma";

fn holds(user: Option<&User>, roles: &[Role]) -> bool {
    user.is_some_and(|u| u.active && u.has_any(roles))
}

fn active_admins(users: &[User]) -> usize {
    users
        .iter()
        .filter(|u| u.active && u.roles.contains(&Role::Admin))
        .count()
}

fn pick(users: &[User], who: Who, roles: &[Role]) -> String {
    let right: Vec<&User> = users
        .iter()
        .filter(|u| u.active && u.has_any(roles))
        .collect();
    match who {
        Who::Right(i) if !right.is_empty() => right[usize::from(i) % right.len()].username.clone(),
        Who::Right(i) | Who::Anyone(i) => {
            let i = usize::from(i) % (users.len() + 1);
            users
                .get(i)
                .map_or_else(|| GHOST.to_string(), |u| u.username.clone())
        }
    }
}

/// Whether the customer lets the order's current step be completed.
fn unblocked(page: &orders::OrderPage) -> bool {
    match page.order.current {
        Some(Step::CustomerSignature | Step::DocumentValidation) => {
            page.customer.master_contract.is_some()
        }
        Some(Step::SiebelActivation) => page
            .customer
            .billing_account
            .as_ref()
            .is_some_and(|a| a.cycle == 15),
        Some(_) => true,
        None => false,
    }
}

const NAMES: &[&str] = &[
    "Banco Continental S.A.E.C.A.",
    "Ministerio de Tecnologías de la Información",
    "Cervecería Paraguaya S.A.",
    "Petropar",
    "Universidad Nacional de Asunción",
];

fn base_of(i: u8) -> u32 {
    80_010_000 + u32::from(i) * 37
}

impl World {
    fn customer(&self, i: u8) -> String {
        let i = usize::from(i) % (self.rucs.len() + 1);
        self.rucs.get(i).cloned().unwrap_or_else(|| ruc(79_999_999))
    }

    /// Chooses an order: most of the time the open order furthest along that is not
    /// waiting for its customer, else any order or one that does not exist.
    async fn order(&self, nimbo: &Nimbo, i: u8) -> (String, Option<orders::OrderPage>) {
        if i < 170 {
            let mut best: Option<orders::OrderPage> = None;
            for number in &self.orders {
                let page = orders::show(nimbo, number).await.expect("a stored order");
                if page.order.status == OrderStatus::Open && unblocked(&page) {
                    let further = best
                        .as_ref()
                        .is_none_or(|b| page.order.current > b.order.current);
                    if further {
                        best = Some(page);
                    }
                }
            }
            if let Some(page) = best {
                return (page.order.number.clone(), Some(page));
            }
        }
        // Now and then an order that does not exist.
        let i = if i.is_multiple_of(16) {
            self.orders.len()
        } else {
            usize::from(i) % self.orders.len().max(1)
        };
        match self.orders.get(i) {
            Some(number) => (
                number.clone(),
                Some(orders::show(nimbo, number).await.expect("a stored order")),
            ),
            None => ("ZZZZ-999999".to_string(), None),
        }
    }
}

fn reason(given: bool) -> String {
    if given {
        "El cliente pidió revisar".into()
    } else {
        "   ".into()
    }
}

async fn plan(env: &Env, world: &World, act: &Act) -> Plan {
    let nimbo = &env.nimbo;
    let all = users::list(nimbo).await.expect("the users");
    let find = |name: &str| all.iter().find(|u| u.username == name);
    let target_user = |i: u8| all[usize::from(i) % all.len()].username.clone();
    let today = env.today();
    match act {
        Act::AddUser { by, name, roles } => {
            let by = pick(&all, *by, &[Role::Admin]);
            let (username, valid) = match name % 8 {
                7 => ("Con Espacio".to_string(), false),
                6 => (format!("u{}", name % 4 + 1), true),
                n => (format!("v{n}"), true),
            };
            let exists = find(&username).is_some();
            let roles: Vec<Role> = Role::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| roles & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect();
            Plan {
                expect: Some(holds(find(&by), &[Role::Admin]) && valid && !exists),
                call: Call::AddUser(
                    by,
                    UserDraft {
                        username: username.clone(),
                        full_name: "Usuaria Nueva".into(),
                        email: Some("nueva@example.com.py".into()),
                        roles,
                    },
                ),
                target: Target::User(username),
                action: "user.created",
                may_change_nothing: false,
            }
        }
        Act::SetActive { by, target, active } => {
            let by = pick(&all, *by, &[Role::Admin]);
            let target = target_user(*target);
            let t = find(&target).expect("a user");
            let expect = holds(find(&by), &[Role::Admin])
                && !(t.active
                    && !*active
                    && t.roles.contains(&Role::Admin)
                    && active_admins(&all) <= 1);
            Plan {
                call: Call::SetActive(by, target.clone(), *active),
                target: Target::User(target),
                expect: Some(expect),
                action: if *active {
                    "user.activated"
                } else {
                    "user.deactivated"
                },
                may_change_nothing: true,
            }
        }
        Act::SetRole {
            by,
            target,
            role,
            grant,
        } => {
            let by = pick(&all, *by, &[Role::Admin]);
            let target = target_user(*target);
            let t = find(&target).expect("a user");
            let role = Role::ALL[usize::from(*role) % Role::ALL.len()];
            let expect = holds(find(&by), &[Role::Admin])
                && !(role == Role::Admin
                    && !*grant
                    && t.active
                    && t.roles.contains(&Role::Admin)
                    && active_admins(&all) <= 1);
            Plan {
                call: Call::SetRole(by, target.clone(), role, *grant),
                target: Target::User(target),
                expect: Some(expect),
                action: if *grant {
                    "user.role_granted"
                } else {
                    "user.role_revoked"
                },
                may_change_nothing: true,
            }
        }
        Act::CreateCustomer {
            by,
            base,
            valid_ruc,
            segment,
            account,
        } => {
            let roles = Action::CreateCustomer.allowed_roles();
            let by = pick(&all, *by, roles);
            let ruc_text = if *valid_ruc {
                ruc(base_of(*base))
            } else {
                wrong_ruc(base_of(*base))
            };
            let (segment, segment_ok) = match segment % 6 {
                0 => ("corporate", true),
                1 => ("large", true),
                2 => ("government", true),
                3 => ("Gobierno", true),
                4 => ("Grandes cuentas", true),
                _ => ("pyme", false),
            };
            let (billing_account, billing_cycle, account_ok) = match account % 5 {
                0 => (None, None, true),
                1 => (Some("100234567"), Some("15"), true),
                2 => (Some("100234568"), Some("10"), true),
                3 => (Some("12"), Some("15"), false),
                _ => (Some("100234569"), None, false),
            };
            let exists = world.rucs.contains(&ruc_text);
            let draft = CustomerDraft {
                name: NAMES[usize::from(*base) % NAMES.len()].into(),
                ruc: ruc_text.clone(),
                segment: segment.into(),
                address: None,
                billing_account: billing_account.map(Into::into),
                billing_cycle: billing_cycle.map(Into::into),
            };
            Plan {
                expect: Some(
                    holds(find(&by), roles) && *valid_ruc && segment_ok && account_ok && !exists,
                ),
                call: Call::CreateCustomer(by, draft),
                target: Target::Customer(ruc_text),
                action: "customer.created",
                may_change_nothing: false,
            }
        }
        Act::EditCustomer {
            by,
            customer,
            change,
            seed,
        } => {
            let roles = Action::EditCustomer.allowed_roles();
            let by = pick(&all, *by, roles);
            let ruc_text = world.customer(*customer);
            let current = customers::show(nimbo, &ruc_text).await.ok();
            let mut rng = Rng::with_seed(*seed);
            let has_account = current
                .as_ref()
                .is_some_and(|c| c.customer.billing_account.is_some());
            let mut patch = CustomerPatch::default();
            let valid = match change % 8 {
                0 => {
                    patch.name = Some(format!(
                        "  {}  ",
                        current
                            .as_ref()
                            .map_or("Nadie", |c| c.customer.name.as_str())
                    ));
                    true
                }
                1 => {
                    patch.name = Some(NAMES[rng.usize(0..NAMES.len())].into());
                    true
                }
                2 => {
                    patch.segment =
                        Some(["corporate", "large", "government"][rng.usize(0..3)].into());
                    true
                }
                3 => {
                    patch.billing_account = Some(format!("1002{}", rng.u32(10_000..99_999)));
                    patch.billing_cycle = Some("15".into());
                    true
                }
                4 => {
                    patch.billing_account = Some("100234570".into());
                    patch.billing_cycle = Some(rng.u8(1..=28).to_string());
                    true
                }
                5 => {
                    patch.billing_cycle = Some("15".into());
                    has_account
                }
                6 => {
                    patch.billing_account = Some("100234571".into());
                    patch.billing_cycle = Some("31".into());
                    false
                }
                _ => {
                    patch.name = Some("   ".into());
                    false
                }
            };
            Plan {
                expect: Some(holds(find(&by), roles) && current.is_some() && valid),
                call: Call::EditCustomer(by, ruc_text.clone(), patch),
                target: Target::Customer(ruc_text),
                action: "customer.edited",
                may_change_nothing: true,
            }
        }
        Act::AddRepresentative {
            by,
            customer,
            valid,
        } => {
            let roles = Action::EditCustomer.allowed_roles();
            let by = pick(&all, *by, roles);
            let ruc_text = world.customer(*customer);
            let exists = world.rucs.contains(&ruc_text);
            let draft = RepresentativeDraft {
                name: "María Benítez".into(),
                document: "1.234.567".into(),
                email: if *valid {
                    "maria@cliente.com.py".into()
                } else {
                    "maria en cliente".into()
                },
                phone: "+595 981 123456".into(),
            };
            Plan {
                expect: Some(holds(find(&by), roles) && exists && *valid),
                call: Call::AddRepresentative(by, ruc_text.clone(), draft),
                target: Target::Customer(ruc_text),
                action: "customer.representative_added",
                may_change_nothing: false,
            }
        }
        Act::RecordContract {
            by,
            customer,
            valid,
        } => {
            let roles = Action::EditCustomer.allowed_roles();
            let by = pick(&all, *by, roles);
            let ruc_text = world.customer(*customer);
            let exists = world.rucs.contains(&ruc_text);
            let day = if *valid {
                today - chrono::Duration::days(30)
            } else {
                today + chrono::Duration::days(1)
            };
            let draft = MasterContractDraft {
                signed_on: day.format("%Y-%m-%d").to_string(),
                reference: "CMS-2026-0042".into(),
            };
            Plan {
                expect: Some(holds(find(&by), roles) && exists && *valid),
                call: Call::RecordContract(by, ruc_text.clone(), draft),
                target: Target::Customer(ruc_text),
                action: "customer.master_contract_recorded",
                may_change_nothing: false,
            }
        }
        Act::CreateOrder {
            by,
            customer,
            titled,
        } => {
            let roles = Action::CreateOrder.allowed_roles();
            let by = pick(&all, *by, roles);
            let ruc_text = world.customer(*customer);
            let exists = world.rucs.contains(&ruc_text);
            let title = if *titled { "AWS para el ERP" } else { "" };
            Plan {
                expect: Some(holds(find(&by), roles) && exists && *titled),
                call: Call::CreateOrder(by, ruc_text.clone(), title.into()),
                target: Target::Customer(ruc_text),
                action: "order.opened",
                may_change_nothing: false,
            }
        }
        Act::CompleteCurrent {
            by,
            order,
            valid,
            seed,
        } => {
            let (number, page) = world.order(nimbo, *order).await;
            let current = page.as_ref().and_then(|p| p.order.current);
            let roles = current.map_or(&[][..], |s| s.roles());
            let by = pick(&all, *by, roles);
            let mut rng = Rng::with_seed(*seed);
            let mut values = Values {
                rng: &mut rng,
                today,
            };
            let step = current.unwrap_or(Step::CloseBackValidation);
            let risks = page.as_ref().is_some_and(|p| p.order.has_risks());
            let submission = if *valid {
                valid_submission(risks, step, &mut values)
            } else {
                invalid_submission(risks, step, &mut values)
            };
            let expect = *valid
                && current.is_some()
                && holds(find(&by), roles)
                && page.as_ref().is_some_and(unblocked);
            Plan {
                call: Call::Complete(by, number.clone(), submission),
                target: Target::Order(number),
                expect: Some(expect),
                action: "order.step_completed",
                may_change_nothing: false,
            }
        }
        Act::CompleteWrongStep {
            by,
            order,
            offset,
            seed,
        } => {
            let (number, page) = world.order(nimbo, *order).await;
            let current = page.as_ref().and_then(|p| p.order.current);
            let step = Step::from_number((current.map_or(22, Step::number) - 1 + offset) % 22 + 1)
                .expect("a step");
            let by = pick(&all, *by, step.roles());
            let mut rng = Rng::with_seed(*seed);
            let mut values = Values {
                rng: &mut rng,
                today,
            };
            let risks = page.as_ref().is_some_and(|p| p.order.has_risks());
            let mut submission = valid_submission(risks, step, &mut values);
            submission.step = Some(step);
            Plan {
                call: Call::Complete(by, number.clone(), submission),
                target: Target::Order(number),
                expect: Some(false),
                action: "order.step_completed",
                may_change_nothing: false,
            }
        }
        Act::Reject {
            by,
            order,
            reason: r,
        } => {
            let (number, page) = world.order(nimbo, *order).await;
            let current = page.as_ref().and_then(|p| p.order.current);
            let roles = current.map_or(&[][..], |s| s.roles());
            let by = pick(&all, *by, roles);
            let expect =
                *r && current.is_some_and(|s| s.rejects_to().is_some()) && holds(find(&by), roles);
            Plan {
                call: Call::Reject(by, number.clone(), reason(*r)),
                target: Target::Order(number),
                expect: Some(expect),
                action: "order.rejected",
                may_change_nothing: false,
            }
        }
        Act::Skip {
            by,
            order,
            reason: r,
        } => {
            let (number, page) = world.order(nimbo, *order).await;
            let current = page.as_ref().and_then(|p| p.order.current);
            let roles = current.map_or(&[][..], |s| s.roles());
            let by = pick(&all, *by, roles);
            let expect = *r && current.is_some_and(Step::is_optional) && holds(find(&by), roles);
            Plan {
                call: Call::Skip(by, number.clone(), reason(*r)),
                target: Target::Order(number),
                expect: Some(expect),
                action: "order.step_skipped",
                may_change_nothing: false,
            }
        }
        Act::Cancel {
            by,
            order,
            reason: r,
        } => {
            let (number, page) = world.order(nimbo, *order).await;
            let roles = Action::CancelOrder.allowed_roles();
            let by = pick(&all, *by, roles);
            let expect =
                *r && page.as_ref().is_some_and(|p| {
                    p.order.status == OrderStatus::Open && !p.order.is_activated()
                }) && holds(find(&by), roles);
            Plan {
                call: Call::Cancel(by, number.clone(), reason(*r)),
                target: Target::Order(number),
                expect: Some(expect),
                action: "order.cancelled",
                may_change_nothing: false,
            }
        }
    }
}

/// What a call created, for the world to remember.
enum Made {
    Nothing,
    Customer(String),
    Order(String),
}

async fn run(nimbo: &Nimbo, call: Call) -> Result<Made, AppError> {
    Ok(match call {
        Call::AddUser(by, draft) => {
            users::add(nimbo, &by, &draft).await?;
            Made::Nothing
        }
        Call::SetActive(by, target, active) => {
            users::set_active(nimbo, &by, &target, active).await?;
            Made::Nothing
        }
        Call::SetRole(by, target, role, grant) => {
            users::set_role(nimbo, &by, &target, role, grant).await?;
            Made::Nothing
        }
        Call::CreateCustomer(by, draft) => {
            Made::Customer(customers::create(nimbo, &by, &draft).await?.ruc.to_string())
        }
        Call::EditCustomer(by, ruc, patch) => {
            customers::edit(nimbo, &by, &ruc, &patch).await?;
            Made::Nothing
        }
        Call::AddRepresentative(by, ruc, draft) => {
            customers::add_representative(nimbo, &by, &ruc, &draft).await?;
            Made::Nothing
        }
        Call::RecordContract(by, ruc, draft) => {
            customers::record_master_contract(nimbo, &by, &ruc, &draft).await?;
            Made::Nothing
        }
        Call::CreateOrder(by, ruc, title) => {
            Made::Order(orders::create(nimbo, &by, &ruc, &title).await?.number)
        }
        Call::Complete(by, number, submission) => {
            orders::complete_step(nimbo, &by, &number, submission).await?;
            Made::Nothing
        }
        Call::Reject(by, number, reason) => {
            orders::reject(nimbo, &by, &number, &reason).await?;
            Made::Nothing
        }
        Call::Skip(by, number, reason) => {
            orders::skip(nimbo, &by, &number, &reason).await?;
            Made::Nothing
        }
        Call::Cancel(by, number, reason) => {
            orders::cancel(nimbo, &by, &number, &reason).await?;
            Made::Nothing
        }
    })
}

/// A record's page as JSON, or the code of the error showing it.
async fn page(nimbo: &Nimbo, target: &Target) -> serde_json::Value {
    let shown = match target {
        Target::User(name) => users::show(nimbo, name)
            .await
            .map(|u| serde_json::to_value(u).expect("json")),
        Target::Customer(ruc) => customers::show(nimbo, ruc)
            .await
            .map(|c| serde_json::to_value(c).expect("json")),
        Target::Order(number) => orders::show(nimbo, number)
            .await
            .map(|o| serde_json::to_value(o).expect("json")),
    };
    shown.unwrap_or_else(|e| serde_json::json!({ "error": e.code() }))
}

/// Whether the call completes step 19, which also issues the Welcome KIT with the
/// delivery it records (a second journal entry in the same transaction).
async fn issues_welcome_kit(nimbo: &Nimbo, call: &Call) -> bool {
    let Call::Complete(_, number, _) = call else {
        return false;
    };
    orders::show(nimbo, number)
        .await
        .is_ok_and(|shown| shown.order.current == Some(Step::WelcomeKit))
}

async fn last_audit_action(nimbo: &Nimbo) -> String {
    let mut conn = nimbo.store().read().await.expect("a connection");
    sqlx::query_scalar("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1")
        .fetch_one(&mut *conn)
        .await
        .expect("an event")
}

/// What the run saw, over every case: accepted actions by audit action, refusals by code.
static ACCEPTED: std::sync::Mutex<BTreeMap<String, usize>> = std::sync::Mutex::new(BTreeMap::new());
static REFUSED: std::sync::Mutex<BTreeMap<String, usize>> = std::sync::Mutex::new(BTreeMap::new());
static COMPLETED_ORDERS: AtomicUsize = AtomicUsize::new(0);
static FURTHEST_STEP: AtomicUsize = AtomicUsize::new(0);

fn tally(map: &std::sync::Mutex<BTreeMap<String, usize>>, key: String) {
    if let Ok(mut m) = map.lock() {
        *m.entry(key).or_default() += 1;
    }
}

/// Does one thing and checks what it wrote.
async fn checked(env: &Env, world: &mut World, n: usize, plan: Plan) {
    let nimbo = &env.nimbo;
    let (audit_before, outbox_before) = journal_counts(nimbo).await;
    let state_before = fingerprint(nimbo).await;
    let page_before = page(nimbo, &plan.target).await;
    let what = format!("action {n}: {:?} expecting {:?}", plan.call, plan.expect);
    let kit_too = issues_welcome_kit(nimbo, &plan.call).await;
    let result = run(nimbo, plan.call).await;
    let (audit_after, outbox_after) = journal_counts(nimbo).await;
    let state_after = fingerprint(nimbo).await;
    let page_after = page(nimbo, &plan.target).await;
    match result {
        Ok(made) => {
            assert_ne!(
                plan.expect,
                Some(false),
                "{what}: accepted but should have been refused"
            );
            let grew = (audit_after - audit_before, outbox_after - outbox_before);
            if plan.may_change_nothing && page_before == page_after {
                assert_eq!(grew, (0, 0), "{what}: changed nothing but wrote {grew:?}");
                assert_eq!(
                    state_before, state_after,
                    "{what}: changed nothing but wrote"
                );
                tally(&ACCEPTED, format!("{} (nothing to change)", plan.action));
            } else {
                let entries = if kit_too { 2 } else { 1 };
                assert_eq!(
                    grew,
                    (entries, entries),
                    "{what}: accepted, so one audit event and one outbox operation \
                     (and the Welcome KIT's issue when step 19 made it)"
                );
                assert_ne!(
                    state_before, state_after,
                    "{what}: accepted but wrote no state"
                );
                let last = if kit_too {
                    "document.issued"
                } else {
                    plan.action
                };
                assert_eq!(last_audit_action(nimbo).await, last, "{what}");
                tally(&ACCEPTED, plan.action.to_string());
            }
            match made {
                Made::Customer(ruc) => world.rucs.push(ruc),
                Made::Order(number) => world.orders.push(number),
                Made::Nothing => {}
            }
        }
        Err(e) => {
            assert!(
                !matches!(e, AppError::Store(_) | AppError::Busy),
                "{what}: the database failed: {e:?}"
            );
            assert_ne!(
                plan.expect,
                Some(true),
                "{what}: refused but should have been accepted: {} ({e:?})",
                e.code()
            );
            assert_eq!(
                (audit_after, outbox_after),
                (audit_before, outbox_before),
                "{what}: refused ({}) but wrote to the journal",
                e.code()
            );
            assert_eq!(
                page_before, page_after,
                "{what}: refused but the record changed"
            );
            assert_eq!(
                state_before, state_after,
                "{what}: refused but state changed"
            );
            tally(&REFUSED, e.code().to_string());
        }
    }
    if let Err(broken) = check_stored_orders(nimbo).await {
        panic!("{what}: {broken}");
    }
}

async fn final_checks(nimbo: &Nimbo) {
    let verification = audit::verify(nimbo).await.expect("the trail is read");
    assert!(
        verification.broken.is_none(),
        "broken link: {:?}",
        verification.broken
    );
    let (audit_count, outbox_count) = journal_counts(nimbo).await;
    assert_eq!(
        verification.checked,
        u64::try_from(audit_count).expect("a count")
    );
    assert_eq!(
        audit_count, outbox_count,
        "one outbox operation per audit event"
    );
    let mut conn = nimbo.store().read().await.expect("a connection");
    let outbox: Vec<(String, String, String)> =
        sqlx::query_as("SELECT hlc, entity_id, body FROM outbox ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await
            .expect("the outbox");
    let audited: Vec<String> =
        sqlx::query_scalar("SELECT entity_id FROM audit_events ORDER BY seq")
            .fetch_all(&mut *conn)
            .await
            .expect("the trail");
    let mut last: Option<nimbo_domain::hlc::Hlc> = None;
    for ((hlc, entity_id, body), audited_id) in outbox.iter().zip(&audited) {
        let json: serde_json::Value =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("body not JSON: {e}: {body}"));
        serde_json::from_value::<OperationBody>(json)
            .unwrap_or_else(|e| panic!("body not an operation: {e}: {body}"));
        assert_eq!(entity_id, audited_id, "outbox and trail in the same order");
        let hlc: nimbo_domain::hlc::Hlc = hlc.parse().expect("an HLC");
        if let Some(prev) = &last {
            assert!(&hlc > prev, "HLC went from {prev} to {hlc}");
        }
        last = Some(hlc);
    }
    let completed: i64 =
        sqlx::query_scalar("SELECT count(*) FROM orders WHERE status = 'completed'")
            .fetch_one(&mut *conn)
            .await
            .expect("a count");
    COMPLETED_ORDERS.fetch_add(usize::try_from(completed).unwrap_or(0), Ordering::Relaxed);
    let furthest: Option<i64> = sqlx::query_scalar("SELECT max(current_step) FROM orders")
        .fetch_one(&mut *conn)
        .await
        .expect("a max");
    FURTHEST_STEP.fetch_max(
        usize::try_from(furthest.unwrap_or(0)).unwrap_or(0),
        Ordering::Relaxed,
    );
}

/// Runs a scenario on a fresh laptop and checks the journal; the laptop is handed back
/// for further checks.
async fn run_scenario(s: Scenario) -> crate::support::Env {
    let env = Env::new().await;
    let mut world = World::default();
    let mut n = 0;
    // Users: random roles, some none, some deactivated; user 0 covers every role no
    // active user holds, so that every step has someone to do it.
    let mut masks: Vec<u16> = s.users.iter().map(|u| u.0).collect();
    for bit in 0..6 {
        if !s
            .users
            .iter()
            .zip(&masks)
            .any(|(u, m)| u.1 && m & (1 << bit) != 0)
        {
            masks[0] |= 1 << bit;
        }
    }
    let mut usernames = Vec::new();
    for mask in &masks {
        world.next_user += 1;
        let username = format!("u{}", world.next_user);
        let roles: Vec<Role> = Role::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, r)| *r)
            .collect();
        let draft = UserDraft {
            username: username.clone(),
            full_name: format!("Usuario {}", world.next_user),
            email: None,
            roles,
        };
        n += 1;
        let plan = Plan {
            call: Call::AddUser(ADMIN.into(), draft),
            target: Target::User(username.clone()),
            expect: Some(true),
            action: "user.created",
            may_change_nothing: false,
        };
        checked(&env, &mut world, n, plan).await;
        usernames.push(username);
    }
    for (i, (_, active)) in s.users.iter().enumerate().skip(1) {
        if !active {
            n += 1;
            let plan = Plan {
                call: Call::SetActive(ADMIN.into(), usernames[i].clone(), false),
                target: Target::User(usernames[i].clone()),
                expect: Some(true),
                action: "user.deactivated",
                may_change_nothing: false,
            };
            checked(&env, &mut world, n, plan).await;
        }
    }
    // Customers: with and without master contract, without account, on cycle 15 or not.
    for (i, (contract, account)) in s.customers.iter().enumerate() {
        let ruc_text = ruc(81_000_000 + u32::try_from(i).unwrap_or(0) * 101);
        let (number, cycle) = match account {
            0 => (None, None),
            1 => (Some("200300400".to_string()), Some("15".to_string())),
            _ => (Some("200300401".to_string()), Some("5".to_string())),
        };
        n += 1;
        let plan = Plan {
            call: Call::CreateCustomer(
                ADMIN.into(),
                CustomerDraft {
                    name: NAMES[i % NAMES.len()].into(),
                    ruc: ruc_text.clone(),
                    segment: "corporate".into(),
                    address: None,
                    billing_account: number,
                    billing_cycle: cycle,
                },
            ),
            target: Target::Customer(ruc_text.clone()),
            expect: Some(true),
            action: "customer.created",
            may_change_nothing: false,
        };
        checked(&env, &mut world, n, plan).await;
        if *contract {
            n += 1;
            let plan = Plan {
                call: Call::RecordContract(
                    ADMIN.into(),
                    ruc_text.clone(),
                    MasterContractDraft {
                        signed_on: "2025-03-01".into(),
                        reference: "CMS-2025-0001".into(),
                    },
                ),
                target: Target::Customer(ruc_text),
                expect: Some(true),
                action: "customer.master_contract_recorded",
                may_change_nothing: false,
            };
            checked(&env, &mut world, n, plan).await;
        }
    }
    // One order for each customer, opened by someone who may (every step's role has an
    // active holder), so that the random actions find orders from the start.
    let all = users::list(&env.nimbo).await.expect("the users");
    let opener = pick(&all, Who::Right(0), Action::CreateOrder.allowed_roles());
    let opener = users::show(&env.nimbo, &opener).await.expect("the opener");
    for ruc_text in world.rucs.clone() {
        n += 1;
        let plan = Plan {
            call: Call::CreateOrder(opener.username.clone(), ruc_text.clone(), "AWS".into()),
            target: Target::Customer(ruc_text),
            expect: Some(holds(Some(&opener), Action::CreateOrder.allowed_roles())),
            action: "order.opened",
            may_change_nothing: false,
        };
        checked(&env, &mut world, n, plan).await;
    }
    for (minutes, act) in &s.acts {
        env.advance(i64::from(*minutes));
        n += 1;
        let plan = plan(&env, &world, act).await;
        checked(&env, &mut world, n, plan).await;
    }
    final_checks(&env.nimbo).await;
    env
}

/// The property, over random scenarios; prints what it exercised (see it with
/// `--nocapture`).
#[test]
fn every_change_is_journalled_once_and_every_refusal_writes_nothing() {
    let result = run_cases(24, 200, |_env| async {});
    eprintln!(
        "accepted: {:#?}\nrefused: {:#?}\ncompleted orders: {}\nfurthest step: {}",
        ACCEPTED.lock().map(|m| m.clone()).unwrap_or_default(),
        REFUSED.lock().map(|m| m.clone()).unwrap_or_default(),
        COMPLETED_ORDERS.load(Ordering::Relaxed),
        FURTHEST_STEP.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The one path: the same random scenarios, run through the laptop's use cases on one
/// store and their queued operations through `apply` on another, give the same records,
/// field stamps, subscriptions and history (see `one_path`).
#[test]
fn the_laptops_use_cases_and_apply_elsewhere_agree() {
    let result = run_cases(12, 100, |env| async move {
        crate::one_path::apply_elsewhere_agrees(&env.nimbo).await;
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Runs `cases` random scenarios, each on a fresh laptop checked by `final_checks`, then
/// by `more`.
fn run_cases<F, Fut>(
    cases: u32,
    shrinks: u32,
    more: F,
) -> Result<(), proptest::test_runner::TestError<Scenario>>
where
    F: Fn(std::rc::Rc<crate::support::Env>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let config = ProptestConfig {
        cases,
        max_shrink_iters: shrinks,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner.run(&scenario(), |s| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async {
            let env = std::rc::Rc::new(run_scenario(s).await);
            more(env.clone()).await;
            env.nimbo.close().await;
        });
        Ok(())
    })
}
