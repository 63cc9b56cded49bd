//! The 22 steps of the onboarding (DOMAIN §4): their order, role, branch and what each
//! records. The forms of the desktop app and the flags of the command line are derived
//! from this table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::external_id::IdShape;
use crate::lang::Lang;
use crate::role::Role;

/// A step of the onboarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 1. Needs survey.
    NeedsSurvey,
    /// 2. APN opportunity.
    ApnOpportunity,
    /// 3. HLD checklist (complex).
    HldChecklist,
    /// 4. Architect request (complex).
    ArchitectRequest,
    /// 5. Feasibility request (complex, optional).
    FeasibilityRequest,
    /// 6. HLD design (complex).
    HldDesign,
    /// 7. Offer.
    Offer,
    /// 8. Offer approval (price exception).
    OfferApproval,
    /// 9. Customer signature.
    CustomerSignature,
    /// 10. Statement of work.
    Sow,
    /// 11. Back validation case.
    BackValidationCase,
    /// 12. Document validation.
    DocumentValidation,
    /// 13. Siebel activation.
    SiebelActivation,
    /// 14. Provisioning case.
    ProvisioningCase,
    /// 15. SOW completion.
    SowCompletion,
    /// 16. Provisioning request.
    ProvisioningRequest,
    /// 17. Provisioning on AWS and the MCO.
    Provisioning,
    /// 18. Delivery KIT.
    DeliveryKit,
    /// 19. Welcome KIT.
    WelcomeKit,
    /// 20. Acceptance act.
    AcceptanceAct,
    /// 21. Close the provisioning case.
    CloseProvisioningCase,
    /// 22. Close the back validation case.
    CloseBackValidation,
}

/// When a step is part of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Branch {
    /// Every order.
    Always,
    /// Only orders flagged as a complex solution at the needs survey.
    Complex,
    /// Only orders whose offer carries a price exception.
    PriceException,
}

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "shape", rename_all = "snake_case")]
pub enum FieldKind {
    /// A short text.
    Text,
    /// A longer free text.
    LongText,
    /// Yes or no.
    YesNo,
    /// A date not later than today.
    PastDate,
    /// An e-mail address.
    Email,
    /// An https:// address.
    HttpsUrl,
    /// An id of an external system.
    ExternalId(IdShape),
    /// One or more AWS account ids.
    AwsAccounts,
    /// One or more plan codes of the catalogue.
    Plans,
    /// Risk codes of the catalogue.
    Risks,
    /// A file.
    File,
    /// A signed copy: a scanned or digitally signed PDF (DOMAIN §7).
    SignedPdf,
}

impl FieldKind {
    /// Whether the value is a file attached rather than typed.
    pub fn is_file(self) -> bool {
        matches!(self, FieldKind::File | FieldKind::SignedPdf)
    }
}

/// When a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "when", content = "field", rename_all = "snake_case")]
pub enum Need {
    /// Always.
    Required,
    /// Never.
    Optional,
    /// When the order records risks the customer accepts.
    WhenOrderHasRisks,
    /// When the named yes/no field of the same step is yes.
    WhenYes(&'static str),
}

/// One field a step records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// The key, as the command line and the UI name it.
    pub key: &'static str,
    /// The label in Spanish.
    pub label_es: &'static str,
    /// The label in English.
    pub label_en: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// When it must be given.
    pub need: Need,
}

impl FieldSpec {
    /// The label in the user's language.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label_es, self.label_en)
    }
}

const fn f(
    key: &'static str,
    es: &'static str,
    en: &'static str,
    kind: FieldKind,
    need: Need,
) -> FieldSpec {
    FieldSpec {
        key,
        label_es: es,
        label_en: en,
        kind,
        need,
    }
}

use FieldKind as K;
use Need as N;

const NEEDS_SURVEY: &[FieldSpec] = &[
    f(
        "needs",
        "necesidades del cliente",
        "customer's needs",
        K::LongText,
        N::Required,
    ),
    f(
        "complex",
        "solución compleja",
        "complex solution",
        K::YesNo,
        N::Required,
    ),
];
const APN: &[FieldSpec] = &[f(
    "apn_opportunity_id",
    "id de oportunidad APN",
    "APN opportunity id",
    K::ExternalId(IdShape::ApnOpportunity),
    N::Required,
)];
const HLD_CHECKLIST: &[FieldSpec] = &[
    f(
        "estimate_link",
        "enlace de la estimación (AWS Pricing Calculator)",
        "estimate link (AWS Pricing Calculator)",
        K::ExternalId(IdShape::PricingCalculatorLink),
        N::Required,
    ),
    f(
        "checklist_notes",
        "notas del checklist",
        "checklist notes",
        K::LongText,
        N::Optional,
    ),
];
const ARCHITECT: &[FieldSpec] = &[f(
    "salesforce_request_id",
    "id de solicitud en Salesforce",
    "Salesforce request id",
    K::ExternalId(IdShape::SalesforceRecord),
    N::Required,
)];
const FEASIBILITY: &[FieldSpec] = &[f(
    "servicenow_ticket",
    "ticket de factibilidad en ServiceNow",
    "ServiceNow feasibility ticket",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
const HLD_DESIGN: &[FieldSpec] = &[f(
    "hld_document",
    "documento HLD",
    "HLD document",
    K::File,
    N::Required,
)];
const OFFER: &[FieldSpec] = &[
    f(
        "offer_id",
        "id de la oferta en Salesforce",
        "Salesforce offer id",
        K::ExternalId(IdShape::SalesforceRecord),
        N::Required,
    ),
    f("plans", "planes", "plans", K::Plans, N::Required),
    f(
        "price_exception",
        "excepción de precio",
        "price exception",
        K::YesNo,
        N::Required,
    ),
    f(
        "exception_detail",
        "detalle de la excepción de precio",
        "price exception detail",
        K::LongText,
        N::WhenYes("price_exception"),
    ),
    f(
        "risks",
        "riesgos que el cliente acepta",
        "risks the customer accepts",
        K::Risks,
        N::Optional,
    ),
    f(
        "risks_other",
        "otros riesgos (texto libre)",
        "other risks (free text)",
        K::LongText,
        N::Optional,
    ),
];
const OFFER_APPROVAL: &[FieldSpec] = &[f(
    "approval_note",
    "nota de aprobación",
    "approval note",
    K::LongText,
    N::Optional,
)];
const SIGNATURE: &[FieldSpec] = &[
    f(
        "signed_offer",
        "oferta firmada",
        "signed offer",
        K::SignedPdf,
        N::Required,
    ),
    f(
        "signed_risk_act",
        "acta de aceptación de riesgos firmada",
        "signed risk acceptance act",
        K::SignedPdf,
        N::WhenOrderHasRisks,
    ),
];
const SOW: &[FieldSpec] = &[f(
    "sow",
    "SOW (alcance del trabajo)",
    "SOW (statement of work)",
    K::File,
    N::Required,
)];
const BACK_CASE: &[FieldSpec] = &[f(
    "case_number",
    "número de caso de validación back",
    "back validation case number",
    K::ExternalId(IdShape::SalesforceCase),
    N::Required,
)];
const VALIDATION: &[FieldSpec] = &[f(
    "validation_note",
    "nota de validación",
    "validation note",
    K::LongText,
    N::Optional,
)];
const SIEBEL: &[FieldSpec] = &[
    f(
        "subscriber_id",
        "Subscriber ID de Siebel",
        "Siebel Subscriber ID",
        K::ExternalId(IdShape::SiebelRowId),
        N::Required,
    ),
    f(
        "activation_date",
        "fecha de activación",
        "activation date",
        K::PastDate,
        N::Required,
    ),
];
const PROVISIONING_CASE: &[FieldSpec] = &[f(
    "case_number",
    "número de caso de aprovisionamiento",
    "provisioning case number",
    K::ExternalId(IdShape::SalesforceCase),
    N::Required,
)];
const SOW_COMPLETION: &[FieldSpec] = &[f(
    "completed_sow",
    "SOW completado con el Subscriber ID",
    "SOW completed with the Subscriber ID",
    K::File,
    N::Required,
)];
const PROVISIONING_REQUEST: &[FieldSpec] = &[f(
    "servicenow_request",
    "solicitud de aprovisionamiento en ServiceNow",
    "ServiceNow provisioning request",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
const PROVISIONING: &[FieldSpec] = &[
    f(
        "aws_accounts",
        "cuentas AWS (12 dígitos)",
        "AWS accounts (12 digits)",
        K::AwsAccounts,
        N::Required,
    ),
    f(
        "mco_reference",
        "referencia en el MCO",
        "MCO reference",
        K::ExternalId(IdShape::McoReference),
        N::Required,
    ),
    f(
        "mco_console_url",
        "dirección de la consola MCO",
        "MCO console address",
        K::HttpsUrl,
        N::Required,
    ),
    f(
        "mco_username",
        "usuario de la consola MCO",
        "MCO console user name",
        K::Text,
        N::Required,
    ),
];
const DELIVERY_KIT: &[FieldSpec] = &[f(
    "delivery_kit",
    "Delivery KIT",
    "Delivery KIT",
    K::File,
    N::Required,
)];
const WELCOME_KIT: &[FieldSpec] = &[
    f(
        "delivered_to",
        "entregado a (correo)",
        "delivered to (e-mail)",
        K::Email,
        N::Required,
    ),
    f(
        "delivered_on",
        "fecha de entrega",
        "delivery date",
        K::PastDate,
        N::Required,
    ),
];
const ACCEPTANCE: &[FieldSpec] = &[
    f(
        "signed_acceptance_act",
        "acta de aceptación firmada",
        "signed acceptance act",
        K::SignedPdf,
        N::Required,
    ),
    f(
        "accepted_on",
        "fecha de aceptación",
        "acceptance date",
        K::PastDate,
        N::Required,
    ),
];
const CLOSING: &[FieldSpec] = &[f(
    "closing_note",
    "nota de cierre",
    "closing note",
    K::LongText,
    N::Optional,
)];

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 22] = [
        Step::NeedsSurvey,
        Step::ApnOpportunity,
        Step::HldChecklist,
        Step::ArchitectRequest,
        Step::FeasibilityRequest,
        Step::HldDesign,
        Step::Offer,
        Step::OfferApproval,
        Step::CustomerSignature,
        Step::Sow,
        Step::BackValidationCase,
        Step::DocumentValidation,
        Step::SiebelActivation,
        Step::ProvisioningCase,
        Step::SowCompletion,
        Step::ProvisioningRequest,
        Step::Provisioning,
        Step::DeliveryKit,
        Step::WelcomeKit,
        Step::AcceptanceAct,
        Step::CloseProvisioningCase,
        Step::CloseBackValidation,
    ];

    /// The step's number, 1 to 22.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The step of a number, 1 to 22.
    pub fn from_number(n: u8) -> Option<Step> {
        Step::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The role that performs the step.
    pub fn role(self) -> Role {
        self.roles()[0]
    }

    /// The roles that may perform the step (one per step in the procedure).
    pub fn roles(self) -> &'static [Role] {
        use Step::*;
        match self {
            NeedsSurvey | ApnOpportunity | HldChecklist | ArchitectRequest | FeasibilityRequest
            | Offer => &[Role::Presales],
            HldDesign | Provisioning | DeliveryKit => &[Role::Regional],
            OfferApproval => &[Role::Offers],
            CustomerSignature | Sow | BackValidationCase => &[Role::Kam],
            DocumentValidation | SiebelActivation | ProvisioningCase | CloseBackValidation => {
                &[Role::CorporateSupport]
            }
            SowCompletion
            | ProvisioningRequest
            | WelcomeKit
            | AcceptanceAct
            | CloseProvisioningCase => &[Role::OrderManager],
        }
    }

    /// Which orders the step belongs to.
    pub fn branch(self) -> Branch {
        use Step::*;
        match self {
            HldChecklist | ArchitectRequest | FeasibilityRequest | HldDesign => Branch::Complex,
            OfferApproval => Branch::PriceException,
            _ => Branch::Always,
        }
    }

    /// Whether the step may be skipped by its role.
    pub fn is_optional(self) -> bool {
        self == Step::FeasibilityRequest
    }

    /// Where a rejection of this step sends the order back to, if it can be rejected.
    pub fn rejects_to(self) -> Option<Step> {
        match self {
            Step::OfferApproval => Some(Step::Offer),
            Step::DocumentValidation => Some(Step::CustomerSignature),
            _ => None,
        }
    }

    /// The document completing this step issues: step 19 delivers the Welcome KIT, made
    /// from the order with the delivery the step records.
    pub fn produces(self) -> Option<crate::document::DocumentKind> {
        (self == Step::WelcomeKit).then_some(crate::document::DocumentKind::WelcomeKit)
    }

    /// Whether the step is part of delivery (from document validation on) rather than the sale.
    pub fn is_delivery(self) -> bool {
        self >= Step::DocumentValidation
    }

    /// The fields the step records.
    pub fn fields(self) -> &'static [FieldSpec] {
        use Step::*;
        match self {
            NeedsSurvey => NEEDS_SURVEY,
            ApnOpportunity => APN,
            HldChecklist => HLD_CHECKLIST,
            ArchitectRequest => ARCHITECT,
            FeasibilityRequest => FEASIBILITY,
            HldDesign => HLD_DESIGN,
            Offer => OFFER,
            OfferApproval => OFFER_APPROVAL,
            CustomerSignature => SIGNATURE,
            Sow => SOW,
            BackValidationCase => BACK_CASE,
            DocumentValidation => VALIDATION,
            SiebelActivation => SIEBEL,
            ProvisioningCase => PROVISIONING_CASE,
            SowCompletion => SOW_COMPLETION,
            ProvisioningRequest => PROVISIONING_REQUEST,
            Provisioning => PROVISIONING,
            DeliveryKit => DELIVERY_KIT,
            WelcomeKit => WELCOME_KIT,
            AcceptanceAct => ACCEPTANCE,
            CloseProvisioningCase | CloseBackValidation => CLOSING,
        }
    }

    /// The step's name.
    pub fn name(self, lang: Lang) -> &'static str {
        use Step::*;
        match self {
            NeedsSurvey => lang.pick("Relevamiento de necesidades", "Needs survey"),
            ApnOpportunity => lang.pick("Oportunidad en APN", "APN opportunity"),
            HldChecklist => lang.pick("Checklist HLD", "HLD checklist"),
            ArchitectRequest => lang.pick("Solicitud al arquitecto", "Architect request"),
            FeasibilityRequest => lang.pick("Solicitud de factibilidad", "Feasibility request"),
            HldDesign => lang.pick("Diseño HLD", "HLD design"),
            Offer => lang.pick("Oferta", "Offer"),
            OfferApproval => lang.pick("Aprobación de la oferta", "Offer approval"),
            CustomerSignature => lang.pick("Firma del cliente", "Customer signature"),
            Sow => lang.pick("SOW", "SOW"),
            BackValidationCase => lang.pick("Caso de validación back", "Back validation case"),
            DocumentValidation => lang.pick("Validación de documentos", "Document validation"),
            SiebelActivation => lang.pick("Activación en Siebel", "Siebel activation"),
            ProvisioningCase => lang.pick("Caso de aprovisionamiento", "Provisioning case"),
            SowCompletion => lang.pick("Completar el SOW", "SOW completion"),
            ProvisioningRequest => {
                lang.pick("Solicitud de aprovisionamiento", "Provisioning request")
            }
            Provisioning => lang.pick("Aprovisionamiento", "Provisioning"),
            DeliveryKit => lang.pick("Delivery KIT", "Delivery KIT"),
            WelcomeKit => lang.pick("Welcome KIT", "Welcome KIT"),
            AcceptanceAct => lang.pick("Acta de aceptación", "Acceptance act"),
            CloseProvisioningCase => lang.pick(
                "Cierre del caso de aprovisionamiento",
                "Close provisioning case",
            ),
            CloseBackValidation => {
                lang.pick("Cierre de la validación back", "Close back validation")
            }
        }
    }

    /// The next step in the table, regardless of branch.
    pub fn following(self) -> Option<Step> {
        Step::from_number(self.number() + 1)
    }
}

/// A text that names no step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStep(pub String);

impl FromStr for Step {
    type Err = UnknownStep;
    fn from_str(text: &str) -> Result<Step, UnknownStep> {
        let t = text.trim();
        if let Ok(n) = t.parse::<u8>() {
            return Step::from_number(n).ok_or_else(|| UnknownStep(text.to_string()));
        }
        let wanted = t.to_ascii_lowercase().replace('-', "_");
        Step::ALL
            .into_iter()
            .find(|s| {
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(|x| x == wanted))
                    .unwrap_or(false)
            })
            .ok_or_else(|| UnknownStep(text.to_string()))
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}
