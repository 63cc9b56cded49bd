//! The 22 steps of the onboarding (DOMAIN §4) and their fields. The onboarding is the
//! workflow engine's first process: its table (`table.rs`) says each step's roles,
//! branch, preconditions, rejections and documents; the forms of the desktop app and the
//! flags of the command line are derived from it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::document::DocumentKind;
use crate::lang::Lang;
use crate::role::Role;
use crate::workflow::{Condition, FieldSpec, Precondition, ProcessStep};

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
        self.spec().roles
    }

    /// Which orders the step belongs to.
    pub fn branch(self) -> Branch {
        match self.spec().when {
            Condition::Always => Branch::Always,
            Condition::WhenYes {
                step: Step::NeedsSurvey,
                ..
            } => Branch::Complex,
            Condition::WhenYes { .. } => Branch::PriceException,
        }
    }

    /// Whether the step may be skipped by its role.
    pub fn is_optional(self) -> bool {
        self.spec().skippable
    }

    /// Where a rejection of this step sends the order back to, if it can be rejected.
    pub fn rejects_to(self) -> Option<Step> {
        self.spec().rejects_to
    }

    /// The document completing this step issues: step 19 delivers the Welcome KIT, made
    /// from the order with the delivery the step records.
    pub fn produces(self) -> Option<DocumentKind> {
        self.spec().produces
    }

    /// What must be true of the customer (and the documents) before the step.
    pub fn preconditions(self) -> &'static [Precondition] {
        self.spec().preconditions
    }

    /// Whether the step is part of delivery (from document validation on) rather than the sale.
    pub fn is_delivery(self) -> bool {
        self >= Step::DocumentValidation
    }

    /// The fields the step records.
    pub fn fields(self) -> &'static [FieldSpec] {
        self.spec().fields
    }

    /// The step's name.
    pub fn name(self, lang: Lang) -> &'static str {
        self.spec().name(lang)
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
