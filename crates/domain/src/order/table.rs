//! The onboarding as the workflow engine's table (DOMAIN §4): one row per step with its
//! roles, fields, branch, preconditions, rejection, skip and documents. Onboarding steps
//! have no time limits in the procedure; termination's will.

use crate::document::DocumentKind;
use crate::role::Role;
use crate::workflow::{Condition, Precondition, ProcessStep, StepSpec};

use super::fields::*;
use super::step::Step;

const PRESALES: &[Role] = &[Role::Presales];
const REGIONAL: &[Role] = &[Role::Regional];
const OFFERS: &[Role] = &[Role::Offers];
const KAM: &[Role] = &[Role::Kam];
const SUPPORT: &[Role] = &[Role::CorporateSupport];
const ORDER_MANAGER: &[Role] = &[Role::OrderManager];

/// Steps 3 to 6: only when the needs survey flags a complex solution.
const COMPLEX: Condition<Step> = Condition::WhenYes {
    step: Step::NeedsSurvey,
    field: "complex",
};
/// Step 8: only when the offer carries a price exception.
const PRICE_EXCEPTION: Condition<Step> = Condition::WhenYes {
    step: Step::Offer,
    field: "price_exception",
};

const fn row(
    step: Step,
    es: &'static str,
    en: &'static str,
    roles: &'static [Role],
    fields: &'static [crate::workflow::FieldSpec],
) -> StepSpec<Step> {
    StepSpec {
        fields,
        ..StepSpec::new(step, es, en, roles)
    }
}

/// The onboarding's 22 steps, in order.
pub const ONBOARDING: [StepSpec<Step>; 22] = [
    row(
        Step::NeedsSurvey,
        "Relevamiento de necesidades",
        "Needs survey",
        PRESALES,
        NEEDS_SURVEY,
    ),
    row(
        Step::ApnOpportunity,
        "Oportunidad en APN",
        "APN opportunity",
        PRESALES,
        APN,
    ),
    StepSpec {
        when: COMPLEX,
        ..row(
            Step::HldChecklist,
            "Checklist HLD",
            "HLD checklist",
            PRESALES,
            HLD_CHECKLIST,
        )
    },
    StepSpec {
        when: COMPLEX,
        ..row(
            Step::ArchitectRequest,
            "Solicitud al arquitecto",
            "Architect request",
            PRESALES,
            ARCHITECT,
        )
    },
    StepSpec {
        when: COMPLEX,
        skippable: true,
        ..row(
            Step::FeasibilityRequest,
            "Solicitud de factibilidad",
            "Feasibility request",
            PRESALES,
            FEASIBILITY,
        )
    },
    StepSpec {
        when: COMPLEX,
        ..row(
            Step::HldDesign,
            "Diseño HLD",
            "HLD design",
            REGIONAL,
            HLD_DESIGN,
        )
    },
    row(Step::Offer, "Oferta", "Offer", PRESALES, OFFER),
    StepSpec {
        when: PRICE_EXCEPTION,
        rejects_to: Some(Step::Offer),
        ..row(
            Step::OfferApproval,
            "Aprobación de la oferta",
            "Offer approval",
            OFFERS,
            OFFER_APPROVAL,
        )
    },
    StepSpec {
        preconditions: &[Precondition::MasterContract],
        signs: &[("signed_risk_act", DocumentKind::RiskAct)],
        ..row(
            Step::CustomerSignature,
            "Firma del cliente",
            "Customer signature",
            KAM,
            SIGNATURE,
        )
    },
    row(Step::Sow, "SOW", "SOW", KAM, SOW),
    row(
        Step::BackValidationCase,
        "Caso de validación back",
        "Back validation case",
        KAM,
        BACK_CASE,
    ),
    StepSpec {
        preconditions: &[Precondition::MasterContract, Precondition::RiskActSigned],
        rejects_to: Some(Step::CustomerSignature),
        ..row(
            Step::DocumentValidation,
            "Validación de documentos",
            "Document validation",
            SUPPORT,
            VALIDATION,
        )
    },
    StepSpec {
        preconditions: &[Precondition::BillingCycle15],
        ..row(
            Step::SiebelActivation,
            "Activación en Siebel",
            "Siebel activation",
            SUPPORT,
            SIEBEL,
        )
    },
    row(
        Step::ProvisioningCase,
        "Caso de aprovisionamiento",
        "Provisioning case",
        SUPPORT,
        PROVISIONING_CASE,
    ),
    row(
        Step::SowCompletion,
        "Completar el SOW",
        "SOW completion",
        ORDER_MANAGER,
        SOW_COMPLETION,
    ),
    row(
        Step::ProvisioningRequest,
        "Solicitud de aprovisionamiento",
        "Provisioning request",
        ORDER_MANAGER,
        PROVISIONING_REQUEST,
    ),
    row(
        Step::Provisioning,
        "Aprovisionamiento",
        "Provisioning",
        REGIONAL,
        PROVISIONING,
    ),
    row(
        Step::DeliveryKit,
        "Delivery KIT",
        "Delivery KIT",
        REGIONAL,
        DELIVERY_KIT,
    ),
    StepSpec {
        produces: Some(DocumentKind::WelcomeKit),
        ..row(
            Step::WelcomeKit,
            "Welcome KIT",
            "Welcome KIT",
            ORDER_MANAGER,
            WELCOME_KIT,
        )
    },
    StepSpec {
        signs: &[("signed_acceptance_act", DocumentKind::AcceptanceAct)],
        ..row(
            Step::AcceptanceAct,
            "Acta de aceptación",
            "Acceptance act",
            ORDER_MANAGER,
            ACCEPTANCE,
        )
    },
    row(
        Step::CloseProvisioningCase,
        "Cierre del caso de aprovisionamiento",
        "Close provisioning case",
        ORDER_MANAGER,
        CLOSING,
    ),
    row(
        Step::CloseBackValidation,
        "Cierre de la validación back",
        "Close back validation",
        SUPPORT,
        CLOSING,
    ),
];

impl ProcessStep for Step {
    fn table() -> &'static [StepSpec<Step>] {
        &ONBOARDING
    }

    fn spec(self) -> &'static StepSpec<Step> {
        // The table lists the steps in the enum's order (a test checks it).
        &ONBOARDING[self as usize]
    }

    fn position(self) -> u8 {
        self.number()
    }

    fn following(self) -> Option<Step> {
        Step::following(self)
    }
}
