//! The refusals of the domain. Each variant is a case a user can act on: its message
//! names the rule and what to do, in the user's language, and its code is what the UI
//! and scripts branch on.

use chrono::{NaiveDate, NaiveDateTime};

use crate::code::ErrorCode;
use crate::document::{DocumentKind, Party, SignatureStateId};
use crate::lang::Lang;
use crate::order::Step;
use crate::permission::Action;
use crate::problem::FieldError;
use crate::role::Role;

/// A refusal by a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The user does not hold a role allowed to take the action.
    #[error("not allowed")]
    NotAllowed {
        /// Who asked.
        username: String,
        /// What they asked.
        action: Action,
        /// The roles that may.
        allowed: Vec<Role>,
    },
    /// The user has been deactivated.
    #[error("user inactive")]
    UserInactive {
        /// Who asked.
        username: String,
    },
    /// Some values were refused.
    #[error("invalid fields")]
    InvalidFields {
        /// Every field's problem.
        errors: Vec<FieldError>,
    },
    /// The order is completed or cancelled.
    #[error("order closed")]
    OrderClosed {
        /// The order.
        number: String,
        /// Whether it was completed (else cancelled).
        completed: bool,
    },
    /// The step asked is not the one the order waits for.
    #[error("not the current step")]
    NotCurrentStep {
        /// The order.
        number: String,
        /// The step asked.
        asked: Step,
        /// The step the order waits for.
        current: Step,
    },
    /// A customer-signature or validation step before the master contract is recorded.
    #[error("master contract missing")]
    MasterContractMissing {
        /// The step asked.
        step: Step,
        /// The customer's name.
        customer: String,
    },
    /// Siebel activation on a billing account that is missing or not of cycle 15.
    #[error("billing cycle")]
    BillingCycleNot15 {
        /// The customer's name.
        customer: String,
        /// The cycle on record, if any account is.
        cycle: Option<u8>,
    },
    /// The step's work cannot be rejected.
    #[error("not rejectable")]
    NotRejectable {
        /// The step asked.
        step: Step,
    },
    /// The step cannot be skipped.
    #[error("not skippable")]
    NotSkippable {
        /// The step asked.
        step: Step,
    },
    /// Cancellation after the service was activated in Siebel.
    #[error("too late to cancel")]
    TooLateToCancel {
        /// The order.
        number: String,
    },
    /// A step decided by several roles was asked to be completed by one person.
    #[error("decisions required")]
    DecisionsRequired {
        /// The step's name in Spanish and English.
        step: (&'static str, &'static str),
        /// The roles whose approval is missing.
        awaiting: Vec<Role>,
    },
    /// A decision on a step from a role that does not decide it.
    #[error("not a decider")]
    NotADecider {
        /// The step's name in Spanish and English.
        step: (&'static str, &'static str),
        /// The role that tried.
        role: Role,
        /// The roles that decide it.
        deciders: Vec<Role>,
    },
    /// A rejection, cancellation or skip without a reason.
    #[error("reason required")]
    ReasonRequired,
    /// The last active administrator would lose the role.
    #[error("last admin")]
    LastAdmin {
        /// Who would lose it.
        username: String,
    },
    /// The customer has no legal representative with this id (any more).
    #[error("representative not found")]
    RepresentativeNotFound {
        /// The customer's name.
        customer: String,
        /// The id asked.
        id: String,
    },
    /// The document version is not in a state that allows the action.
    #[error("document not in state")]
    DocumentNotInState {
        /// The kind of document.
        kind: DocumentKind,
        /// Its number.
        number: String,
        /// The version.
        version: u32,
        /// How it stands.
        state: SignatureStateId,
        /// What was asked (`send`, `sign`, `decline`, `void`, `expire`, `issue`).
        wanted: &'static str,
    },
    /// The document is delivered, not signed.
    #[error("document needs no signature")]
    DocumentNeedsNoSignature {
        /// The kind of document.
        kind: DocumentKind,
    },
    /// The party is not among the document's signers.
    #[error("not a signer")]
    NotASigner {
        /// The kind of document.
        kind: DocumentKind,
        /// The party asked.
        party: Party,
    },
    /// The signer signed already.
    #[error("already signed")]
    AlreadySigned {
        /// The kind of document.
        kind: DocumentKind,
        /// The party.
        party: Party,
        /// The signer's name.
        name: String,
    },
    /// An expiry date before today.
    #[error("expiry in the past")]
    ExpiryInPast {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// Expiring a document whose date has not passed (or that has none).
    #[error("not expired yet")]
    NotExpiredYet {
        /// The kind of document.
        kind: DocumentKind,
        /// Its expiry date, if any.
        expires_on: Option<NaiveDate>,
    },
    /// The document's data is not recorded yet.
    #[error("document data missing")]
    DocumentDataMissing {
        /// The kind of document.
        kind: DocumentKind,
        /// The order.
        number: String,
        /// The step that records the data.
        step: Step,
    },
    /// A process's document asked of a process that has not reached the step it is
    /// made at.
    #[error("process not there yet")]
    ProcessNotThereYet {
        /// The kind of document.
        kind: DocumentKind,
        /// The process's number.
        number: String,
        /// The step the document is made from.
        step: crate::service::ServiceStep,
    },
    /// A document asked of an order or process it does not belong to (a penalty table of
    /// an order, a suspension notice of a termination).
    #[error("not a document of it")]
    NotADocumentOf {
        /// The kind of document.
        kind: DocumentKind,
        /// The order's or process's number.
        number: String,
    },
    /// A penalty table for a termination of a standard service, which has no term.
    #[error("no penalties")]
    NoPenalties {
        /// The termination's number.
        number: String,
        /// The subscription's Subscriber ID.
        subscriber_id: String,
    },
    /// A risk act for an order whose offer records no risks.
    #[error("no risks recorded")]
    NoRisksRecorded {
        /// The order.
        number: String,
    },
    /// A step needs a signed document that is not signed.
    #[error("document not signed")]
    DocumentNotSigned {
        /// The kind of document.
        kind: DocumentKind,
        /// The step asked.
        step: Step,
    },
    /// Logged work that does not end after it starts.
    #[error("hours end not after start")]
    HoursEndNotAfterStart {
        /// When it starts, Asunción local time, to the minute.
        start: NaiveDateTime,
        /// When it ends.
        end: NaiveDateTime,
    },
    /// Logged work longer than a day.
    #[error("hours longer than a day")]
    HoursLongerThanADay {
        /// When it starts, Asunción local time, to the minute.
        start: NaiveDateTime,
        /// When it ends.
        end: NaiveDateTime,
    },
    /// Logged work that overlaps other work of the same person.
    #[error("hours overlap")]
    HoursOverlap {
        /// Who worked (username).
        person: String,
        /// When the new work starts, to the minute.
        start: NaiveDateTime,
        /// When it ends.
        end: NaiveDateTime,
        /// When the work already logged starts.
        other_start: NaiveDateTime,
        /// When it ends.
        other_end: NaiveDateTime,
    },
    /// A billing rule refused it.
    #[error(transparent)]
    Billing(#[from] crate::billing::BillingError),
    /// A rule of termination, suspension or reconnection refused it.
    #[error(transparent)]
    Service(#[from] crate::service::ServiceError),
}

impl DomainError {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            DomainError::NotAllowed { .. } => ErrorCode::NotAllowed,
            DomainError::UserInactive { .. } => ErrorCode::UserInactive,
            DomainError::InvalidFields { .. } => ErrorCode::InvalidFields,
            DomainError::OrderClosed { .. } => ErrorCode::OrderClosed,
            DomainError::NotCurrentStep { .. } => ErrorCode::NotCurrentStep,
            DomainError::MasterContractMissing { .. } => ErrorCode::MasterContractMissing,
            DomainError::BillingCycleNot15 { .. } => ErrorCode::BillingCycleNot15,
            DomainError::NotRejectable { .. } => ErrorCode::NotRejectable,
            DomainError::NotSkippable { .. } => ErrorCode::NotSkippable,
            DomainError::TooLateToCancel { .. } => ErrorCode::TooLateToCancel,
            DomainError::DecisionsRequired { .. } => ErrorCode::DecisionsRequired,
            DomainError::NotADecider { .. } => ErrorCode::NotADecider,
            DomainError::ReasonRequired => ErrorCode::ReasonRequired,
            DomainError::LastAdmin { .. } => ErrorCode::LastAdmin,
            DomainError::RepresentativeNotFound { .. } => ErrorCode::RepresentativeNotFound,
            DomainError::DocumentNotInState { .. } => ErrorCode::DocumentNotInState,
            DomainError::DocumentNeedsNoSignature { .. } => ErrorCode::DocumentNeedsNoSignature,
            DomainError::NotASigner { .. } => ErrorCode::NotASigner,
            DomainError::AlreadySigned { .. } => ErrorCode::AlreadySigned,
            DomainError::ExpiryInPast { .. } => ErrorCode::ExpiryInPast,
            DomainError::NotExpiredYet { .. } => ErrorCode::NotExpiredYet,
            DomainError::DocumentDataMissing { .. }
            | DomainError::ProcessNotThereYet { .. }
            | DomainError::NoPenalties { .. } => ErrorCode::DocumentDataMissing,
            DomainError::NotADocumentOf { .. } => ErrorCode::InvalidFields,
            DomainError::NoRisksRecorded { .. } => ErrorCode::NoRisksRecorded,
            DomainError::DocumentNotSigned { .. } => ErrorCode::DocumentNotSigned,
            DomainError::HoursEndNotAfterStart { .. } => ErrorCode::HoursEndNotAfterStart,
            DomainError::HoursLongerThanADay { .. } => ErrorCode::HoursLongerThanADay,
            DomainError::HoursOverlap { .. } => ErrorCode::HoursOverlap,
            DomainError::Billing(e) => e.code(),
            DomainError::Service(e) => e.code(),
        }
    }

    /// The message in the user's language: the rule, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        // Grouped by area so that each group's words stay readable; the match is
        // exhaustive, so a new variant must be given a group.
        let message = match self {
            DomainError::NotAllowed { .. }
            | DomainError::UserInactive { .. }
            | DomainError::InvalidFields { .. }
            | DomainError::LastAdmin { .. }
            | DomainError::RepresentativeNotFound { .. } => self.access_message(lang),
            DomainError::OrderClosed { .. }
            | DomainError::NotCurrentStep { .. }
            | DomainError::MasterContractMissing { .. }
            | DomainError::BillingCycleNot15 { .. }
            | DomainError::NotRejectable { .. }
            | DomainError::NotSkippable { .. }
            | DomainError::TooLateToCancel { .. }
            | DomainError::DecisionsRequired { .. }
            | DomainError::NotADecider { .. }
            | DomainError::ReasonRequired => self.workflow_message(lang),
            DomainError::DocumentNotInState { .. }
            | DomainError::DocumentNeedsNoSignature { .. }
            | DomainError::NotASigner { .. }
            | DomainError::AlreadySigned { .. }
            | DomainError::ExpiryInPast { .. }
            | DomainError::NotExpiredYet { .. }
            | DomainError::DocumentDataMissing { .. }
            | DomainError::ProcessNotThereYet { .. }
            | DomainError::NotADocumentOf { .. }
            | DomainError::NoPenalties { .. }
            | DomainError::NoRisksRecorded { .. }
            | DomainError::DocumentNotSigned { .. } => self.document_message(lang),
            DomainError::HoursEndNotAfterStart { .. }
            | DomainError::HoursLongerThanADay { .. }
            | DomainError::HoursOverlap { .. } => self.billing_message(lang),
            DomainError::Billing(e) => Some(e.message(lang)),
            DomainError::Service(e) => Some(e.message(lang)),
        };
        message.unwrap_or_default()
    }

    /// Users, roles, fields and representatives.
    fn access_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
            DomainError::NotAllowed {
                username,
                action,
                allowed,
            } => {
                let what = describe_action(*action, lang);
                let who = Role::list(allowed, lang);
                if es {
                    format!(
                        "El usuario {username} no puede {what}: solo puede hacerlo {who}. Pida a un usuario con ese rol que lo haga, o a un administrador que le asigne el rol."
                    )
                } else {
                    format!(
                        "User {username} may not {what}: only {who} may. Ask a user with that role to do it, or an administrator to grant you the role."
                    )
                }
            }
            DomainError::UserInactive { username } => {
                if es {
                    format!(
                        "el usuario {username} está desactivado; un administrador puede reactivarlo"
                    )
                } else {
                    format!("user {username} is deactivated; an administrator can reactivate it")
                }
            }
            DomainError::InvalidFields { errors } => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
            DomainError::LastAdmin { username } => {
                if es {
                    format!(
                        "{username} es el único administrador activo; asigne el rol a otra persona antes de quitárselo"
                    )
                } else {
                    format!(
                        "{username} is the only active administrator; grant the role to someone else before removing it"
                    )
                }
            }
            DomainError::RepresentativeNotFound { customer, id } => {
                if es {
                    format!(
                        "{customer} no tiene un representante legal con id {id}: quizás otra persona ya lo quitó. Vuelva a abrir el cliente para ver sus representantes actuales."
                    )
                } else {
                    format!(
                        "{customer} has no legal representative with id {id}: someone may have removed it already. Open the customer again to see its current representatives."
                    )
                }
            }
            _ => return None,
        })
    }

    /// Where an order stands in its steps, and what a step needs first.
    fn workflow_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
            DomainError::OrderClosed { number, completed } => match (es, completed) {
                (true, true) => {
                    format!("el pedido {number} ya está completado; no admite más cambios")
                }
                (true, false) => {
                    format!("el pedido {number} está cancelado; no admite más cambios")
                }
                (false, true) => {
                    format!("order {number} is already completed; it takes no more changes")
                }
                (false, false) => format!("order {number} is cancelled; it takes no more changes"),
            },
            DomainError::NotCurrentStep {
                number,
                asked,
                current,
            } => {
                if es {
                    format!(
                        "el pedido {number} espera el paso {} «{}», no el {} «{}»",
                        current.number(),
                        current.name(lang),
                        asked.number(),
                        asked.name(lang)
                    )
                } else {
                    format!(
                        "order {number} is waiting for step {} «{}», not step {} «{}»",
                        current.number(),
                        current.name(lang),
                        asked.number(),
                        asked.name(lang)
                    )
                }
            }
            DomainError::MasterContractMissing { step, customer } => {
                if es {
                    format!(
                        "el paso {} «{}» requiere el Contrato Marco de Soluciones firmado, y {customer} no lo tiene registrado: regístrelo primero en la ficha del cliente (fecha y referencia)",
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "step {} «{}» requires the signed Master Solutions Contract, and {customer} has none on record: record it first on the customer's page (date and reference)",
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::BillingCycleNot15 { customer, cycle } => match (es, cycle) {
                (true, Some(c)) => format!(
                    "la activación en Siebel requiere una cuenta de facturación de ciclo 15, y la de {customer} es de ciclo {c}: registre una cuenta de ciclo 15"
                ),
                (true, None) => format!(
                    "la activación en Siebel requiere una cuenta de facturación de ciclo 15, y {customer} no tiene cuenta registrada: regístrela en la ficha del cliente"
                ),
                (false, Some(c)) => format!(
                    "Siebel activation requires a billing account of cycle 15, and {customer}'s is of cycle {c}: record a cycle-15 account"
                ),
                (false, None) => format!(
                    "Siebel activation requires a billing account of cycle 15, and {customer} has none on record: record it on the customer's page"
                ),
            },
            DomainError::NotRejectable { step } => {
                if es {
                    format!(
                        "el paso {} «{}» no se puede rechazar; solo la aprobación de la oferta (8) y la validación de documentos (12) se rechazan",
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "step {} «{}» cannot be rejected; only the offer approval (8) and the document validation (12) can",
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::NotSkippable { step } => {
                if es {
                    format!(
                        "el paso {} «{}» no es opcional; solo la solicitud de factibilidad (5) se puede omitir",
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "step {} «{}» is not optional; only the feasibility request (5) can be skipped",
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::TooLateToCancel { number } => {
                if es {
                    format!(
                        "el pedido {number} ya fue activado en Siebel y no se puede cancelar; el servicio se da de baja con el flujo de baja"
                    )
                } else {
                    format!(
                        "order {number} was already activated in Siebel and cannot be cancelled; the service is ended through termination"
                    )
                }
            }
            DomainError::DecisionsRequired { step, awaiting } => {
                let (name, who) = (lang.pick(step.0, step.1), Role::list(awaiting, lang));
                if es {
                    format!(
                        "el paso «{name}» no se completa: lo deciden varios roles, y falta la aprobación de {who}; cada uno registra su decisión con su motivo"
                    )
                } else {
                    format!(
                        "step «{name}» is not completed by one person: several roles decide it, and {who} have not approved yet; each records its decision with a reason"
                    )
                }
            }
            DomainError::NotADecider {
                step,
                role,
                deciders,
            } => {
                let name = lang.pick(step.0, step.1);
                let (role, who) = (role.name(lang), Role::list(deciders, lang));
                if es {
                    format!(
                        "el rol {role} no decide el paso «{name}»: lo deciden {who}; pida a quien tenga uno de esos roles que registre su decisión"
                    )
                } else {
                    format!(
                        "the {role} role does not decide step «{name}»: {who} do; ask someone holding one of those roles to record the decision"
                    )
                }
            }
            DomainError::ReasonRequired => lang
                .pick(
                    "falta el motivo: escriba por qué (por ejemplo «precio fuera de política»)",
                    "the reason is missing: write why (for example «price outside policy»)",
                )
                .to_string(),
            _ => return None,
        })
    }

    /// Documents and their signatures.
    fn document_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        Some(match self {
            DomainError::DocumentNotInState {
                kind,
                number,
                version,
                state,
                wanted,
            } => {
                let name = kind.name(lang);
                let st = state.name(lang);
                let what = describe_wanted(wanted, lang);
                if es {
                    format!(
                        "{name} {number} versión {version} está {st} y no se puede {what}; si hace falta, genere una versión nueva del documento"
                    )
                } else {
                    format!(
                        "{name} {number} version {version} is {st} and cannot be {what}; if needed, generate a new version of the document"
                    )
                }
            }
            DomainError::DocumentNeedsNoSignature { kind } => {
                if es {
                    format!(
                        "el {} se entrega al cliente y no se firma; regístrelo como enviado",
                        kind.name(lang)
                    )
                } else {
                    format!(
                        "the {} is delivered to the customer, not signed; record it as sent",
                        kind.name(lang)
                    )
                }
            }
            DomainError::NotASigner { kind, party } => {
                if es {
                    format!(
                        "{} no firma el documento «{}»; firman solo el representante legal del cliente y el de la organización",
                        party.name(lang),
                        kind.name(lang)
                    )
                } else {
                    format!(
                        "{} does not sign «{}»; only the customer's legal representative and the organisation's representative sign it",
                        party.name(lang),
                        kind.name(lang)
                    )
                }
            }
            DomainError::AlreadySigned { kind, party, name } => {
                if es {
                    format!(
                        "{name} ({}) ya firmó «{}»; registre la firma del otro firmante, o vea el estado con «nimbo doc list»",
                        party.name(lang),
                        kind.name(lang)
                    )
                } else {
                    format!(
                        "{name} ({}) already signed «{}»; record the other signer's signature, or see its state with «nimbo doc list»",
                        party.name(lang),
                        kind.name(lang)
                    )
                }
            }
            DomainError::ExpiryInPast { date, today } => {
                if es {
                    format!(
                        "la fecha de vencimiento {} ya pasó (hoy es {}); elija una fecha de hoy en adelante",
                        date.format("%d/%m/%Y"),
                        today.format("%d/%m/%Y")
                    )
                } else {
                    format!(
                        "the expiry date {} has passed (today is {}); choose a date from today on",
                        date.format("%d/%m/%Y"),
                        today.format("%d/%m/%Y")
                    )
                }
            }
            DomainError::NotExpiredYet { kind, expires_on } => match (es, expires_on) {
                (true, Some(d)) => format!(
                    "«{}» vence después del {}; podrá marcarse vencido a partir del día siguiente",
                    kind.name(lang),
                    d.format("%d/%m/%Y")
                ),
                (true, None) => format!(
                    "«{}» no tiene fecha de vencimiento; al enviarlo indique una (--expires)",
                    kind.name(lang)
                ),
                (false, Some(d)) => format!(
                    "«{}» expires after {}; it can be marked expired from the day after",
                    kind.name(lang),
                    d.format("%d/%m/%Y")
                ),
                (false, None) => format!(
                    "«{}» has no expiry date; give one when sending it (--expires)",
                    kind.name(lang)
                ),
            },
            DomainError::DocumentDataMissing { kind, number, step } => {
                if es {
                    format!(
                        "el documento «{}» del pedido {number} se arma con lo que registra el paso {} «{}», que aún no está hecho; complete ese paso primero",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "«{}» of order {number} is made from what step {} «{}» records, which is not done yet; complete that step first",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::ProcessNotThereYet { kind, number, step } if kind.made_from_its_step() => {
                if es {
                    format!(
                        "«{}» de {number} se arma con lo que registra el paso {} «{}», que aún no está hecho; complete ese paso primero",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "«{}» of {number} is made from what step {} «{}» records, which is not done yet; complete that step first",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::ProcessNotThereYet { kind, number, step } => {
                if es {
                    format!(
                        "«{}» de {number} se genera desde el paso {} «{}», al que el trámite aún no llegó; complete los pasos anteriores primero",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                } else {
                    format!(
                        "«{}» of {number} is made from step {} «{}», which the process has not reached yet; complete the steps before it first",
                        kind.name(lang),
                        step.number(),
                        step.name(lang)
                    )
                }
            }
            DomainError::NotADocumentOf { kind, number } => {
                if es {
                    format!(
                        "{number} no lleva «{}»: ese documento es de {}",
                        kind.name(lang),
                        match kind.process_step() {
                            Some(s) => format!("una {}", s.kind().name(lang).to_lowercase()),
                            None => "un pedido".into(),
                        }
                    )
                } else {
                    format!(
                        "{number} has no «{}»: that document belongs to {}",
                        kind.name(lang),
                        match kind.process_step() {
                            Some(s) => format!("a {}", s.kind().name(lang).to_lowercase()),
                            None => "an order".into(),
                        }
                    )
                }
            }
            DomainError::NoPenalties {
                number,
                subscriber_id,
            } => {
                if es {
                    format!(
                        "la suscripción {subscriber_id} de {number} es un servicio estándar, sin plazo: no hay penalidades, así que no lleva tabla de penalidades"
                    )
                } else {
                    format!(
                        "subscription {subscriber_id} of {number} is a standard service with no term: there are no penalties, so it needs no penalty table"
                    )
                }
            }
            DomainError::NoRisksRecorded { number } => {
                if es {
                    format!(
                        "la oferta del pedido {number} no registra riesgos que el cliente acepte, así que no lleva acta de aceptación de riesgos"
                    )
                } else {
                    format!(
                        "the offer of order {number} records no risks the customer accepts, so it needs no risk acceptance act"
                    )
                }
            }
            DomainError::DocumentNotSigned { kind, step } => {
                if es {
                    format!(
                        "el paso {} «{}» requiere «{}» firmado; registre las firmas (nimbo doc sign / doc attach-signed) o adjunte la copia firmada en el paso",
                        step.number(),
                        step.name(lang),
                        kind.name(lang)
                    )
                } else {
                    format!(
                        "step {} «{}» needs «{}» signed; record the signatures (nimbo doc sign / doc attach-signed) or attach the signed copy to the step",
                        step.number(),
                        step.name(lang),
                        kind.name(lang)
                    )
                }
            }

            _ => return None,
        })
    }

    /// The hours log of billing.
    fn billing_message(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        let shown = |at: &NaiveDateTime| at.format("%d/%m/%Y %H:%M").to_string();
        Some(match self {
            DomainError::HoursEndNotAfterStart { start, end } => {
                let (start, end) = (shown(start), shown(end));
                if es {
                    format!(
                        "El trabajo termina ({end}) antes de empezar o en el mismo minuto ({start}); corrija el inicio o el fin"
                    )
                } else {
                    format!(
                        "The work ends ({end}) before or in the same minute as it starts ({start}); correct the start or the end"
                    )
                }
            }
            DomainError::HoursLongerThanADay { start, end } => {
                let minutes = (*end - *start).num_minutes();
                let (h, m) = (minutes / 60, minutes % 60);
                let (start, end) = (shown(start), shown(end));
                if es {
                    format!(
                        "El trabajo del {start} al {end} dura {h} h {m} min, más de 24 horas; regístrelo en intervalos de un día como máximo"
                    )
                } else {
                    format!(
                        "The work from {start} to {end} lasts {h} h {m} min, more than 24 hours; log it in intervals of a day at most"
                    )
                }
            }
            DomainError::HoursOverlap {
                person,
                start,
                end,
                other_start,
                other_end,
            } => {
                let (start, end) = (shown(start), shown(end));
                let (other_start, other_end) = (shown(other_start), shown(other_end));
                if es {
                    format!(
                        "{person} ya tiene trabajo registrado del {other_start} al {other_end}, que se superpone con este ({start} a {end}); corrija uno de los dos"
                    )
                } else {
                    format!(
                        "{person} already has work logged from {other_start} to {other_end}, which overlaps this one ({start} to {end}); correct one of them"
                    )
                }
            }
            _ => return None,
        })
    }
}

fn describe_wanted(wanted: &str, lang: Lang) -> &'static str {
    match wanted {
        "issue" => lang.pick("emitir", "issued"),
        "send" => lang.pick("enviar", "sent"),
        "sign" => lang.pick("firmar", "signed"),
        "decline" => lang.pick("rechazar", "declined"),
        "void" => lang.pick("anular", "voided"),
        "expire" => lang.pick("marcar vencido", "marked expired"),
        _ => lang.pick("cambiar", "changed"),
    }
}

fn describe_action(action: Action, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match action {
        Action::ManageUsers => lang
            .pick("administrar usuarios y roles", "manage users and roles")
            .into(),
        Action::EditOrganisation => lang
            .pick("editar la organización", "edit the organisation")
            .into(),
        Action::CreateCustomer => lang.pick("crear clientes", "create customers").into(),
        Action::EditCustomer => lang.pick("editar clientes", "edit customers").into(),
        Action::CreateOrder => lang.pick("crear pedidos", "create orders").into(),
        Action::CompleteStep(s) if es => {
            format!("completar el paso {} «{}»", s.number(), s.name(lang))
        }
        Action::CompleteStep(s) => format!("complete step {} «{}»", s.number(), s.name(lang)),
        Action::RejectStep(s) if es => {
            format!("rechazar en el paso {} «{}»", s.number(), s.name(lang))
        }
        Action::RejectStep(s) => format!("reject at step {} «{}»", s.number(), s.name(lang)),
        Action::SkipStep(s) if es => format!("omitir el paso {} «{}»", s.number(), s.name(lang)),
        Action::SkipStep(s) => format!("skip step {} «{}»", s.number(), s.name(lang)),
        Action::CancelOrder => lang.pick("cancelar pedidos", "cancel orders").into(),
        Action::GenerateDocument(kind) if es => format!("generar «{}»", kind.name(lang)),
        Action::GenerateDocument(kind) => format!("generate «{}»", kind.name(lang)),
        Action::SendDocument => lang
            .pick("enviar documentos a firmar", "send documents for signature")
            .into(),
        Action::RecordSignature => lang
            .pick(
                "registrar firmas o rechazos de documentos",
                "record signatures or refusals of documents",
            )
            .into(),
        Action::VoidDocument => lang.pick("anular documentos", "void documents").into(),
        Action::EditCatalogue => lang
            .pick(
                "cambiar el catálogo (planes, precios, riesgos y feriados)",
                "change the catalogue (plans, prices, risks and holidays)",
            )
            .into(),
        Action::ImportConsumption => lang
            .pick("importar el consumo de AWS", "import AWS consumption")
            .into(),
        Action::LogHours => lang
            .pick("registrar horas profesionales", "log professional hours")
            .into(),
        Action::AdjustCharges => lang
            .pick(
                "registrar ajustes de facturación",
                "record billing adjustments",
            )
            .into(),
        Action::LockPeriod => lang
            .pick("cerrar y exportar un período", "lock and export a period")
            .into(),
        Action::RecordInvoice => lang.pick("registrar facturas", "record invoices").into(),
        Action::RecordPayment => lang.pick("registrar pagos", "record payments").into(),
        Action::IssueStatement => lang
            .pick("emitir estados de cuenta", "issue statements")
            .into(),
        Action::ServiceStep(s) if es => format!(
            "hacer el paso {} «{}» de la {}",
            s.number(),
            s.name(lang),
            s.kind().name(lang).to_lowercase()
        ),
        Action::ServiceStep(s) => format!(
            "take step {} «{}» of the {}",
            s.number(),
            s.name(lang),
            s.kind().name(lang).to_lowercase()
        ),
        Action::CancelProcess(k) if es => {
            format!("cancelar una {}", k.name(lang).to_lowercase())
        }
        Action::CancelProcess(k) => format!("cancel a {}", k.name(lang).to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One refusal of every kind, as the areas of `message` group them.
    fn one_of_each() -> Vec<DomainError> {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        let name = ("Autorización", "Authorisation");
        let kind = DocumentKind::AcceptanceAct;
        vec![
            DomainError::NotAllowed {
                username: "ana".into(),
                action: Action::CreateOrder,
                allowed: vec![Role::Kam],
            },
            DomainError::UserInactive {
                username: "ana".into(),
            },
            DomainError::InvalidFields { errors: vec![] },
            DomainError::OrderClosed {
                number: "P-1".into(),
                completed: true,
            },
            DomainError::NotCurrentStep {
                number: "P-1".into(),
                asked: Step::Offer,
                current: Step::Sow,
            },
            DomainError::MasterContractMissing {
                step: Step::CustomerSignature,
                customer: "C".into(),
            },
            DomainError::BillingCycleNot15 {
                customer: "C".into(),
                cycle: Some(1),
            },
            DomainError::NotRejectable { step: Step::Sow },
            DomainError::NotSkippable { step: Step::Sow },
            DomainError::TooLateToCancel {
                number: "P-1".into(),
            },
            DomainError::DecisionsRequired {
                step: name,
                awaiting: vec![Role::Offers],
            },
            DomainError::NotADecider {
                step: name,
                role: Role::Kam,
                deciders: vec![Role::Offers],
            },
            DomainError::ReasonRequired,
            DomainError::LastAdmin {
                username: "ana".into(),
            },
            DomainError::RepresentativeNotFound {
                customer: "C".into(),
                id: "x".into(),
            },
            DomainError::DocumentNotInState {
                kind,
                number: "D-1".into(),
                version: 1,
                state: SignatureStateId::Draft,
                wanted: "send",
            },
            DomainError::DocumentNeedsNoSignature {
                kind: DocumentKind::WelcomeKit,
            },
            DomainError::NotASigner {
                kind,
                party: Party::Customer,
            },
            DomainError::AlreadySigned {
                kind,
                party: Party::Customer,
                name: "N".into(),
            },
            DomainError::ExpiryInPast {
                date: day,
                today: day,
            },
            DomainError::NotExpiredYet {
                kind,
                expires_on: Some(day),
            },
            DomainError::DocumentDataMissing {
                kind,
                number: "P-1".into(),
                step: Step::Provisioning,
            },
            DomainError::NoRisksRecorded {
                number: "P-1".into(),
            },
            DomainError::ProcessNotThereYet {
                kind: DocumentKind::PenaltyTable,
                number: "BAJ-1".into(),
                step: crate::service::ServiceStep::Termination(
                    crate::service::TerminationStep::Verification,
                ),
            },
            DomainError::NotADocumentOf {
                kind: DocumentKind::PenaltyTable,
                number: "P-1".into(),
            },
            DomainError::NoPenalties {
                number: "BAJ-1".into(),
                subscriber_id: "S-1".into(),
            },
            DomainError::DocumentNotSigned {
                kind: DocumentKind::RiskAct,
                step: Step::DocumentValidation,
            },
            DomainError::HoursEndNotAfterStart {
                start: day.and_hms_opt(19, 0, 0).expect("a time"),
                end: day.and_hms_opt(17, 0, 0).expect("a time"),
            },
            DomainError::HoursLongerThanADay {
                start: day.and_hms_opt(8, 0, 0).expect("a time"),
                end: day.and_hms_opt(8, 0, 0).expect("a time") + chrono::Duration::hours(25),
            },
            DomainError::HoursOverlap {
                person: "ana".into(),
                start: day.and_hms_opt(11, 0, 0).expect("a time"),
                end: day.and_hms_opt(13, 0, 0).expect("a time"),
                other_start: day.and_hms_opt(9, 0, 0).expect("a time"),
                other_end: day.and_hms_opt(12, 0, 0).expect("a time"),
            },
        ]
    }

    #[test]
    fn every_refusal_says_what_to_do_in_spanish_and_english() {
        for error in one_of_each() {
            for lang in [Lang::Es, Lang::En] {
                let message = error.message(lang);
                let empty_list = matches!(error, DomainError::InvalidFields { .. });
                assert!(
                    empty_list || !message.trim().is_empty(),
                    "{error:?} has no words in {lang:?}"
                );
            }
        }
    }
}
