//! What each step's performer gives, valid for an order's path, with every file the same
//! uploaded PDF: the stories and the property test take orders through the workflow with it.

use nimbo_domain::order::{AttachmentRef, Step, StepInput};

use crate::support::attachment;

/// The bytes every step's file carries.
pub const PDF: &[u8] = b"%PDF-1.7 copia firmada de prueba";

/// The reference the steps attach (upload [`PDF`] first).
pub fn pdf() -> AttachmentRef {
    attachment("firmado.pdf", PDF)
}

fn yes_no(b: bool) -> &'static str {
    if b { "sí" } else { "no" }
}

/// A valid input for the step on an order that is (or not) complex and whose offer has
/// (or not) a price exception; the offer records no risks.
pub fn valid_input(step: Step, complex: bool, price_exception: bool) -> StepInput {
    let file = |key: &str| StepInput::default().file(key, pdf());
    match step {
        Step::NeedsSurvey => StepInput::with([
            (
                "needs",
                "Migrar el ERP y el correo a AWS, con respaldo diario",
            ),
            ("complex", yes_no(complex)),
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
                ("price_exception", yes_no(price_exception)),
            ]);
            if price_exception {
                input.values.insert(
                    "exception_detail".into(),
                    "10% de descuento en servicios VIP".into(),
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
