//! Why a termination, suspension or reconnection refuses a change: each case a person can
//! act on, with a message in Spanish and English that says what to do. They travel as
//! [`crate::DomainError::Service`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::es_py;
use crate::code::ErrorCode;
use crate::lang::Lang;
use crate::role::Role;

use super::kind::{ProcessKind, ServiceStep};

/// A refusal by a rule of the service's processes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// The process waits for another step.
    #[error("not the current step")]
    NotCurrentStep {
        /// The process's number.
        number: String,
        /// The step asked for.
        asked: ServiceStep,
        /// The step it waits for.
        current: ServiceStep,
    },
    /// The process is completed or cancelled.
    #[error("process closed")]
    Closed {
        /// The process's number.
        number: String,
        /// Whether it was completed (else cancelled).
        completed: bool,
    },
    /// The step cannot be rejected.
    #[error("not rejectable")]
    NotRejectable {
        /// The step.
        step: ServiceStep,
    },
    /// The step is decided by several roles, not completed by one person.
    #[error("decisions required")]
    DecisionsRequired {
        /// The step.
        step: ServiceStep,
        /// The roles whose approval is missing.
        awaiting: Vec<Role>,
    },
    /// The role does not decide this step, or the person does not hold it.
    #[error("not a decider")]
    NotADecider {
        /// The step.
        step: ServiceStep,
        /// The role asked for.
        role: Role,
        /// The roles that decide it.
        deciders: Vec<Role>,
    },
    /// A termination asked for fewer than 30 days ahead.
    #[error("termination too soon")]
    TerminationTooSoon {
        /// The day asked for.
        asked: NaiveDate,
        /// The earliest day allowed.
        earliest: NaiveDate,
    },
    /// A plan or AWS account named that the subscription does not have.
    #[error("not in the subscription")]
    NotInSubscription {
        /// The Subscriber ID.
        subscriber_id: String,
        /// What was named.
        given: String,
        /// What the subscription has.
        has: Vec<String>,
    },
    /// The subscription is terminated already.
    #[error("subscription terminated")]
    SubscriptionTerminated {
        /// The Subscriber ID.
        subscriber_id: String,
    },
    /// Another process of the same kind is open for the subscription.
    #[error("process underway")]
    ProcessUnderway {
        /// Its kind.
        kind: ProcessKind,
        /// Its number.
        number: String,
    },
    /// The subscription is suspended already, or its suspension is under way.
    #[error("already suspended")]
    AlreadySuspended {
        /// The Subscriber ID.
        subscriber_id: String,
    },
    /// A reconnection of a subscription that is not suspended.
    #[error("not suspended")]
    NotSuspended {
        /// The Subscriber ID.
        subscriber_id: String,
    },
    /// A reconnection of a subscription being terminated.
    #[error("being terminated")]
    BeingTerminated {
        /// The termination's number.
        number: String,
    },
    /// A suspension with no invoice overdue beyond the grace period.
    #[error("nothing overdue")]
    NothingOverdue {
        /// The grace period in days.
        grace_days: u32,
    },
    /// A total termination, or a service made inactive, while invoices or instalments
    /// are unpaid and the three authorisations were not given.
    #[error("debt unpaid")]
    DebtUnpaid {
        /// What is owed, invoices and due instalments together.
        owed: Decimal,
        /// How many invoices are unpaid.
        invoices: usize,
        /// How many due installation instalments are unpaid.
        instalments: usize,
    },
    /// Three authorisations asked for a customer who owes nothing.
    #[error("no debt to authorise")]
    NoDebtToAuthorise,
    /// A reconnection while an invoice of the suspension is still owed.
    #[error("invoice still owed")]
    InvoiceStillOwed {
        /// The invoice.
        invoice: String,
        /// What is still owed on it.
        balance: Decimal,
    },
    /// The step acted on was completed or sent back by someone else meanwhile — on
    /// another laptop, synced first: the first to reach the server wins.
    #[error("step taken meanwhile")]
    StepTakenMeanwhile {
        /// The process's number.
        number: String,
        /// The step acted on.
        step: ServiceStep,
        /// Who took it (username).
        by: String,
        /// When.
        at: chrono::DateTime<chrono::Utc>,
        /// Whether it was sent back (a refusal or rejection) rather than completed.
        sent_back: bool,
        /// The step the process waits for now, if it is still open.
        current: Option<ServiceStep>,
    },
}

impl ServiceError {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::NotCurrentStep { .. } => ErrorCode::NotCurrentStep,
            ServiceError::Closed { .. } => ErrorCode::ProcessClosed,
            ServiceError::NotRejectable { .. } => ErrorCode::NotRejectable,
            ServiceError::DecisionsRequired { .. } => ErrorCode::DecisionsRequired,
            ServiceError::NotADecider { .. } => ErrorCode::NotADecider,
            ServiceError::TerminationTooSoon { .. } => ErrorCode::TerminationTooSoon,
            ServiceError::NotInSubscription { .. } => ErrorCode::NotInSubscription,
            ServiceError::SubscriptionTerminated { .. } => ErrorCode::SubscriptionTerminated,
            ServiceError::ProcessUnderway { .. } => ErrorCode::ProcessUnderway,
            ServiceError::AlreadySuspended { .. } => ErrorCode::AlreadySuspended,
            ServiceError::NotSuspended { .. } => ErrorCode::NotSuspended,
            ServiceError::BeingTerminated { .. } => ErrorCode::BeingTerminated,
            ServiceError::NothingOverdue { .. } => ErrorCode::NothingOverdue,
            ServiceError::DebtUnpaid { .. } => ErrorCode::DebtUnpaid,
            ServiceError::NoDebtToAuthorise => ErrorCode::NoDebtToAuthorise,
            ServiceError::InvoiceStillOwed { .. } => ErrorCode::InvoiceStillOwed,
            ServiceError::StepTakenMeanwhile { .. } => ErrorCode::StepTakenMeanwhile,
        }
    }

    /// The message in the user's language: the rule, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        let day = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        let step = |s: &ServiceStep| format!("{} «{}»", s.number(), s.name(lang));
        let usd = |d: &Decimal| format!("USD {}", es_py(*d, lang));
        match self {
            ServiceError::StepTakenMeanwhile {
                number,
                step: s,
                by,
                at,
                sent_back,
                current,
            } => {
                let when = crate::time::local_display(*at);
                let did = match (sent_back, es) {
                    (true, true) => "rechazó",
                    (false, true) => "completó",
                    (true, false) => "sent back",
                    (false, false) => "completed",
                };
                let now = match (current, es) {
                    (Some(c), true) => format!("{number} ahora espera el paso {}", step(c)),
                    (Some(c), false) => format!("{number} now waits for step {}", step(c)),
                    (None, true) => format!("{number} ya no espera ningún paso"),
                    (None, false) => format!("{number} waits for no step any more"),
                };
                if es {
                    format!(
                        "Mientras usted trabajaba, {by} ya {did} el paso {} el {when} en otro equipo, y llegó primero al servidor: {now}. Lo que usted registró en ese paso no se guardó; revise el trámite como quedó y, si corresponde, actúe de nuevo sobre el paso que espera.",
                        step(s)
                    )
                } else {
                    format!(
                        "Meanwhile, {by} {did} step {} on {when} on another computer, and reached the server first: {now}. What you recorded on that step was not kept; review the process as it stands and, if needed, act again on the step it waits for.",
                        step(s)
                    )
                }
            }
            ServiceError::NotCurrentStep { number, asked, current } if es => format!(
                "{number} espera el paso {}, no el {}. Complete primero el paso que espera.",
                step(current),
                step(asked)
            ),
            ServiceError::NotCurrentStep { number, asked, current } => format!(
                "{number} waits for step {}, not {}. Complete the step it waits for first.",
                step(current),
                step(asked)
            ),
            ServiceError::Closed { number, completed: true } if es => {
                format!("{number} ya terminó: no admite más cambios. Si hace falta otro trámite, inicie uno nuevo.")
            }
            ServiceError::Closed { number, completed: true } => {
                format!("{number} is finished: it takes no more changes. If another process is needed, start a new one.")
            }
            ServiceError::Closed { number, .. } if es => {
                format!("{number} fue cancelado: no admite más cambios. Si hace falta, inicie uno nuevo.")
            }
            ServiceError::Closed { number, .. } => {
                format!("{number} was cancelled: it takes no more changes. If needed, start a new one.")
            }
            ServiceError::NotRejectable { step: s } if es => format!(
                "El paso {} no se puede rechazar. Si el trámite no debe seguir, cancélelo con un motivo.",
                step(s)
            ),
            ServiceError::NotRejectable { step: s } => format!(
                "Step {} cannot be rejected. If the process must not go on, cancel it with a reason.",
                step(s)
            ),
            ServiceError::DecisionsRequired { step: s, awaiting } if es => format!(
                "El paso {} lo deciden varios roles, cada uno con su motivo; faltan: {}. Registre una decisión (autorizar o rechazar).",
                step(s),
                Role::list(awaiting, lang)
            ),
            ServiceError::DecisionsRequired { step: s, awaiting } => format!(
                "Step {} is decided by several roles, each with a reason; still missing: {}. Record a decision (authorise or refuse).",
                step(s),
                Role::list(awaiting, lang)
            ),
            ServiceError::NotADecider { step: s, role, deciders } if es => format!(
                "{} no decide el paso {}: deciden {}. Elija uno de esos roles, si lo tiene.",
                role.name(lang),
                step(s),
                Role::list(deciders, lang)
            ),
            ServiceError::NotADecider { step: s, role, deciders } => format!(
                "{} does not decide step {}: {} do. Choose one of those roles, if you hold it.",
                role.name(lang),
                step(s),
                Role::list(deciders, lang)
            ),
            ServiceError::TerminationTooSoon { asked, earliest } if es => format!(
                "La baja se pide con al menos 30 días de anticipación: el {} es muy pronto. La fecha más próxima posible es el {}.",
                day(asked),
                day(earliest)
            ),
            ServiceError::TerminationTooSoon { asked, earliest } => format!(
                "A termination is asked for at least 30 days ahead: {} is too soon. The earliest date allowed is {}.",
                day(asked),
                day(earliest)
            ),
            ServiceError::NotInSubscription { subscriber_id, given, has } if es => format!(
                "La suscripción {subscriber_id} no tiene «{given}»; tiene: {}. Nombre solo planes o cuentas de AWS de esta suscripción, o ninguno para la baja total.",
                has.join(", ")
            ),
            ServiceError::NotInSubscription { subscriber_id, given, has } => format!(
                "Subscription {subscriber_id} has no «{given}»; it has: {}. Name only plans or AWS accounts of this subscription, or none for a total termination.",
                has.join(", ")
            ),
            ServiceError::SubscriptionTerminated { subscriber_id } if es => format!(
                "La suscripción {subscriber_id} ya está dada de baja: no admite este trámite."
            ),
            ServiceError::SubscriptionTerminated { subscriber_id } => format!(
                "Subscription {subscriber_id} is terminated already: it takes no such process."
            ),
            ServiceError::ProcessUnderway { kind, number } if es => format!(
                "Ya hay un trámite de {} abierto para esta suscripción: {number}. Continúe ese, o cancélelo antes de iniciar otro.",
                kind.name(lang).to_lowercase()
            ),
            ServiceError::ProcessUnderway { kind, number } => format!(
                "A {} process is already open for this subscription: {number}. Continue it, or cancel it before starting another.",
                kind.name(lang).to_lowercase()
            ),
            ServiceError::AlreadySuspended { subscriber_id } if es => format!(
                "La suscripción {subscriber_id} ya está suspendida o su suspensión está en curso: no se suspende dos veces."
            ),
            ServiceError::AlreadySuspended { subscriber_id } => format!(
                "Subscription {subscriber_id} is already suspended or its suspension is under way: it is not suspended twice."
            ),
            ServiceError::NotSuspended { subscriber_id } if es => format!(
                "La suscripción {subscriber_id} no está suspendida: no hay nada que reconectar. Si su suspensión está en curso y el cliente pagó, cancele la suspensión."
            ),
            ServiceError::NotSuspended { subscriber_id } => format!(
                "Subscription {subscriber_id} is not suspended: there is nothing to reconnect. If its suspension is under way and the customer paid, cancel the suspension."
            ),
            ServiceError::BeingTerminated { number } if es => format!(
                "La suscripción tiene una baja en curso ({number}): no se reconecta. Si el cliente desiste de la baja, cancele primero la baja."
            ),
            ServiceError::BeingTerminated { number } => format!(
                "The subscription has a termination under way ({number}): it is not reconnected. If the customer withdraws the termination, cancel it first."
            ),
            ServiceError::NothingOverdue { grace_days } if es => format!(
                "El cliente no tiene facturas vencidas hace más de {grace_days} días (el período de gracia): no corresponde suspender."
            ),
            ServiceError::NothingOverdue { grace_days } => format!(
                "The customer has no invoice overdue by more than {grace_days} days (the grace period): there is no ground to suspend."
            ),
            ServiceError::DebtUnpaid {
                owed,
                invoices,
                instalments,
            } if es => format!(
                "El cliente debe {} ({invoices} factura(s) impaga(s) y {instalments} cuota(s) de instalación vencida(s)): la baja total y el estado Inactivo exigen todo pagado. Registre los pagos, o pida las tres autorizaciones (créditos, gerente comercial y ofertas) en la verificación.",
                usd(owed)
            ),
            ServiceError::DebtUnpaid {
                owed,
                invoices,
                instalments,
            } => format!(
                "The customer owes {} ({invoices} unpaid invoice(s) and {instalments} due installation instalment(s)): a total termination and the Inactive status need everything paid. Record the payments, or ask for the three authorisations (credit, sales manager and offers) at the verification.",
                usd(owed)
            ),
            ServiceError::NoDebtToAuthorise if es => "El cliente no tiene deuda pendiente: no hacen falta autorizaciones. Responda «no» a «el cliente no pagará la deuda».".to_string(),
            ServiceError::NoDebtToAuthorise => "The customer has no pending debt: no authorisation is needed. Answer «no» to «the customer will not pay the debt».".to_string(),
            ServiceError::InvoiceStillOwed { invoice, balance } if es => format!(
                "La factura {invoice} todavía debe {}: la reconexión se hace con el pago confirmado. Registre el pago en Facturación y vuelva a intentarlo.",
                usd(balance)
            ),
            ServiceError::InvoiceStillOwed { invoice, balance } => format!(
                "Invoice {invoice} still owes {}: reconnection needs the payment confirmed. Record the payment in Billing and try again.",
                usd(balance)
            ),
        }
    }
}
