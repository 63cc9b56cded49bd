//! Demonstration data: an organisation, a user for every role, customers of the three
//! segments with valid RUCs, and orders standing at every step, each taken there through
//! the domain's own rules by the right people, so that the data is as valid as real work.
//!
//! A demonstration database is flagged as such and never syncs, so its generated history
//! is written to the audit trail but not to the outbox. It is loaded in one transaction
//! with batched inserts, so that 100,000 orders take seconds.

mod billing;
mod lifecycle;
mod names;
mod sample_pdf;

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Poll, Waker};

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;
use nimbo_domain::audit::AuditEvent;
use nimbo_domain::customer::{BillingAccount, Customer, LegalRepresentative, MasterContract};
use nimbo_domain::order::{AttachmentRef, Order, OrderStatus, Step, StepContext, StepInput};
use nimbo_domain::organisation::{DEFAULT_GRACE_DAYS, Organisation};
use nimbo_domain::role::Role;
use nimbo_domain::ruc::Ruc;
use nimbo_domain::segment::Segment;
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::{order_number, today_in_asuncion};
use nimbo_domain::user::{User, UserDraft};
use nimbo_store::device::{self, DeviceState};
use nimbo_store::{Connection, attachments, bulk, catalogue, organisation as org_store};
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::actions::organisation::{Setup, init_in};
use crate::attachments::FileUpload;
use crate::{AppError, Nimbo};

/// The users of a demonstration: username, full name, roles.
pub const DEMO_USERS: &[(&str, &str, &[Role])] = &[
    ("pedro.gimenez", "Pedro Giménez", &[Role::Presales]),
    ("laura.acosta", "Laura Acosta", &[Role::Regional]),
    ("carlos.benitez", "Carlos Benítez", &[Role::Offers]),
    ("ana.duarte", "Ana Duarte", &[Role::Kam]),
    ("jorge.villalba", "Jorge Villalba", &[Role::Kam]),
    (
        "maria.gonzalez",
        "María González",
        &[Role::CorporateSupport],
    ),
    ("diego.rojas", "Diego Rojas", &[Role::OrderManager]),
    ("sofia.ramirez", "Sofía Ramírez", &[Role::ServiceExecutive]),
    ("ricardo.ortiz", "Ricardo Ortiz", &[Role::CreditManager]),
    (
        "patricia.caceres",
        "Patricia Cáceres",
        &[Role::SalesManager],
    ),
    ("hugo.martinez", "Hugo Martínez", &[Role::BillingSpecialist]),
];

/// What a demonstration loaded.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// The organisation's name.
    pub organisation: String,
    /// The users: username and roles.
    pub users: Vec<(String, Vec<Role>)>,
    /// How many customers.
    pub customers: usize,
    /// How many orders.
    pub orders: usize,
    /// How many orders stand at each step (1–22), then completed and cancelled.
    pub open_by_step: BTreeMap<u8, usize>,
    /// Completed orders.
    pub completed: usize,
    /// Cancelled orders.
    pub cancelled: usize,
    /// Audit events written.
    pub audit_events: usize,
}

/// Where an order of the demonstration is taken to.
#[derive(Debug, Clone, Copy)]
enum Target {
    StandAt(Step),
    Completed,
    Cancelled,
}

/// The sample documents, one per kind of file a step records.
struct Docs {
    files: BTreeMap<&'static str, AttachmentRef>,
}

impl Docs {
    const KINDS: [(&'static str, &'static str); 8] = [
        ("hld_document", "Diseno HLD"),
        ("signed_offer", "Oferta firmada"),
        ("signed_risk_act", "Acta de aceptacion de riesgos firmada"),
        ("sow", "SOW"),
        ("completed_sow", "SOW completado"),
        ("delivery_kit", "Delivery KIT"),
        ("signed_acceptance_act", "Acta de aceptacion firmada"),
        ("other", "Documento"),
    ];

    fn pick(&self, key: &str) -> AttachmentRef {
        self.files
            .get(key)
            .or_else(|| self.files.get("other"))
            .cloned()
            .unwrap_or_else(|| AttachmentRef {
                sha256: String::new(),
                name: String::new(),
                size: 0,
                media_type: String::new(),
            })
    }
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

fn alnum(rng: &mut Rng, n: usize, upper_only: bool) -> String {
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789abcdefghijkmnopqrstuvwxyz";
    let len = if upper_only { 34 } else { A.len() };
    (0..n).map(|_| char::from(A[rng.usize(..len)])).collect()
}

fn input_for(
    step: Step,
    order: &Order,
    customer: &Customer,
    at: DateTime<Utc>,
    rng: &mut Rng,
    docs: &Docs,
    flags: (bool, bool, bool),
) -> StepInput {
    let (complex, exception, risks) = flags;
    let day = today_in_asuncion(at).to_string();
    let v = |pairs: &[(&str, String)]| StepInput {
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        files: BTreeMap::new(),
    };
    match step {
        Step::NeedsSurvey => v(&[
            ("needs", names::needs(rng).into()),
            ("complex", if complex { "si" } else { "no" }.into()),
        ]),
        Step::ApnOpportunity => v(&[("apn_opportunity_id", format!("O{}", digits(rng, 7)))]),
        Step::HldChecklist => v(&[(
            "estimate_link",
            format!(
                "https://calculator.aws/#/estimate?id={}",
                alnum(rng, 40, false).to_lowercase()
            ),
        )]),
        Step::ArchitectRequest => v(&[(
            "salesforce_request_id",
            format!("a0B{}", alnum(rng, 15, false)),
        )]),
        Step::FeasibilityRequest => v(&[("servicenow_ticket", format!("RITM{}", digits(rng, 7)))]),
        Step::HldDesign => StepInput::default().file("hld_document", docs.pick("hld_document")),
        Step::Offer => {
            let mut plans = vec!["aws".to_string()];
            if rng.u8(0..10) < 6 {
                plans.push("aws-vip".into());
            }
            if rng.u8(0..10) < 3 {
                plans.push("ps-business".into());
            }
            let mut pairs = vec![
                ("offer_id", format!("0Q0{}", alnum(rng, 15, false))),
                ("plans", plans.join(",")),
                (
                    "price_exception",
                    if exception { "si" } else { "no" }.to_string(),
                ),
            ];
            if exception {
                pairs.push((
                    "exception_detail",
                    "Descuento del 10% sobre servicios administrados por volumen comprometido."
                        .into(),
                ));
            }
            if risks {
                pairs.push((
                    "risks",
                    if rng.bool() {
                        "no-backup,data-abroad"
                    } else {
                        "single-az"
                    }
                    .into(),
                ));
            }
            v(&pairs)
        }
        // An approved exception binds the customer for two years, with a clause of three
        // monthly fees: the penalty table a termination of it shows.
        Step::OfferApproval if exception => v(&[
            (
                "approval_note",
                "Excepción aprobada con plazo de 24 meses dentro de la política comercial vigente."
                    .into(),
            ),
            ("term_months", "24".into()),
            ("early_termination", "3".into()),
        ]),
        Step::OfferApproval => v(&[(
            "approval_note",
            "Excepción aprobada dentro de la política comercial vigente.".into(),
        )]),
        Step::CustomerSignature => {
            let mut input = StepInput::default().file("signed_offer", docs.pick("signed_offer"));
            if order.has_risks() {
                input = input.file("signed_risk_act", docs.pick("signed_risk_act"));
            }
            input
        }
        Step::Sow => StepInput::default().file("sow", docs.pick("sow")),
        Step::BackValidationCase | Step::ProvisioningCase => {
            v(&[("case_number", format!("000{}", digits(rng, 5)))])
        }
        Step::DocumentValidation => v(&[(
            "validation_note",
            "Documentación completa y firmada.".into(),
        )]),
        Step::SiebelActivation => v(&[
            (
                "subscriber_id",
                format!("1-{}", alnum(rng, 7, true).to_uppercase()),
            ),
            ("activation_date", day),
        ]),
        Step::SowCompletion => {
            StepInput::default().file("completed_sow", docs.pick("completed_sow"))
        }
        Step::ProvisioningRequest => v(&[("servicenow_request", format!("REQ{}", digits(rng, 7)))]),
        Step::Provisioning => {
            let n = 1 + rng.usize(..3);
            let accounts: Vec<String> = (0..n)
                .map(|_| format!("{}{}", 1 + rng.u8(0..9), digits(rng, 11)))
                .collect();
            v(&[
                ("aws_accounts", accounts.join(",")),
                ("mco_reference", format!("MCO-PY-{}", digits(rng, 5))),
                (
                    "mco_console_url",
                    "https://mco.example.com.py/console".into(),
                ),
                ("mco_username", format!("admin.{}", customer.ruc.base())),
            ])
        }
        Step::DeliveryKit => StepInput::default().file("delivery_kit", docs.pick("delivery_kit")),
        Step::WelcomeKit => v(&[
            (
                "delivered_to",
                customer
                    .representatives
                    .first()
                    .map(|r| r.email.clone())
                    .unwrap_or_else(|| "ti@example.com.py".into()),
            ),
            ("delivered_on", day),
        ]),
        Step::AcceptanceAct => StepInput::default()
            .file("signed_acceptance_act", docs.pick("signed_acceptance_act"))
            .with_value("accepted_on", &day),
        Step::CloseProvisioningCase | Step::CloseBackValidation => {
            v(&[("closing_note", "Cerrado sin observaciones.".into())])
        }
    }
}

trait WithValue {
    fn with_value(self, key: &str, value: &str) -> StepInput;
}

impl WithValue for StepInput {
    fn with_value(mut self, key: &str, value: &str) -> StepInput {
        self.values.insert(key.to_string(), value.to_string());
        self
    }
}

/// Seals audit events in the device's chain.
struct Chain<'a> {
    device: &'a mut DeviceState,
    events: Vec<AuditEvent>,
}

impl Chain<'_> {
    fn push(
        &mut self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        entity: &str,
        id: Uuid,
        changes: &Value,
    ) {
        self.device.hlc = self.device.hlc.tick(at.timestamp_millis());
        let e = AuditEvent::seal(
            Uuid::now_v7(),
            self.device.id,
            (self.device.audit_seq, &self.device.audit_head),
            at,
            &self.device.hlc,
            actor,
            action,
            entity,
            id,
            changes.to_string(),
        );
        self.device.audit_seq = e.seq;
        self.device.audit_head = e.hash.clone();
        self.events.push(e);
    }
}

fn make_customers(rng: &mut Rng, count: usize, now: DateTime<Utc>) -> Vec<Customer> {
    let mut bases = HashSet::new();
    let mut names = HashSet::new();
    (0..count)
        .map(|i| {
            let segment = match i % 10 {
                0..=4 => Segment::Corporate,
                5..=7 => Segment::Large,
                _ => Segment::Government,
            };
            let mut name = if segment == Segment::Government {
                names::public_body(rng)
            } else {
                names::company(rng)
            };
            if !names.insert(name.clone()) {
                name = format!("{name} ({})", names::city(rng));
                let mut n = 2;
                while !names.insert(name.clone()) {
                    name = format!("{name} {n}");
                    n += 1;
                }
            }
            let base = loop {
                let b = format!("80{:06}", rng.u32(0..1_000_000));
                if bases.insert(b.clone()) {
                    break b;
                }
            };
            let ruc = Ruc::from_base(&base).unwrap_or_else(|_| unreachable_ruc());
            // Most customers are ready to buy; some still lack the contract or have the wrong cycle.
            let ready = i % 8 != 7;
            let reps = (0..1 + rng.usize(..2))
                .map(|_| {
                    let person = names::person(rng);
                    LegalRepresentative {
                        id: Uuid::now_v7(),
                        email: names::email(&person, &name),
                        name: person,
                        document: format!(
                            "{}.{:03}.{:03}",
                            rng.u8(1..8),
                            rng.u16(0..1000),
                            rng.u16(0..1000)
                        ),
                        phone: format!("+595 21 {} {}", digits(rng, 3), digits(rng, 3)),
                    }
                })
                .collect();
            let created_at = now - Duration::days(250 + rng.i64(0..500));
            Customer {
                id: Uuid::now_v7(),
                ruc,
                name,
                segment,
                address: Some(names::address(rng)),
                billing_account: Some(BillingAccount {
                    number: format!("10{}", digits(rng, 7)),
                    cycle: if ready || rng.bool() { 15 } else { 1 },
                }),
                master_contract: ready.then(|| MasterContract {
                    signed_on: today_in_asuncion(created_at + Duration::days(10)),
                    reference: format!(
                        "CMS-{}-{:04}",
                        today_in_asuncion(created_at).format("%Y"),
                        i + 1
                    ),
                }),
                representatives: reps,
                created_at,
            }
        })
        .collect()
}

fn unreachable_ruc() -> Ruc {
    // A base of eight digits always has a check digit; this is never reached.
    Ruc::from_base("80000190").unwrap_or_else(|_| std::process::abort())
}

fn target_for(i: usize) -> Target {
    match i % 26 {
        n @ 0..=21 => Target::StandAt(Step::ALL[n]),
        22..=24 => Target::Completed,
        _ => Target::Cancelled,
    }
}

/// Fills an empty database with demonstration data: `orders` orders, from `seed`.
pub async fn fill(nimbo: &Nimbo, orders: usize, seed: u64) -> Result<DemoSummary, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    if org_store::load(&mut tx).await?.is_some() {
        return Err(AppError::DemoNeedsEmptyDatabase);
    }
    let org_ruc = Ruc::from_base("80000519")
        .map(|r| r.to_string())
        .unwrap_or_default();
    let org = init_in(
        &mut tx,
        &Setup {
            org_name: "Telecom B2B Cloud (demostración)".into(),
            org_ruc,
            admin_username: "admin".into(),
            admin_full_name: "Administración Nimbo".into(),
            admin_email: Some("admin@example.com.py".into()),
            logo: None,
        },
        true,
        now,
    )
    .await?;
    // The contact details documents print, as an administrator would fill them in.
    let org = Organisation {
        address: Some("Av. Mariscal López 1234, Asunción".into()),
        phone: Some("+595 21 219 0000".into()),
        email: Some("nube@example.com.py".into()),
        website: Some("https://nube.example.com.py".into()),
        tbo_url: Some("https://tbo.example.com.py".into()),
        mco_password_delivery: Some(
            "por SMS al celular del representante legal, dentro de las 24 horas siguientes a la entrega".into(),
        ),
        ticket_instructions: Some(
            "Escriba a nube@example.com.py o llame a la mesa de ayuda, indicando el ID de la cuenta de AWS, qué ocurre desde cuándo y la severidad. Recibirá el número de ticket por correo electrónico.".into(),
        ),
        response_critical: Some("1 hora, todos los días".into()),
        response_high: Some("4 horas hábiles".into()),
        response_normal: Some("1 día hábil".into()),
        suspension_grace_days: Some(DEFAULT_GRACE_DAYS),
        ..org
    };
    nimbo_store::organisation::update(&mut tx, &org).await?;
    let mut users: Vec<User> = Vec::new();
    for (username, full_name, roles) in DEMO_USERS {
        let draft = UserDraft {
            username: (*username).into(),
            full_name: (*full_name).into(),
            email: Some(format!("{username}@example.com.py")),
            roles: roles.to_vec(),
        };
        users.push(crate::actions::users::add_in(&mut tx, "admin", &draft, now).await?);
    }

    let mut rng = Rng::with_seed(seed);
    let customers = make_customers(&mut rng, (orders / 40).clamp(12, 2_500), now);

    let ctx: StepContext = step_context(&mut tx, now).await?;
    let mut docs = Docs {
        files: BTreeMap::new(),
    };
    for (key, title) in Docs::KINDS {
        let upload = FileUpload {
            name: format!("{}.pdf", title.to_lowercase().replace(' ', "-")),
            bytes: sample_pdf::pdf(title),
        };
        let r = upload.reference();
        attachments::put(&mut tx, &r, &upload.bytes, now).await?;
        docs.files.insert(key, r);
    }
    let mut dev = device::load(&mut tx).await?;
    let creator = by_role(&users, Role::Kam, &mut rng);
    let mut chain = Chain {
        device: &mut dev,
        events: Vec::new(),
    };
    for c in &customers {
        chain.push(c.created_at, &creator.username, "customer.created", "customer", c.id,
            &json!({ "ruc": c.ruc, "name": c.name, "segment": c.segment, "billing_account": c.billing_account }));
    }
    bulk::customers(&mut tx, &customers).await?;
    bulk::audit_events(&mut tx, &chain.events).await?;
    chain.events.clear();

    let summary = DemoSummary {
        organisation: org.name,
        users: std::iter::once(("admin".to_string(), vec![Role::Admin]))
            .chain(
                users
                    .iter()
                    .map(|u| (u.username.clone(), u.roles.iter().copied().collect())),
            )
            .collect(),
        customers: customers.len(),
        orders,
        open_by_step: BTreeMap::new(),
        completed: 0,
        cancelled: 0,
        audit_events: 0,
    };
    // The orders are made on a thread of their own and written here as they come, so that
    // making them and writing them overlap on two cores; the data are the same.
    drop(chain);
    let plan = OrderPlan {
        orders,
        now,
        rng,
        customers,
        users: users.clone(),
        ctx,
        docs,
        device: dev,
        summary,
    };
    let handoff = Arc::new(Handoff::new(2));
    let _stop = StopOnDrop(Arc::clone(&handoff));
    let maker = {
        let handoff = Arc::clone(&handoff);
        std::thread::spawn(move || {
            let _finish = FinishOnDrop(Arc::clone(&handoff));
            make_orders(plan, &handoff)
        })
    };
    while let Some(batch) = handoff.recv().await {
        bulk::orders(&mut tx, &batch.orders).await?;
        bulk::subscriptions(&mut tx, &batch.subscriptions).await?;
        bulk::audit_events(&mut tx, &batch.events).await?;
    }
    let (dev, mut summary) = match maker.join() {
        Ok(made) => made?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    device::save(&mut tx, &dev).await?;
    billing::fill(&mut tx, now, seed).await?;
    lifecycle::fill(&mut tx, now).await?;
    summary.audit_events = usize::try_from(nimbo_store::audit::count(&mut tx).await?).unwrap_or(0);
    tx.commit().await?;
    Ok(summary)
}

/// What the thread that makes the orders starts from.
struct OrderPlan {
    orders: usize,
    now: DateTime<Utc>,
    rng: Rng,
    customers: Vec<Customer>,
    users: Vec<User>,
    ctx: StepContext,
    docs: Docs,
    device: DeviceState,
    summary: DemoSummary,
}

/// Orders per batch handed over: small enough that the few batches in flight (two waiting,
/// one being made, one being written) hold less memory than one batch of 2,000 did.
const BATCH_ORDERS: usize = 500;

/// Orders made, with their subscriptions and audit events, ready to be written.
struct Batch {
    orders: Vec<Order>,
    subscriptions: Vec<Subscription>,
    events: Vec<AuditEvent>,
}

/// What the steps' validation reads from the catalogue, for the orders the demo builds.
async fn step_context(conn: &mut Connection, now: DateTime<Utc>) -> Result<StepContext, AppError> {
    Ok(StepContext {
        today: today_in_asuncion(now),
        plans: catalogue::plans(conn)
            .await?
            .into_iter()
            .map(|p| p.code)
            .collect(),
        risks: catalogue::risks(conn)
            .await?
            .into_iter()
            .map(|r| r.code)
            .collect(),
        signed_documents: Default::default(),
    })
}

/// Takes every order to its target through the domain's rules, handing them over in
/// batches; returns the device (its chain advanced) and the summary.
/// A user holding the role, picked at random.
fn by_role(users: &[User], role: Role, rng: &mut Rng) -> User {
    let holders: Vec<&User> = users.iter().filter(|u| u.roles.contains(&role)).collect();
    holders[rng.usize(..holders.len())].clone()
}

/// What taking one demo order through its steps needs: its customer, the team, the
/// catalogue, the sample files, its branches and the pace of its steps.
struct Walk<'a> {
    customer: &'a Customer,
    users: &'a [User],
    ctx: &'a StepContext,
    docs: &'a Docs,
    flags: (bool, bool, bool),
    gap: Duration,
}

impl Walk<'_> {
    /// Takes the order through the domain's own transitions until it waits at `last_step`
    /// (or completes), skipping the feasibility request now and then and rejecting once in
    /// a while, as people do; returns the order and the time of its last step.
    fn until(
        &self,
        mut order: Order,
        last_step: Option<Step>,
        mut at: DateTime<Utc>,
        rng: &mut Rng,
        chain: &mut Chain<'_>,
    ) -> Result<(Order, DateTime<Utc>), AppError> {
        let gap = self.gap;
        let mut rejected_once = false;
        while let Some(step) = order.current {
            if Some(step) == last_step {
                break;
            }
            at += gap + Duration::minutes(rng.i64(0..gap.num_minutes().max(1)));
            let actor = by_role(self.users, step.role(), rng);
            if step == Step::FeasibilityRequest && rng.bool() {
                let (next, changes) = order.skip(
                    step,
                    "No se requiere factibilidad: solución estándar.",
                    &actor,
                    at,
                )?;
                chain.push(
                    at,
                    &actor.username,
                    "order.step_skipped",
                    "order",
                    order.id,
                    &changes,
                );
                order = next;
                continue;
            }
            if step.rejects_to().is_some() && !rejected_once && rng.u8(0..100) < 8 {
                rejected_once = true;
                let why = if step == Step::OfferApproval {
                    "Descuento fuera de la política comercial; revisar el precio."
                } else {
                    "Falta la firma del representante legal en el SOW."
                };
                let (next, changes) = order.reject(step, why, &actor, at)?;
                chain.push(
                    at,
                    &actor.username,
                    "order.rejected",
                    "order",
                    order.id,
                    &changes,
                );
                order = next;
                continue;
            }
            let input = input_for(step, &order, self.customer, at, rng, self.docs, self.flags);
            let (next, changes) =
                order.complete_step(step, &input, self.ctx, self.customer, &actor, at)?;
            chain.push(
                at,
                &actor.username,
                "order.step_completed",
                "order",
                order.id,
                &changes,
            );
            order = next;
        }
        Ok((order, at))
    }
}

fn make_orders(
    plan: OrderPlan,
    out: &Handoff<Batch>,
) -> Result<(DeviceState, DemoSummary), AppError> {
    let OrderPlan {
        orders,
        now,
        mut rng,
        customers,
        users,
        ctx,
        docs,
        mut device,
        mut summary,
    } = plan;
    let ready: Vec<&Customer> = customers
        .iter()
        .filter(|c| {
            c.has_master_contract() && c.billing_account.as_ref().is_some_and(|a| a.cycle == 15)
        })
        .collect();
    let mut chain = Chain {
        device: &mut device,
        events: Vec::new(),
    };
    let mut batch_orders = Vec::new();
    let mut batch_subs = Vec::new();
    let mut seq = chain.device.order_seq;
    for i in 0..orders {
        let target = target_for(i);
        let last_step = match target {
            Target::StandAt(s) => Some(s),
            Target::Completed => None,
            Target::Cancelled => Some(Step::ALL[rng.usize(..12)]),
        };
        let needs_ready = last_step.is_none_or(|s| s > Step::Offer);
        let customer = if needs_ready || rng.u8(0..4) > 0 {
            ready[rng.usize(..ready.len())]
        } else {
            &customers[rng.usize(..customers.len())]
        };
        let complex = matches!(last_step, Some(s) if s.branch() == nimbo_domain::order::Branch::Complex)
            || rng.u8(0..10) < 3;
        let exception = last_step == Some(Step::OfferApproval) || rng.u8(0..10) < 2;
        let risks = rng.u8(0..10) < 3;
        let span_days = match target {
            Target::Completed => 20 + rng.i64(0..380),
            _ => 1 + rng.i64(0..60),
        };
        let created = now - Duration::days(span_days) - Duration::minutes(rng.i64(0..600));
        // At most 22 steps of at most two gaps each: the last step stays in the past.
        let gap = Duration::days(span_days) / 50;
        seq += 1;
        let kam = by_role(&users, Role::Kam, &mut rng);
        let order = Order::open(
            Uuid::now_v7(),
            order_number(chain.device.id, seq),
            customer,
            names::title(&mut rng),
            &kam,
            created,
        )?;
        chain.push(
            created,
            &kam.username,
            "order.opened",
            "order",
            order.id,
            &json!({ "number": order.number, "customer": customer.ruc, "title": order.title }),
        );
        let walk = Walk {
            customer,
            users: &users,
            ctx: &ctx,
            docs: &docs,
            flags: (complex, exception, risks),
            gap,
        };
        let (mut order, mut at) = walk.until(order, last_step, created, &mut rng, &mut chain)?;
        if let Target::Cancelled = target {
            let kam = by_role(&users, Role::Kam, &mut rng);
            at += gap;
            let (next, changes) =
                order.cancel("El cliente decidió postergar el proyecto.", &kam, at)?;
            chain.push(
                at,
                &kam.username,
                "order.cancelled",
                "order",
                order.id,
                &changes,
            );
            order = next;
        }
        match order.status {
            OrderStatus::Open => {
                *summary
                    .open_by_step
                    .entry(order.current.map(|s| s.number()).unwrap_or(0))
                    .or_default() += 1;
            }
            OrderStatus::Completed => {
                summary.completed += 1;
                if let Some(s) = Subscription::from_completed_order(&order) {
                    batch_subs.push(s);
                }
            }
            OrderStatus::Cancelled => summary.cancelled += 1,
        }
        batch_orders.push(order);
        if batch_orders.len() >= BATCH_ORDERS {
            let batch = Batch {
                orders: std::mem::take(&mut batch_orders),
                subscriptions: std::mem::take(&mut batch_subs),
                events: std::mem::take(&mut chain.events),
            };
            if !out.send(batch) {
                break;
            }
        }
    }
    out.send(Batch {
        orders: batch_orders,
        subscriptions: batch_subs,
        events: std::mem::take(&mut chain.events),
    });
    chain.device.order_seq = seq;
    Ok((device, summary))
}

/// Passes batches from the thread that makes them to the task that writes them, at most
/// `room` waiting at a time; the task awaits without blocking its runtime.
struct Handoff<T> {
    room: usize,
    state: Mutex<HandoffState<T>>,
    space: Condvar,
}

struct HandoffState<T> {
    queue: VecDeque<T>,
    finished: bool,
    stopped: bool,
    waker: Option<Waker>,
}

impl<T> Handoff<T> {
    fn new(room: usize) -> Handoff<T> {
        Handoff {
            room,
            state: Mutex::new(HandoffState {
                queue: VecDeque::new(),
                finished: false,
                stopped: false,
                waker: None,
            }),
            space: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HandoffState<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands an item over, waiting for room; false if the receiver has given up.
    fn send(&self, item: T) -> bool {
        let mut state = self.lock();
        while state.queue.len() >= self.room && !state.stopped {
            state = self
                .space
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.stopped {
            return false;
        }
        state.queue.push_back(item);
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
        true
    }

    /// Nothing more will be sent.
    fn finish(&self) {
        let mut state = self.lock();
        state.finished = true;
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
    }

    /// Nothing more will be received.
    fn stop(&self) {
        self.lock().stopped = true;
        self.space.notify_all();
    }

    /// The next item, or `None` once the sender has finished and all were received.
    async fn recv(&self) -> Option<T> {
        std::future::poll_fn(|cx| {
            let mut state = self.lock();
            if let Some(item) = state.queue.pop_front() {
                self.space.notify_all();
                return Poll::Ready(Some(item));
            }
            if state.finished {
                return Poll::Ready(None);
            }
            state.waker = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }
}

/// Finishes the hand-over when the sending thread ends, even by a panic.
struct FinishOnDrop<T>(Arc<Handoff<T>>);

impl<T> Drop for FinishOnDrop<T> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

/// Stops the sending thread when the receiving task ends, even by an error.
struct StopOnDrop<T>(Arc<Handoff<T>>);

impl<T> Drop for StopOnDrop<T> {
    fn drop(&mut self) {
        self.0.stop();
    }
}
