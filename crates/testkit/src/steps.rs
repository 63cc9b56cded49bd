//! What each step's performer gives, as the domain takes it (`StepInput`): valid for an
//! order's path, every file the same uploaded PDF, so that stories and property tests can
//! take an order through the 22 steps.

use nimbo_domain::order::{AttachmentRef, Step, StepInput};

use crate::files::attachment;

/// The bytes every step's file carries.
pub const PDF: &[u8] = b"%PDF-1.7 copia firmada de prueba";

/// The reference the steps attach (store or upload [`PDF`] first).
pub fn pdf() -> AttachmentRef {
    attachment("firmado.pdf", "application/pdf", PDF)
}

/// The branch an order takes and what its offer records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path {
    /// The needs survey calls the solution complex (steps 3 to 6 are taken).
    pub complex: bool,
    /// The offer asks for a price exception (step 8 is taken).
    pub price_exception: bool,
    /// The offer records a risk the customer accepts.
    pub risks: bool,
}

fn yes_no(b: bool) -> &'static str {
    if b { "sí" } else { "no" }
}

/// A valid input for `step` on an order of this path.
pub fn input(step: Step, path: Path) -> StepInput {
    let file = |key: &str| StepInput::default().file(key, pdf());
    match step {
        Step::NeedsSurvey => StepInput::with([
            (
                "needs",
                "Migrar el ERP y el correo a AWS, con respaldo diario",
            ),
            ("complex", yes_no(path.complex)),
        ]),
        Step::ApnOpportunity => StepInput::with([("apn_opportunity_id", "O1234567")]),
        Step::HldChecklist => StepInput::with([(
            "estimate_link",
            "https://calculator.aws/#/estimate?id=0a1b2c3d",
        )]),
        Step::ArchitectRequest => {
            StepInput::with([("salesforce_request_id", "0065f00000AbCdEFGH")])
        }
        Step::FeasibilityRequest => StepInput::with([("servicenow_ticket", "RITM0012345")]),
        Step::HldDesign => file("hld_document"),
        Step::Offer => {
            let mut input = StepInput::with([
                ("offer_id", "0065f00000XyZabcDE"),
                ("plans", "aws, aws-vip"),
                ("price_exception", yes_no(path.price_exception)),
            ]);
            if path.price_exception {
                input.values.insert(
                    "exception_detail".into(),
                    "10% de descuento en servicios VIP".into(),
                );
            }
            if path.risks {
                input.values.insert(
                    "risks_other".into(),
                    "Sin respaldo fuera de la región de AWS".into(),
                );
            }
            input
        }
        Step::OfferApproval => StepInput::with([("approval_note", "Aprobado por el comité")]),
        Step::CustomerSignature => file("signed_offer"),
        Step::Sow => file("sow"),
        Step::BackValidationCase => StepInput::with([("case_number", "00012345")]),
        Step::DocumentValidation => StepInput::default(),
        Step::SiebelActivation => StepInput::with([
            ("subscriber_id", "1-7ABCD12"),
            ("activation_date", "2025-11-20"),
        ]),
        Step::ProvisioningCase => StepInput::with([("case_number", "00012346")]),
        Step::SowCompletion => file("completed_sow"),
        Step::ProvisioningRequest => StepInput::with([("servicenow_request", "RITM0012346")]),
        Step::Provisioning => StepInput::with([
            ("aws_accounts", "123456789012"),
            ("mco_reference", "MCO-PY-00123"),
            ("mco_console_url", "https://mco.example.com.py"),
            ("mco_username", "cooperativa.admin"),
        ]),
        Step::DeliveryKit => file("delivery_kit"),
        Step::WelcomeKit => StepInput::with([
            ("delivered_to", "ti@cooperativa.com.py"),
            ("delivered_on", "2025-11-25"),
        ]),
        Step::AcceptanceAct => {
            StepInput::with([("accepted_on", "2025-11-26")]).file("signed_acceptance_act", pdf())
        }
        Step::CloseProvisioningCase => StepInput::default(),
        Step::CloseBackValidation => StepInput::with([("closing_note", "Servicio entregado")]),
    }
}
