//! What each onboarding step records: one field table per step (DOMAIN §4), read by the
//! step forms of the desktop app, the flags of the command line and the validation.

use crate::contract;
use crate::external_id::IdShape;
use crate::workflow::{FieldKind, FieldSpec, Need, field};

use FieldKind as K;
use Need as N;

pub(super) const NEEDS_SURVEY: &[FieldSpec] = &[
    field(
        "needs",
        "necesidades del cliente",
        "customer's needs",
        K::LongText,
        N::Required,
    ),
    field(
        "complex",
        "solución compleja",
        "complex solution",
        K::YesNo,
        N::Required,
    ),
];
pub(super) const APN: &[FieldSpec] = &[field(
    "apn_opportunity_id",
    "id de oportunidad APN",
    "APN opportunity id",
    K::ExternalId(IdShape::ApnOpportunity),
    N::Required,
)];
pub(super) const HLD_CHECKLIST: &[FieldSpec] = &[
    field(
        "estimate_link",
        "enlace de la estimación (AWS Pricing Calculator)",
        "estimate link (AWS Pricing Calculator)",
        K::ExternalId(IdShape::PricingCalculatorLink),
        N::Required,
    ),
    field(
        "checklist_notes",
        "notas del checklist",
        "checklist notes",
        K::LongText,
        N::Optional,
    ),
];
pub(super) const ARCHITECT: &[FieldSpec] = &[field(
    "salesforce_request_id",
    "id de solicitud en Salesforce",
    "Salesforce request id",
    K::ExternalId(IdShape::SalesforceRecord),
    N::Required,
)];
pub(super) const FEASIBILITY: &[FieldSpec] = &[field(
    "servicenow_ticket",
    "ticket de factibilidad en ServiceNow",
    "ServiceNow feasibility ticket",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
pub(super) const HLD_DESIGN: &[FieldSpec] = &[field(
    "hld_document",
    "documento HLD",
    "HLD document",
    K::File,
    N::Required,
)];
pub(super) const OFFER: &[FieldSpec] = &[
    field(
        "offer_id",
        "id de la oferta en Salesforce",
        "Salesforce offer id",
        K::ExternalId(IdShape::SalesforceRecord),
        N::Required,
    ),
    field("plans", "planes", "plans", K::Plans, N::Required),
    field(
        "price_exception",
        "excepción de precio",
        "price exception",
        K::YesNo,
        N::Required,
    ),
    field(
        "exception_detail",
        "detalle de la excepción de precio",
        "price exception detail",
        K::LongText,
        N::WhenYes("price_exception"),
    ),
    field(
        "risks",
        "riesgos que el cliente acepta",
        "risks the customer accepts",
        K::Risks,
        N::Optional,
    ),
    field(
        "risks_other",
        "otros riesgos (texto libre)",
        "other risks (free text)",
        K::LongText,
        N::Optional,
    ),
];
/// The approval, and the special terms a price exception may carry (DOMAIN §1, §6): all
/// optional, checked together by [`crate::contract::terms_recorded`].
pub(super) const OFFER_APPROVAL: &[FieldSpec] = &[
    field(
        "approval_note",
        "nota de aprobación",
        "approval note",
        K::LongText,
        N::Optional,
    ),
    contract::TERM_MONTHS,
    contract::EARLY_TERMINATION,
    contract::INSTALLATION_INVESTMENT,
    contract::INSTALLATION_INSTALMENTS,
];
pub(super) const SIGNATURE: &[FieldSpec] = &[
    field(
        "signed_offer",
        "oferta firmada",
        "signed offer",
        K::SignedPdf,
        N::Required,
    ),
    field(
        "signed_risk_act",
        "acta de aceptación de riesgos firmada",
        "signed risk acceptance act",
        K::SignedPdf,
        N::WhenOrderHasRisks,
    ),
];
pub(super) const SOW: &[FieldSpec] = &[field(
    "sow",
    "SOW (alcance del trabajo)",
    "SOW (statement of work)",
    K::File,
    N::Required,
)];
pub(super) const BACK_CASE: &[FieldSpec] = &[field(
    "case_number",
    "número de caso de validación back",
    "back validation case number",
    K::ExternalId(IdShape::SalesforceCase),
    N::Required,
)];
pub(super) const VALIDATION: &[FieldSpec] = &[field(
    "validation_note",
    "nota de validación",
    "validation note",
    K::LongText,
    N::Optional,
)];
pub(super) const SIEBEL: &[FieldSpec] = &[
    field(
        "subscriber_id",
        "Subscriber ID de Siebel",
        "Siebel Subscriber ID",
        K::ExternalId(IdShape::SiebelRowId),
        N::Required,
    ),
    field(
        "activation_date",
        "fecha de activación",
        "activation date",
        K::PastDate,
        N::Required,
    ),
];
pub(super) const PROVISIONING_CASE: &[FieldSpec] = &[field(
    "case_number",
    "número de caso de aprovisionamiento",
    "provisioning case number",
    K::ExternalId(IdShape::SalesforceCase),
    N::Required,
)];
pub(super) const SOW_COMPLETION: &[FieldSpec] = &[field(
    "completed_sow",
    "SOW completado con el Subscriber ID",
    "SOW completed with the Subscriber ID",
    K::File,
    N::Required,
)];
pub(super) const PROVISIONING_REQUEST: &[FieldSpec] = &[field(
    "servicenow_request",
    "solicitud de aprovisionamiento en ServiceNow",
    "ServiceNow provisioning request",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
pub(super) const PROVISIONING: &[FieldSpec] = &[
    field(
        "aws_accounts",
        "cuentas AWS (12 dígitos)",
        "AWS accounts (12 digits)",
        K::AwsAccounts,
        N::Required,
    ),
    field(
        "mco_reference",
        "referencia en el MCO",
        "MCO reference",
        K::ExternalId(IdShape::McoReference),
        N::Required,
    ),
    field(
        "mco_console_url",
        "dirección de la consola MCO",
        "MCO console address",
        K::HttpsUrl,
        N::Required,
    ),
    field(
        "mco_username",
        "usuario de la consola MCO",
        "MCO console user name",
        K::Text,
        N::Required,
    ),
];
pub(super) const DELIVERY_KIT: &[FieldSpec] = &[field(
    "delivery_kit",
    "Delivery KIT",
    "Delivery KIT",
    K::File,
    N::Required,
)];
pub(super) const WELCOME_KIT: &[FieldSpec] = &[
    field(
        "delivered_to",
        "entregado a (correo)",
        "delivered to (e-mail)",
        K::Email,
        N::Required,
    ),
    field(
        "delivered_on",
        "fecha de entrega",
        "delivery date",
        K::PastDate,
        N::Required,
    ),
];
pub(super) const ACCEPTANCE: &[FieldSpec] = &[
    field(
        "signed_acceptance_act",
        "acta de aceptación firmada",
        "signed acceptance act",
        K::SignedPdf,
        N::Required,
    ),
    field(
        "accepted_on",
        "fecha de aceptación",
        "acceptance date",
        K::PastDate,
        N::Required,
    ),
];
pub(super) const CLOSING: &[FieldSpec] = &[field(
    "closing_note",
    "nota de cierre",
    "closing note",
    K::LongText,
    N::Optional,
)];
