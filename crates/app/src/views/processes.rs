//! A termination, suspension or reconnection as its page shows it: what started it, where
//! it stands, each step with who did it and what it recorded, the open step's form and
//! deadline, the decisions taken, and the customer's debt the rules read.

use chrono::{DateTime, Utc};
use nimbo_domain::Lang;
use nimbo_domain::billing::{Invoice, es_py};
use nimbo_domain::catalogue::Plan;
use nimbo_domain::contract::{ServiceFee, penalty_table};
use nimbo_domain::role::Role;
use nimbo_domain::service::{Case, KeyedStep, ServiceProcess, TerminationScope};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::workflow::FlowStatus;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::steps::{FieldView, plain_field_view};
use super::{People, instant};

/// One line of what started a process: a label and its value, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FactView {
    /// What it is.
    pub label: String,
    /// Its value, formatted for the user.
    pub value: String,
}

/// A decision one role took on a step several roles decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DecisionView {
    /// The role's name.
    pub role: String,
    /// Who decided (full name).
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Authorised or refused.
    pub approved: bool,
    /// Why.
    pub reason: String,
}

/// A step of the process as its timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ProcessStepView {
    /// Its number in the process.
    pub number: u8,
    /// Its key (`debt_confirmation`).
    pub key: String,
    /// Its name.
    pub name: String,
    /// The roles that take it, by name.
    pub roles: Vec<String>,
    /// `done`, `current`, `pending`, `not_applicable` or `cancelled`.
    pub state: String,
    /// Who did it (full name), when done.
    pub by: Option<String>,
    /// When (RFC 3339), when done.
    pub at: Option<String>,
    /// What it recorded, as read.
    pub values: Vec<FactView>,
    /// The decisions taken on it.
    pub decisions: Vec<DecisionView>,
    /// Its time limit in hours, when it has one.
    pub time_limit_hours: Option<u32>,
}

/// The step a process waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OpenStepView {
    /// Its number.
    pub number: u8,
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// The ids of the roles that may take it (for a decision: those still missing).
    pub role_ids: Vec<String>,
    /// Their names.
    pub roles: Vec<String>,
    /// Since when it waits (RFC 3339).
    pub since: String,
    /// When it is due (RFC 3339), when it has a time limit.
    pub deadline: Option<String>,
    /// `on_time`, `near_deadline` or `overdue` when it has a time limit.
    pub lateness: Option<String>,
    /// Whether several roles decide it, each with a reason.
    pub decision: bool,
    /// Whether its work can be rejected.
    pub rejectable: bool,
    /// Its form.
    pub fields: Vec<FieldView>,
}

/// A process's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ProcessView {
    /// Its id.
    pub id: String,
    /// Its number (`BAJ-7K3F-000001`).
    pub number: String,
    /// `termination`, `suspension` or `reconnection`.
    pub kind: String,
    /// Its kind's name.
    pub kind_name: String,
    /// `open`, `completed` or `cancelled`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// The subscription's Subscriber ID.
    pub subscriber_id: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// Who started it (full name).
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// What started it, as read.
    pub facts: Vec<FactView>,
    /// The step it waits for.
    pub open_step: Option<OpenStepView>,
    /// Every step of its table.
    pub steps: Vec<ProcessStepView>,
    /// What the billing account owes today, USD with two places.
    pub owed: String,
    /// How many of its invoices are unpaid.
    pub unpaid_invoices: u32,
    /// Why it was cancelled, with who and when.
    pub cancellation: Option<FactView>,
    /// The roles that may cancel it (the permission table's), so the page offers
    /// «Cancelar trámite…» only to them.
    pub canceller_ids: Vec<String>,
}

fn role_names(roles: &[Role], lang: Lang) -> Vec<String> {
    roles.iter().map(|r| r.name(lang).to_string()).collect()
}

fn lateness(l: nimbo_domain::workflow::Lateness) -> &'static str {
    match l {
        nimbo_domain::workflow::Lateness::OnTime => "on_time",
        nimbo_domain::workflow::Lateness::NearDeadline => "near_deadline",
        nimbo_domain::workflow::Lateness::Overdue => "overdue",
    }
}

fn status_label(status: FlowStatus, lang: Lang) -> &'static str {
    match status {
        FlowStatus::Open => lang.pick("en curso", "in progress"),
        FlowStatus::Completed => lang.pick("terminado", "completed"),
        FlowStatus::Cancelled => lang.pick("cancelado", "cancelled"),
    }
}

fn usd(amount: Decimal, lang: Lang) -> String {
    format!("USD {}", es_py(amount, lang))
}

/// The steps, open step and cancellation of any process, whatever its step type.
fn flow_parts<S: KeyedStep, D>(
    case: &Case<S, D>,
    now: DateTime<Utc>,
    lang: Lang,
    people: &People,
) -> (Vec<ProcessStepView>, Option<OpenStepView>, Option<FactView>) {
    let flow = &case.flow;
    let mut steps = Vec::new();
    for row in S::table() {
        let step = row.step;
        let record = flow.records.get(&step);
        let state = if record.is_some() {
            "done"
        } else if flow.current == Some(step) {
            "current"
        } else if flow.applies(step) == Some(false) {
            "not_applicable"
        } else if flow.status == FlowStatus::Cancelled {
            "cancelled"
        } else {
            "pending"
        };
        let values = record
            .map(|r| {
                r.values
                    .iter()
                    .map(|(k, v)| FactView {
                        label: row.fields.iter().find(|f| f.key == k).map_or_else(
                            || started_label(k, lang),
                            |f| super::label_case(f.label(lang)),
                        ),
                        value: v.display(lang),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let decisions = flow
            .decisions
            .get(&step)
            .map(|ds| {
                ds.iter()
                    .map(|d| DecisionView {
                        role: d.role.name(lang).to_string(),
                        by: people.name(&d.by),
                        at: instant(d.at),
                        approved: d.approved,
                        reason: d.reason.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        steps.push(ProcessStepView {
            number: step.position(),
            key: step.key().to_string(),
            name: row.name(lang).to_string(),
            roles: role_names(row.roles, lang),
            state: state.to_string(),
            by: record.map(|r| people.name(&r.by)),
            at: record.map(|r| instant(r.at)),
            values,
            decisions,
            time_limit_hours: row.time_limit_hours,
        });
    }
    let open = flow.open_step(now).map(|o| {
        let spec = o.step.spec();
        OpenStepView {
            number: o.step.position(),
            key: o.step.key().to_string(),
            name: spec.name(lang).to_string(),
            role_ids: o.roles.iter().map(|r| r.id().to_string()).collect(),
            roles: role_names(&o.roles, lang),
            since: instant(o.since),
            deadline: o.deadline.map(instant),
            lateness: spec.lateness(o.since, now).map(|l| lateness(l).to_string()),
            decision: !spec.deciders.is_empty(),
            rejectable: spec.rejects_to.is_some(),
            fields: spec
                .fields
                .iter()
                .map(|f| plain_field_view(f, lang))
                .collect(),
        }
    });
    let cancellation = flow.cancellation.as_ref().map(|c| FactView {
        label: format!(
            "{} {} — {}",
            lang.pick("Cancelado por", "Cancelled by"),
            people.name(&c.by),
            instant(c.at)
        ),
        value: c.reason.clone(),
    });
    (steps, open, cancellation)
}

/// The label of what a process's first step records when it is started by its own
/// command (the request's letter and date, the suspension's invoices).
fn started_label(key: &str, lang: Lang) -> String {
    match key {
        "letter" => lang.pick("Carta firmada", "Signed letter"),
        "termination_date" => lang.pick("Fecha de baja", "Termination date"),
        "plans" => lang.pick("Planes dados de baja", "Plans ended"),
        "aws_accounts" => lang.pick("Cuentas de AWS dadas de baja", "AWS accounts ended"),
        "invoices" => lang.pick("Facturas vencidas", "Overdue invoices"),
        other => return other.replace('_', " "),
    }
    .to_string()
}

fn fact(label: &str, value: String) -> FactView {
    FactView {
        label: label.to_string(),
        value,
    }
}

/// The installation instalments due and unpaid, one fact each: its number, due day and
/// amount, and the invoice that carries it or that none does yet.
fn unpaid_instalments(owing: &nimbo_domain::service::Owing, lang: Lang) -> Vec<FactView> {
    owing
        .instalments
        .unpaid
        .iter()
        .map(|u| {
            let i = &u.instalment;
            let due = i.due_on.format("%d/%m/%Y");
            let amount = usd(i.amount, lang);
            let value = match (&u.invoice, lang) {
                (Some(n), Lang::Es) => {
                    format!("vence el {due}, {amount} + IVA; en la factura {n}, impaga")
                }
                (Some(n), Lang::En) => {
                    format!("due on {due}, {amount} + IVA; on invoice {n}, unpaid")
                }
                (None, Lang::Es) => {
                    format!("vence el {due}, {amount} + IVA; todavía en ninguna factura")
                }
                (None, Lang::En) => format!("due on {due}, {amount} + IVA; on no invoice yet"),
            };
            fact(
                &format!(
                    "{} {}",
                    lang.pick(
                        "Cuota de instalación impaga",
                        "Unpaid installation instalment"
                    ),
                    i.number
                ),
                value,
            )
        })
        .collect()
}

/// The contract's terms and, when it has a term, the penalty table of the services the
/// termination ends (DOMAIN §6), each row with its explanation.
fn penalties(
    t: &nimbo_domain::service::Termination,
    subscription: &Subscription,
    catalogue: &[Plan],
    lang: Lang,
) -> Vec<FactView> {
    let terms = subscription.terms.as_ref();
    let mut facts = vec![fact(
        lang.pick("Contrato", "Contract"),
        terms.map_or_else(
            || {
                lang.pick(
                    "servicio estándar, sin plazo: no hay penalidades",
                    "standard service, no term: there are no penalties",
                )
                .to_string()
            },
            |t| t.summary(lang),
        ),
    )];
    let (codes, total) = match &t.detail.scope {
        TerminationScope::Total => (subscription.plans.clone(), true),
        TerminationScope::Partial { plans, .. } => (plans.clone(), false),
    };
    let services = ServiceFee::of_plans(catalogue, &codes);
    let Some(table) = penalty_table(
        terms,
        subscription.activation_date,
        t.detail.termination_date,
        &services,
        total,
    ) else {
        return facts;
    };
    let pick = |es: &str, en: &str| lang.pick(es, en).to_string();
    facts.push(fact(
        lang.pick("Meses restantes", "Months remaining"),
        pick(&table.months_explanation_es, &table.months_explanation_en),
    ));
    for row in &table.rows {
        facts.push(fact(
            &format!("{} {}", lang.pick("Penalidad", "Penalty"), row.plan_name),
            format!(
                "{} — {}",
                usd(row.charge, lang),
                pick(&row.explanation_es, &row.explanation_en)
            ),
        ));
    }
    if let Some(r) = &table.residual {
        facts.push(fact(
            lang.pick(
                "Valor residual de la inversión",
                "Residual value of the investment",
            ),
            format!(
                "{} — {}",
                usd(r.amount, lang),
                pick(&r.explanation_es, &r.explanation_en)
            ),
        ));
    }
    facts.push(fact(
        lang.pick("Total de penalidades", "Penalties in total"),
        usd(table.total, lang),
    ));
    facts
}

/// What started the process, as read.
fn facts_of(process: &ServiceProcess, lang: Lang) -> Vec<FactView> {
    let es = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    match process {
        ServiceProcess::Termination(t) => {
            let r = &t.detail;
            let scope = match &r.scope {
                TerminationScope::Total => lang
                    .pick(
                        "total: todos los servicios del contrato",
                        "total: every service of the contract",
                    )
                    .to_string(),
                TerminationScope::Partial {
                    plans,
                    aws_accounts,
                } => {
                    let mut parts = Vec::new();
                    if !plans.is_empty() {
                        parts.push(format!(
                            "{} {}",
                            lang.pick("planes", "plans"),
                            plans.join(", ")
                        ));
                    }
                    if !aws_accounts.is_empty() {
                        parts.push(format!(
                            "{} {}",
                            lang.pick("cuentas de AWS", "AWS accounts"),
                            aws_accounts.join(", ")
                        ));
                    }
                    format!("{}: {}", lang.pick("parcial", "partial"), parts.join("; "))
                }
            };
            vec![
                fact(
                    lang.pick("Fecha de baja", "Termination date"),
                    es(r.termination_date),
                ),
                fact(lang.pick("Alcance", "Scope"), scope),
                fact(
                    lang.pick("Solicitada el", "Requested on"),
                    es(r.requested_on),
                ),
                fact(
                    lang.pick("Carta firmada", "Signed letter"),
                    format!(
                        "{} (SHA-256 {}…)",
                        r.letter.name,
                        r.letter.sha256.get(..12).unwrap_or("")
                    ),
                ),
            ]
        }
        ServiceProcess::Suspension(s) => {
            let g = &s.detail;
            let mut facts = vec![fact(
                lang.pick("Período de gracia", "Grace period"),
                format!("{} {}", g.grace_days, lang.pick("días", "days")),
            )];
            for i in &g.invoices {
                facts.push(fact(
                    &format!("{} {}", lang.pick("Factura", "Invoice"), i.number),
                    format!(
                        "{}; {} {} ({} {})",
                        usd(i.balance, lang),
                        lang.pick("vencida el", "due on"),
                        es(i.due_on),
                        i.days_overdue,
                        lang.pick("días de atraso", "days overdue")
                    ),
                ));
            }
            if let Some(d) = s.suspension_date() {
                facts.push(fact(
                    lang.pick("Fecha de suspensión", "Suspension date"),
                    es(d),
                ));
            }
            facts
        }
        ServiceProcess::Reconnection(r) => vec![fact(
            lang.pick("Suspensión que termina", "Suspension it ends"),
            r.detail.suspension_number.clone(),
        )],
    }
}

/// What a process's page reads around the process: its subscription, the customer's
/// name and RUC, the billing account's invoices and the plans in force.
pub(crate) struct Around<'a> {
    /// The subscription acted on.
    pub subscription: &'a Subscription,
    /// The customer's name and RUC.
    pub customer: (&'a str, &'a str),
    /// The billing account's invoices.
    pub invoices: &'a [Invoice],
    /// The plans in force on the day that matters (a termination's last day).
    pub catalogue: &'a [Plan],
}

/// Everything a process's page shows, at `now`.
pub(crate) fn process_view(
    process: &ServiceProcess,
    around: &Around<'_>,
    people: &People,
    now: DateTime<Utc>,
    lang: Lang,
) -> ProcessView {
    let Around {
        subscription,
        customer,
        invoices,
        catalogue,
    } = *around;
    let (steps, open_step, cancellation) = match process {
        ServiceProcess::Termination(c) => flow_parts(c, now, lang, people),
        ServiceProcess::Suspension(c) => flow_parts(c, now, lang, people),
        ServiceProcess::Reconnection(c) => flow_parts(c, now, lang, people),
    };
    // The one rule of what is owed: invoices and installation instalments due so far (a
    // termination's, by its last day of service).
    let last_day = match process {
        ServiceProcess::Termination(t) => Some(t.detail.termination_date),
        _ => None,
    };
    let owing = nimbo_domain::service::owing(
        subscription,
        invoices,
        nimbo_domain::time::today_in_asuncion(now),
        last_day,
    );
    let created_by = match process {
        ServiceProcess::Termination(c) => &c.created_by,
        ServiceProcess::Suspension(c) => &c.created_by,
        ServiceProcess::Reconnection(c) => &c.created_by,
    };
    ProcessView {
        id: process.id().to_string(),
        number: process.number().to_string(),
        kind: process.kind().id().to_string(),
        kind_name: process.kind().name(lang).to_string(),
        status: process.status().id().to_string(),
        status_label: status_label(process.status(), lang).to_string(),
        subscriber_id: subscription.subscriber_id.clone(),
        customer: customer.0.to_string(),
        ruc: customer.1.to_string(),
        created_by: people.name(created_by),
        created_at: instant(process.created_at()),
        facts: {
            let mut facts = facts_of(process, lang);
            if let ServiceProcess::Termination(t) = process {
                facts.extend(penalties(t, subscription, catalogue, lang));
            }
            facts.extend(unpaid_instalments(&owing, lang));
            facts
        },
        open_step,
        steps,
        owed: format!("{:.2}", nimbo_domain::billing::cents(owing.total)),
        unpaid_invoices: u32::try_from(owing.unpaid_invoices).unwrap_or(u32::MAX),
        cancellation,
        canceller_ids: nimbo_domain::permission::Action::CancelProcess(process.kind())
            .allowed_roles()
            .iter()
            .map(|r| r.id().to_string())
            .collect(),
    }
}

/// One process in a list or «Mis tareas».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ProcessLine {
    /// Its number.
    pub number: String,
    /// `termination`, `suspension` or `reconnection`.
    pub kind: String,
    /// Its kind's name.
    pub kind_name: String,
    /// `open`, `completed` or `cancelled`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// The subscription's Subscriber ID.
    pub subscriber_id: String,
    /// The customer's name.
    pub customer: String,
    /// The step it waits for, by name.
    pub step: Option<String>,
    /// The ids of the roles it waits for.
    pub role_ids: Vec<String>,
    /// Since when it waits (RFC 3339).
    pub since: Option<String>,
    /// When it is due (RFC 3339).
    pub deadline: Option<String>,
    /// Whether it is past due.
    pub overdue: bool,
    /// Whether it is close to its deadline, not past it yet (amber in the lists).
    pub near_deadline: bool,
    /// When it was started (RFC 3339).
    pub created_at: String,
}

/// A process as a line of a list, at `now`.
pub fn process_line(
    process: &ServiceProcess,
    subscriber_id: &str,
    customer: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> ProcessLine {
    let task = process.task(now);
    ProcessLine {
        number: process.number().to_string(),
        kind: process.kind().id().to_string(),
        kind_name: process.kind().name(lang).to_string(),
        status: process.status().id().to_string(),
        status_label: status_label(process.status(), lang).to_string(),
        subscriber_id: subscriber_id.to_string(),
        customer: customer.to_string(),
        step: task
            .as_ref()
            .map(|t| format!("{}. {}", t.step.number(), t.step.name(lang))),
        role_ids: task
            .as_ref()
            .map(|t| t.roles.iter().map(|r| r.id().to_string()).collect())
            .unwrap_or_default(),
        since: task.as_ref().map(|t| instant(t.since)),
        deadline: task.as_ref().and_then(|t| t.deadline.map(instant)),
        overdue: task.as_ref().is_some_and(|t| t.overdue),
        near_deadline: task.as_ref().is_some_and(|t| t.near_deadline),
        created_at: instant(process.created_at()),
    }
}

/// «Mis tareas»'s process waits: a page of them and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ProcessTaskList {
    /// The page, oldest wait first.
    pub processes: Vec<ProcessLine>,
    /// How many wait for the user's roles in all.
    pub total: u64,
}

/// The process waits for the user's roles, as «Mis tareas» lists them.
pub async fn tasks(
    nimbo: &crate::Nimbo,
    username: &str,
    (limit, offset): (u32, u32),
    lang: Lang,
) -> Result<ProcessTaskList, crate::AppError> {
    let (processes, total) =
        crate::actions::processes::tasks(nimbo, username, limit, offset, lang).await?;
    Ok(ProcessTaskList { processes, total })
}

/// What a form sent for a process's step, with its files read (sent or from their path).
pub fn submission(
    input: &super::steps::StepInput,
) -> Result<crate::actions::processes::ProcessSubmission, crate::AppError> {
    let mut files = std::collections::BTreeMap::new();
    for f in &input.files {
        files.insert(f.key.trim().to_string(), super::steps::upload(f)?);
    }
    Ok(crate::actions::processes::ProcessSubmission {
        step: None,
        values: input
            .values
            .iter()
            .map(|(k, v)| (k.trim().to_string(), v.clone()))
            .collect(),
        files,
    })
}

/// The termination date typed in the request's form (`YYYY-MM-DD`).
pub fn termination_date(text: &str) -> Result<chrono::NaiveDate, crate::AppError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        super::refuse(
            "termination_date",
            "fecha de baja",
            "termination date",
            nimbo_domain::problem::Problem::NotADate {
                given: text.trim().to_string(),
            },
        )
    })
}

/// The form of the step that starts a process of `kind` (`termination`, `suspension`
/// or `reconnection`): what the person who starts it records; none for another word.
pub fn start_fields(kind: &str, lang: Lang) -> Vec<FieldView> {
    nimbo_domain::service::ProcessKind::from_id(kind.trim())
        .and_then(|k| k.steps().first().copied())
        .map(|s| {
            s.fields()
                .iter()
                .map(|f| plain_field_view(f, lang))
                .collect()
        })
        .unwrap_or_default()
}
