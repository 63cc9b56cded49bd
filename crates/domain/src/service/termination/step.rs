//! The termination's steps (DOMAIN §6) and its table: roles, fields, the three
//! authorisations a termination that leaves debt needs, and the 24 h, 4 h and 48 h limits.

use serde::{Deserialize, Serialize};

use crate::external_id::IdShape;
use crate::role::Role;
use crate::workflow::{
    Condition, FieldKind as K, FieldSpec, Need as N, ProcessStep, StepSpec, field,
};

use super::super::kind::{KeyedStep, ServiceStep, row_of};

/// A step of a termination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminationStep {
    /// 1. The customer's request, entered by the KAM with the signed letter.
    Request,
    /// 2. The KAM's verification: term, clause, penalties, pending invoices.
    Verification,
    /// 2 bis. The three authorisations a termination leaving unpaid debt needs.
    Authorisation,
    /// 3. The customer's formal confirmation, sent on.
    ConfirmationSent,
    /// 4. The service executive confirms whether debt exists (24 h).
    DebtConfirmation,
    /// 5. After payment, the request goes to the order manager.
    RequestForwarded,
    /// 6. Siebel status changed (4 h).
    StatusChange,
    /// 7. Termination work order in ServiceNow (48 h).
    WorkOrder,
    /// 8. Termination confirmed.
    Confirmed,
}

const KAM: &[Role] = &[Role::Kam];
const EXECUTIVE: &[Role] = &[Role::ServiceExecutive];
const STATUS_CHANGERS: &[Role] = &[Role::ServiceExecutive, Role::CorporateSupport];
const FOLLOWERS: &[Role] = &[Role::Presales, Role::OrderManager];
const AUTHORISERS: &[Role] = &[Role::CreditManager, Role::SalesManager, Role::Offers];

const VERIFICATION: &[FieldSpec] = &[
    field(
        "leaves_debt",
        "el cliente no pagará la deuda pendiente (requiere tres autorizaciones)",
        "the customer will not pay the pending debt (needs three authorisations)",
        K::YesNo,
        N::Required,
    ),
    field("notes", "observaciones", "notes", K::LongText, N::Optional),
];
const CONFIRMATION: &[FieldSpec] = &[
    field(
        "confirmed_on",
        "fecha de la confirmación formal del cliente",
        "date of the customer's formal confirmation",
        K::PastDate,
        N::Required,
    ),
    field(
        "confirmation",
        "confirmación del cliente (archivo)",
        "customer's confirmation (file)",
        K::File,
        N::Optional,
    ),
];
const DEBT: &[FieldSpec] = &[
    field(
        "debt_exists",
        "existe deuda en Siebel",
        "debt exists in Siebel",
        K::YesNo,
        N::Required,
    ),
    field("notes", "observaciones", "notes", K::LongText, N::Optional),
];
const FORWARD: &[FieldSpec] = &[field(
    "notes",
    "observaciones",
    "notes",
    K::LongText,
    N::Optional,
)];
const STATUS: &[FieldSpec] = &[
    field(
        "status_changed_on",
        "fecha del cambio de estado en Siebel",
        "date of the Siebel status change",
        K::PastDate,
        N::Required,
    ),
    field("notes", "observaciones", "notes", K::LongText, N::Optional),
];
const WORK_ORDER: &[FieldSpec] = &[field(
    "work_order",
    "orden de trabajo de baja en ServiceNow",
    "termination work order in ServiceNow",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
const CONFIRMED: &[FieldSpec] = &[field(
    "notes",
    "observaciones",
    "notes",
    K::LongText,
    N::Optional,
)];

const fn row(
    step: TerminationStep,
    es: &'static str,
    en: &'static str,
    roles: &'static [Role],
    fields: &'static [FieldSpec],
) -> StepSpec<TerminationStep> {
    StepSpec {
        fields,
        ..StepSpec::new(step, es, en, roles)
    }
}

/// The termination's steps, in order.
pub const TERMINATION: [StepSpec<TerminationStep>; 9] = [
    row(
        TerminationStep::Request,
        "Solicitud de baja",
        "Termination request",
        KAM,
        &[],
    ),
    row(
        TerminationStep::Verification,
        "Verificación",
        "Verification",
        KAM,
        VERIFICATION,
    ),
    StepSpec {
        when: Condition::WhenYes {
            step: TerminationStep::Verification,
            field: "leaves_debt",
        },
        deciders: AUTHORISERS,
        rejects_to: Some(TerminationStep::Verification),
        ..row(
            TerminationStep::Authorisation,
            "Autorización de baja con deuda",
            "Authorisation of a termination with debt",
            AUTHORISERS,
            &[],
        )
    },
    row(
        TerminationStep::ConfirmationSent,
        "Confirmación enviada",
        "Confirmation sent",
        KAM,
        CONFIRMATION,
    ),
    StepSpec {
        time_limit_hours: Some(24),
        ..row(
            TerminationStep::DebtConfirmation,
            "Confirmación de deuda",
            "Debt confirmation",
            EXECUTIVE,
            DEBT,
        )
    },
    row(
        TerminationStep::RequestForwarded,
        "Solicitud derivada",
        "Request forwarded",
        KAM,
        FORWARD,
    ),
    StepSpec {
        time_limit_hours: Some(4),
        ..row(
            TerminationStep::StatusChange,
            "Cambio de estado en Siebel",
            "Siebel status change",
            STATUS_CHANGERS,
            STATUS,
        )
    },
    StepSpec {
        time_limit_hours: Some(48),
        ..row(
            TerminationStep::WorkOrder,
            "Orden de trabajo",
            "Work order",
            FOLLOWERS,
            WORK_ORDER,
        )
    },
    row(
        TerminationStep::Confirmed,
        "Baja confirmada",
        "Termination confirmed",
        FOLLOWERS,
        CONFIRMED,
    ),
];

impl ProcessStep for TerminationStep {
    fn table() -> &'static [StepSpec<TerminationStep>] {
        &TERMINATION
    }

    fn spec(self) -> &'static StepSpec<TerminationStep> {
        // The table lists the steps in the enum's order (a test checks it).
        row_of(&TERMINATION, self as usize)
    }

    fn position(self) -> u8 {
        self as u8 + 1
    }
}

impl KeyedStep for TerminationStep {
    fn key(self) -> &'static str {
        match self {
            TerminationStep::Request => "request",
            TerminationStep::Verification => "verification",
            TerminationStep::Authorisation => "authorisation",
            TerminationStep::ConfirmationSent => "confirmation_sent",
            TerminationStep::DebtConfirmation => "debt_confirmation",
            TerminationStep::RequestForwarded => "request_forwarded",
            TerminationStep::StatusChange => "status_change",
            TerminationStep::WorkOrder => "work_order",
            TerminationStep::Confirmed => "confirmed",
        }
    }

    fn service(self) -> ServiceStep {
        ServiceStep::Termination(self)
    }
}
