//! Stories of the onboarding (DOMAIN §4), told in the domain's words: who may do each of
//! the 22 steps, what must be true of the customer before some of them, which way the
//! order goes after a choice, how it is sent back, skipped, cancelled and completed, what
//! a person is told when refused, and — with random people doing random things — that the
//! order never reaches a state the workflow cannot.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use sha2::Digest;
use uuid::Uuid;

use super::{
    AttachmentRef, Cancellation, FieldValue, Order, OrderStatus, Rejection, StepContext, StepInput,
    StepState,
};
use crate::ErrorCode;
use crate::catalogue::{initial_plans, initial_risks};
use crate::customer::{BillingAccount, Customer, MasterContract};
use crate::error::DomainError;
use crate::lang::Lang;
use crate::order::Step;
use crate::permission::Action;
use crate::problem::{FieldError, Problem};
use crate::role::Role;
use crate::ruc::Ruc;
use crate::segment::Segment;
use crate::subscription::{Subscription, SubscriptionStatus};
use crate::user::User;
use crate::workflow::Precondition;

// ======================================================================================
// Helpers: the day, the team, the customer, valid input for every step, and a walk that
// carries an order to any step through valid input.
// ======================================================================================

/// Today in Asunción, for every story.
fn today() -> NaiveDate {
    november(26)
}

/// A day of November 2026.
#[allow(clippy::expect_used)]
fn november(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).expect("fixture: a day of November")
}

/// 09:00 in Asunción on that day, plus some minutes.
#[allow(clippy::expect_used)]
fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .expect("fixture: a plain UTC instant")
        + Duration::minutes(minutes)
}

/// The moment of the action a story is about, after the walk that led to it.
fn now() -> DateTime<Utc> {
    at(600)
}

/// What validation knows beyond the input: today and the catalogue's codes.
fn ctx() -> StepContext {
    StepContext {
        today: today(),
        plans: initial_plans().into_iter().map(|p| p.code).collect(),
        risks: initial_risks().into_iter().map(|r| r.code).collect(),
        signed_documents: Default::default(),
    }
}

fn user(username: &str, roles: &[Role]) -> User {
    User {
        id: Uuid::from_u128(
            username
                .bytes()
                .fold(7u128, |h, b| h.wrapping_mul(31).wrapping_add(u128::from(b))),
        ),
        username: username.to_string(),
        full_name: username.to_string(),
        email: None,
        roles: roles.iter().copied().collect(),
        active: true,
        created_at: at(-100_000),
    }
}

/// The member of the team who holds exactly this role.
fn holder_of(role: Role) -> User {
    let name = match role {
        Role::Presales => "pablo.preventa",
        Role::Regional => "rita.regional",
        Role::Offers => "olga.ofertas",
        Role::Kam => "karina.kam",
        Role::CorporateSupport => "sonia.soporte",
        Role::OrderManager => "omar.order",
        Role::ServiceExecutive => "sergio.servicios",
        Role::CreditManager => "carla.creditos",
        Role::SalesManager => "gustavo.gerente",
        Role::BillingSpecialist => "bea.facturacion",
        Role::Admin => "ana.admin",
    };
    user(name, &[role])
}

/// The one who performs the step.
fn performer(step: Step) -> User {
    holder_of(step.role())
}

/// Someone holding every role but this one.
fn everyone_but(role: Role) -> User {
    let others: Vec<Role> = Role::ALL.into_iter().filter(|r| *r != role).collect();
    user("todos.menos.uno", &others)
}

/// Someone holding every role: only the order's state can refuse them.
fn everyone() -> User {
    user("todos.los.roles", &Role::ALL)
}

/// A corporate customer with its master contract signed and a cycle-15 billing account.
#[allow(clippy::expect_used)]
fn customer() -> Customer {
    Customer {
        id: Uuid::from_u128(0xC0_0B),
        ruc: "80028061-0".parse::<Ruc>().expect("fixture: a valid RUC"),
        name: "Cooperativa Universitaria Ltda.".to_string(),
        segment: Segment::Corporate,
        address: None,
        billing_account: Some(BillingAccount {
            number: "100234567".to_string(),
            cycle: 15,
        }),
        master_contract: Some(MasterContract {
            signed_on: today() - Duration::days(90),
            reference: "CMS-2026-0042".to_string(),
        }),
        representatives: Vec::new(),
        created_at: at(-200_000),
    }
}

fn customer_without_master_contract() -> Customer {
    Customer {
        master_contract: None,
        ..customer()
    }
}

fn customer_with_cycle(cycle: Option<u8>) -> Customer {
    Customer {
        billing_account: cycle.map(|cycle| BillingAccount {
            number: "100234567".to_string(),
            cycle,
        }),
        ..customer()
    }
}

/// A file already in the local store.
fn attachment(name: &str) -> AttachmentRef {
    AttachmentRef {
        sha256: hex::encode(sha2::Sha256::digest(name.as_bytes())),
        name: name.to_string(),
        size: 48_213,
        media_type: "application/pdf".to_string(),
    }
}

/// The choices that decide an order's way through the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Path {
    /// The needs survey flags a complex solution (steps 3-6).
    complex: bool,
    /// The offer carries a price exception (step 8).
    price_exception: bool,
    /// The offer records risks the customer accepts (the risk act at step 9).
    risks: bool,
}

impl Path {
    const SIMPLE: Path = Path {
        complex: false,
        price_exception: false,
        risks: false,
    };
    const COMPLEX: Path = Path {
        complex: true,
        ..Path::SIMPLE
    };
    const WITH_EXCEPTION: Path = Path {
        price_exception: true,
        ..Path::SIMPLE
    };
    const WITH_RISKS: Path = Path {
        risks: true,
        ..Path::SIMPLE
    };
    const THE_LONGEST: Path = Path {
        complex: true,
        price_exception: true,
        risks: true,
    };

    /// Every combination of the three choices.
    fn all() -> Vec<Path> {
        let mut paths = Vec::new();
        for complex in [false, true] {
            for price_exception in [false, true] {
                for risks in [false, true] {
                    paths.push(Path {
                        complex,
                        price_exception,
                        risks,
                    });
                }
            }
        }
        paths
    }

    /// Whether an order on this path goes through the step.
    fn goes_through(self, step: Step) -> bool {
        match step.branch() {
            super::Branch::Always => true,
            super::Branch::Complex => self.complex,
            super::Branch::PriceException => self.price_exception,
        }
    }

    /// The steps an order on this path goes through, in order.
    fn steps(self) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| self.goes_through(*s))
            .collect()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "sí" } else { "no" }
}

/// What the step's performer gives, valid for the path.
fn valid_input(step: Step, path: Path) -> StepInput {
    match step {
        Step::NeedsSurvey => StepInput::with([
            (
                "needs",
                "Migrar el ERP y el correo a AWS, con respaldo diario",
            ),
            ("complex", yes_no(path.complex)),
        ]),
        Step::ApnOpportunity => StepInput::with([("apn_opportunity_id", "O1234567")]),
        Step::HldChecklist => StepInput::with([
            (
                "estimate_link",
                "https://calculator.aws/#/estimate?id=0a1b2c3d",
            ),
            ("checklist_notes", "Dos VPC, una por ambiente"),
        ]),
        Step::ArchitectRequest => {
            StepInput::with([("salesforce_request_id", "0065f00000AbCdEFGH")])
        }
        Step::FeasibilityRequest => StepInput::with([("servicenow_ticket", "RITM0012345")]),
        Step::HldDesign => StepInput::default().file("hld_document", attachment("hld.pdf")),
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
                input
                    .values
                    .insert("risks".into(), "no-backup single-az".into());
            }
            input
        }
        Step::OfferApproval => {
            StepInput::with([("approval_note", "Aprobado por el comité de precios")])
        }
        Step::CustomerSignature => {
            let input = StepInput::default().file("signed_offer", attachment("oferta-firmada.pdf"));
            if path.risks {
                input.file("signed_risk_act", attachment("acta-riesgos-firmada.pdf"))
            } else {
                input
            }
        }
        Step::Sow => StepInput::default().file("sow", attachment("sow.pdf")),
        Step::BackValidationCase => StepInput::with([("case_number", "00012345")]),
        Step::DocumentValidation => StepInput::default(),
        Step::SiebelActivation => StepInput::with([
            ("subscriber_id", "1-7ABCD12"),
            ("activation_date", "2026-11-20"),
        ]),
        Step::ProvisioningCase => StepInput::with([("case_number", "00012346")]),
        Step::SowCompletion => {
            StepInput::default().file("completed_sow", attachment("sow-completo.pdf"))
        }
        Step::ProvisioningRequest => StepInput::with([("servicenow_request", "RITM0012346")]),
        Step::Provisioning => StepInput::with([
            ("aws_accounts", "123456789012, 210987654321"),
            ("mco_reference", "MCO-PY-00123"),
            ("mco_console_url", "https://mco.example.com.py"),
            ("mco_username", "cooperativa.admin"),
        ]),
        Step::DeliveryKit => {
            StepInput::default().file("delivery_kit", attachment("delivery-kit.pdf"))
        }
        Step::WelcomeKit => StepInput::with([
            ("delivered_to", "ti@cooperativa.com.py"),
            ("delivered_on", "2026-11-25"),
        ]),
        Step::AcceptanceAct => StepInput::with([("accepted_on", "2026-11-26")]).file(
            "signed_acceptance_act",
            attachment("acta-aceptacion-firmada.pdf"),
        ),
        Step::CloseProvisioningCase => StepInput::default(),
        Step::CloseBackValidation => {
            StepInput::with([("closing_note", "Servicio entregado y aceptado")])
        }
    }
}

/// The value of an accepted action; a refusal fails the story with its message.
fn accepted<T>(result: Result<T, DomainError>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("refused ({}): {}", e.code(), e.message(Lang::Es)),
    }
}

/// The refusal of an action that should have been refused.
fn refused<T: std::fmt::Debug>(result: Result<T, DomainError>) -> DomainError {
    match result {
        Ok(value) => panic!("accepted, but should have been refused: {value:?}"),
        Err(e) => e,
    }
}

/// The field errors of a refusal for invalid fields.
fn field_errors<T: std::fmt::Debug>(result: Result<T, DomainError>) -> Vec<FieldError> {
    match refused(result) {
        DomainError::InvalidFields { errors } => errors,
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

/// The one problem reported, for the field.
fn only_problem<T: std::fmt::Debug>(result: Result<T, DomainError>, field: &str) -> Problem {
    let errors = field_errors(result);
    assert_eq!(errors.len(), 1, "expected one problem, got {errors:?}");
    assert_eq!(errors[0].field, field);
    errors[0].problem.clone()
}

fn open_order(customer: &Customer) -> Order {
    accepted(Order::open(
        Uuid::from_u128(0x0D_E5),
        "PED-2026-0042".to_string(),
        customer,
        "AWS para la Cooperativa Universitaria",
        &holder_of(Role::Kam),
        at(0),
    ))
}

fn complete(
    order: &Order,
    step: Step,
    input: &StepInput,
    customer: &Customer,
    by: &User,
) -> Result<Order, DomainError> {
    order
        .complete_step(step, input, &ctx(), customer, by, now())
        .map(|(next, _)| next)
}

fn reject(order: &Order, step: Step, why: &str, by: &User) -> Result<Order, DomainError> {
    order.reject(step, why, by, now()).map(|(next, _)| next)
}

fn skip(order: &Order, step: Step, why: &str, by: &User) -> Result<Order, DomainError> {
    order.skip(step, why, by, now()).map(|(next, _)| next)
}

fn cancel(order: &Order, why: &str, by: &User) -> Result<Order, DomainError> {
    order.cancel(why, by, now()).map(|(next, _)| next)
}

/// Carries a new order of `customer` along `path` until it waits for `until`, each step
/// done by its performer with valid input, checking the invariants on the way.
fn walk_with(customer: &Customer, path: Path, until: Option<Step>) -> Order {
    if let Some(step) = until {
        assert!(
            path.goes_through(step),
            "fixture: step {step} is not on {path:?}"
        );
    }
    let mut order = open_order(customer);
    let mut minute = 0;
    while order.current != until {
        let Some(step) = order.current else {
            panic!("fixture: the order ended before step {until:?}");
        };
        minute += 10;
        order = match order.complete_step(
            step,
            &valid_input(step, path),
            &ctx(),
            customer,
            &performer(step),
            at(minute),
        ) {
            Ok((next, _)) => next,
            Err(e) => panic!("fixture: step {step} refused: {}", e.message(Lang::Es)),
        };
        if let Err(broken) = order.check_invariants() {
            panic!("fixture: after step {step}: {broken}");
        }
    }
    order
}

/// An order of the usual customer, waiting for `step` on `path`.
fn walk(path: Path, step: Step) -> Order {
    walk_with(&customer(), path, Some(step))
}

/// An order of the usual customer, completed along `path`.
fn completed(path: Path) -> Order {
    walk_with(&customer(), path, None)
}

/// Where each step goes when done, along the path: the next step, or `None` at the end.
fn next_on(path: Path, step: Step) -> Option<Step> {
    path.steps().into_iter().find(|s| *s > step)
}

fn state_of(order: &Order, step: Step) -> StepState {
    order
        .timeline()
        .into_iter()
        .find(|e| e.step == step)
        .map(|e| e.state)
        .unwrap_or(StepState::Undecided)
}

fn recorded_steps(order: &Order) -> Vec<Step> {
    order.records.keys().copied().collect()
}

// ======================================================================================
// 1. Who does each step: its role may complete it at its turn, and no one else may.
// ======================================================================================

macro_rules! who_does_each_step {
    ($($module:ident: $step:ident is done by $role:ident;)*) => {
        mod who_does_each_step {
            use super::*;
            $(
                mod $module {
                    use super::*;

                    #[test]
                    fn its_role_may_complete_it_at_its_turn_on_every_path() {
                        let step = Step::$step;
                        assert_eq!(step.roles(), &[Role::$role], "DOMAIN §4 names {:?}", Role::$role);
                        let by = holder_of(Role::$role);
                        for path in Path::all().into_iter().filter(|p| p.goes_through(step)) {
                            let order = walk(path, step);
                            let next = accepted(complete(&order, step, &valid_input(step, path), &customer(), &by));
                            let record = &next.records[&step];
                            assert_eq!(record.by, by.username);
                            assert_eq!(record.at, now());
                            assert_eq!(next.current, next_on(path, step), "{path:?}");
                            assert_eq!(next.check_invariants(), Ok(()));
                        }
                    }

                    #[test]
                    fn a_user_holding_every_other_role_is_refused_naming_its_role() {
                        let step = Step::$step;
                        let path = Path::THE_LONGEST;
                        let order = walk(path, step);
                        let intruders = std::iter::once(everyone_but(Role::$role))
                            .chain(Role::ALL.into_iter().filter(|r| *r != Role::$role).map(holder_of));
                        for by in intruders {
                            let err = refused(complete(&order, step, &valid_input(step, path), &customer(), &by));
                            assert_eq!(
                                err,
                                DomainError::NotAllowed {
                                    username: by.username.clone(),
                                    action: Action::CompleteStep(step),
                                    allowed: vec![Role::$role],
                                }
                            );
                        }
                    }
                }
            )*
        }
    };
}

who_does_each_step! {
    step_01_needs_survey: NeedsSurvey is done by Presales;
    step_02_apn_opportunity: ApnOpportunity is done by Presales;
    step_03_hld_checklist: HldChecklist is done by Presales;
    step_04_architect_request: ArchitectRequest is done by Presales;
    step_05_feasibility_request: FeasibilityRequest is done by Presales;
    step_06_hld_design: HldDesign is done by Regional;
    step_07_offer: Offer is done by Presales;
    step_08_offer_approval: OfferApproval is done by Offers;
    step_09_customer_signature: CustomerSignature is done by Kam;
    step_10_sow: Sow is done by Kam;
    step_11_back_validation_case: BackValidationCase is done by Kam;
    step_12_document_validation: DocumentValidation is done by CorporateSupport;
    step_13_siebel_activation: SiebelActivation is done by CorporateSupport;
    step_14_provisioning_case: ProvisioningCase is done by CorporateSupport;
    step_15_sow_completion: SowCompletion is done by OrderManager;
    step_16_provisioning_request: ProvisioningRequest is done by OrderManager;
    step_17_provisioning: Provisioning is done by Regional;
    step_18_delivery_kit: DeliveryKit is done by Regional;
    step_19_welcome_kit: WelcomeKit is done by OrderManager;
    step_20_acceptance_act: AcceptanceAct is done by OrderManager;
    step_21_close_provisioning_case: CloseProvisioningCase is done by OrderManager;
    step_22_close_back_validation: CloseBackValidation is done by CorporateSupport;
}

mod who_may_act {
    use super::*;

    #[test]
    fn the_procedure_has_twenty_two_steps_numbered_in_order() {
        for (i, step) in Step::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(step.number()), i + 1);
            assert_eq!(Step::from_number(step.number()), Some(step));
        }
        assert_eq!(Step::from_number(0), None);
        assert_eq!(Step::from_number(23), None);
    }

    #[test]
    fn a_kam_or_presales_opens_an_order_which_waits_for_the_needs_survey() {
        for role in [Role::Kam, Role::Presales] {
            let by = holder_of(role);
            let order = accepted(Order::open(
                Uuid::from_u128(1),
                "PED-1".into(),
                &customer(),
                "AWS",
                &by,
                at(0),
            ));
            assert_eq!(order.status, OrderStatus::Open);
            assert_eq!(order.current, Some(Step::NeedsSurvey));
            assert_eq!(order.created_by, by.username);
            assert!(order.records.is_empty());
            assert_eq!(order.check_invariants(), Ok(()));
        }
    }

    #[test]
    fn no_one_else_may_open_an_order() {
        for role in Role::ALL
            .into_iter()
            .filter(|r| ![Role::Kam, Role::Presales].contains(r))
        {
            let by = holder_of(role);
            let err = refused(Order::open(
                Uuid::from_u128(1),
                "PED-1".into(),
                &customer(),
                "AWS",
                &by,
                at(0),
            ));
            assert_eq!(
                err,
                DomainError::NotAllowed {
                    username: by.username.clone(),
                    action: Action::CreateOrder,
                    allowed: vec![Role::Kam, Role::Presales],
                }
            );
        }
    }

    #[test]
    fn an_order_without_a_title_is_refused() {
        let errors = field_errors(Order::open(
            Uuid::from_u128(1),
            "PED-1".into(),
            &customer(),
            "   ",
            &holder_of(Role::Kam),
            at(0),
        ));
        assert_eq!(
            errors,
            vec![FieldError::new(
                "title",
                "descripción",
                "description",
                Problem::Required
            )]
        );
    }

    #[test]
    fn a_deactivated_user_may_not_complete_even_their_own_step() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        let mut kam = holder_of(Role::Kam);
        kam.active = false;
        let err = refused(complete(
            &order,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &customer(),
            &kam,
        ));
        assert_eq!(
            err,
            DomainError::UserInactive {
                username: kam.username
            }
        );
    }

    #[test]
    fn a_step_other_than_the_one_the_order_waits_for_is_refused() {
        let order = walk(Path::SIMPLE, Step::ApnOpportunity);
        let err = refused(complete(
            &order,
            Step::Offer,
            &valid_input(Step::Offer, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(
            err,
            DomainError::NotCurrentStep {
                number: order.number.clone(),
                asked: Step::Offer,
                current: Step::ApnOpportunity,
            }
        );
    }

    #[test]
    fn a_step_already_done_cannot_be_done_again() {
        let order = walk(Path::SIMPLE, Step::Sow);
        let err = refused(complete(
            &order,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Kam),
        ));
        assert!(matches!(
            err,
            DomainError::NotCurrentStep {
                asked: Step::CustomerSignature,
                current: Step::Sow,
                ..
            }
        ));
    }

    #[test]
    fn completing_a_step_reports_what_was_recorded_and_where_the_order_goes_next() {
        let order = walk(Path::SIMPLE, Step::BackValidationCase);
        let (next, changes) = accepted(order.complete_step(
            Step::BackValidationCase,
            &valid_input(Step::BackValidationCase, Path::SIMPLE),
            &ctx(),
            &customer(),
            &holder_of(Role::Kam),
            now(),
        ));
        assert_eq!(changes["step"], 11);
        assert_eq!(changes["values"]["case_number"]["text"], "00012345");
        assert_eq!(changes["next_step"], 12);
        assert_eq!(changes["status"], "open");
        assert_eq!(next.step_since, now());
        assert_eq!(
            next.records[&Step::BackValidationCase].values["case_number"],
            FieldValue::Text("00012345".into())
        );
    }
}

// ======================================================================================
// 2. Preconditions: the master contract before the signature and the validation, a
//    cycle-15 billing account before the Siebel activation.
// ======================================================================================

mod preconditions {
    use super::*;

    #[test]
    fn a_kam_cannot_obtain_the_customer_signature_before_the_master_contract_is_signed() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        let unsigned = customer_without_master_contract();
        let err = refused(complete(
            &order,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &unsigned,
            &holder_of(Role::Kam),
        ));
        assert_eq!(
            err,
            DomainError::MasterContractMissing {
                step: Step::CustomerSignature,
                customer: unsigned.name.clone(),
            }
        );
    }

    #[test]
    fn the_sale_up_to_the_signature_needs_no_master_contract() {
        let unsigned = customer_without_master_contract();
        let order = walk_with(&unsigned, Path::THE_LONGEST, Some(Step::CustomerSignature));
        assert_eq!(order.current, Some(Step::CustomerSignature));
    }

    #[test]
    fn corporate_support_cannot_validate_the_documents_of_a_customer_without_master_contract() {
        let order = walk(Path::SIMPLE, Step::DocumentValidation);
        let unsigned = customer_without_master_contract();
        let err = refused(complete(
            &order,
            Step::DocumentValidation,
            &StepInput::default(),
            &unsigned,
            &holder_of(Role::CorporateSupport),
        ));
        assert_eq!(
            err,
            DomainError::MasterContractMissing {
                step: Step::DocumentValidation,
                customer: unsigned.name.clone(),
            }
        );
    }

    #[test]
    fn siebel_activation_is_refused_when_the_customer_has_no_billing_account() {
        let order = walk(Path::SIMPLE, Step::SiebelActivation);
        let without = customer_with_cycle(None);
        let err = refused(complete(
            &order,
            Step::SiebelActivation,
            &valid_input(Step::SiebelActivation, Path::SIMPLE),
            &without,
            &holder_of(Role::CorporateSupport),
        ));
        assert_eq!(
            err,
            DomainError::BillingCycleNot15 {
                customer: without.name.clone(),
                cycle: None,
            }
        );
    }

    #[test]
    fn siebel_activation_is_refused_on_a_billing_account_of_another_cycle() {
        let order = walk(Path::SIMPLE, Step::SiebelActivation);
        for cycle in [1, 14, 16, 28] {
            let other = customer_with_cycle(Some(cycle));
            let err = refused(complete(
                &order,
                Step::SiebelActivation,
                &valid_input(Step::SiebelActivation, Path::SIMPLE),
                &other,
                &holder_of(Role::CorporateSupport),
            ));
            assert_eq!(
                err,
                DomainError::BillingCycleNot15 {
                    customer: other.name.clone(),
                    cycle: Some(cycle),
                }
            );
        }
    }

    #[test]
    fn siebel_activation_is_accepted_on_a_cycle_15_account() {
        let order = walk(Path::SIMPLE, Step::SiebelActivation);
        let next = accepted(complete(
            &order,
            Step::SiebelActivation,
            &valid_input(Step::SiebelActivation, Path::SIMPLE),
            &customer_with_cycle(Some(15)),
            &holder_of(Role::CorporateSupport),
        ));
        assert!(next.is_activated());
        assert_eq!(next.current, Some(Step::ProvisioningCase));
    }

    #[test]
    fn no_other_step_asks_anything_of_the_customer() {
        let bare = Customer {
            master_contract: None,
            billing_account: None,
            ..customer()
        };
        for step in Step::ALL {
            let expected_refusal = matches!(
                step,
                Step::CustomerSignature | Step::DocumentValidation | Step::SiebelActivation
            );
            assert_eq!(
                Order::preconditions(step, &bare).is_err(),
                expected_refusal,
                "step {step}"
            );
            assert_eq!(
                Order::preconditions(step, &customer()),
                Ok(()),
                "step {step}"
            );
        }
    }

    #[test]
    fn the_role_is_checked_before_the_master_contract() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        let err = refused(complete(
            &order,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &customer_without_master_contract(),
            &holder_of(Role::Presales),
        ));
        assert!(matches!(err, DomainError::NotAllowed { .. }), "{err:?}");
    }
}

// ======================================================================================
// 3. Branches: the complex steps, the optional feasibility request, the price exception.
// ======================================================================================

mod branches {
    use super::*;

    #[test]
    fn before_the_needs_survey_the_complex_steps_and_the_approval_are_undecided() {
        let order = open_order(&customer());
        for step in [
            Step::HldChecklist,
            Step::ArchitectRequest,
            Step::FeasibilityRequest,
            Step::HldDesign,
            Step::OfferApproval,
        ] {
            assert_eq!(state_of(&order, step), StepState::Undecided, "step {step}");
        }
        assert_eq!(state_of(&order, Step::NeedsSurvey), StepState::Current);
        assert_eq!(state_of(&order, Step::Offer), StepState::Pending);
    }

    #[test]
    fn a_simple_order_goes_from_the_apn_opportunity_straight_to_the_offer() {
        let order = walk(Path::SIMPLE, Step::ApnOpportunity);
        assert_eq!(order.is_complex(), Some(false));
        let next = accepted(complete(
            &order,
            Step::ApnOpportunity,
            &valid_input(Step::ApnOpportunity, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(next.current, Some(Step::Offer));
        for step in [
            Step::HldChecklist,
            Step::ArchitectRequest,
            Step::FeasibilityRequest,
            Step::HldDesign,
        ] {
            assert_eq!(
                state_of(&next, step),
                StepState::NotApplicable,
                "step {step}"
            );
        }
    }

    #[test]
    fn a_complex_order_goes_through_the_checklist_the_architect_the_feasibility_and_the_design() {
        let mut order = walk(Path::COMPLEX, Step::ApnOpportunity);
        assert_eq!(order.is_complex(), Some(true));
        let mut went_through = Vec::new();
        while let Some(step) = order.current.filter(|s| *s < Step::Offer) {
            order = accepted(complete(
                &order,
                step,
                &valid_input(step, Path::COMPLEX),
                &customer(),
                &performer(step),
            ));
            went_through.extend(order.current);
        }
        assert_eq!(
            went_through,
            vec![
                Step::HldChecklist,
                Step::ArchitectRequest,
                Step::FeasibilityRequest,
                Step::HldDesign,
                Step::Offer,
            ]
        );
    }

    #[test]
    fn presales_may_skip_the_feasibility_request_with_a_reason() {
        let order = walk(Path::COMPLEX, Step::FeasibilityRequest);
        let next = accepted(skip(
            &order,
            Step::FeasibilityRequest,
            "El arquitecto regional confirmó la factibilidad por teléfono",
            &holder_of(Role::Presales),
        ));
        assert_eq!(next.current, Some(Step::HldDesign));
        assert!(next.skipped.contains_key(&Step::FeasibilityRequest));
        assert!(!next.records.contains_key(&Step::FeasibilityRequest));
        match state_of(&next, Step::FeasibilityRequest) {
            StepState::Skipped { skip } => {
                assert_eq!(
                    skip.reason,
                    "El arquitecto regional confirmó la factibilidad por teléfono"
                );
            }
            other => panic!("expected skipped, got {other:?}"),
        }
        assert_eq!(next.check_invariants(), Ok(()));
    }

    #[test]
    fn skipping_the_feasibility_request_without_a_reason_is_refused() {
        let order = walk(Path::COMPLEX, Step::FeasibilityRequest);
        for why in ["", "   \n"] {
            let err = refused(skip(
                &order,
                Step::FeasibilityRequest,
                why,
                &holder_of(Role::Presales),
            ));
            assert_eq!(err, DomainError::ReasonRequired);
        }
    }

    #[test]
    fn only_presales_may_skip_the_feasibility_request() {
        let order = walk(Path::COMPLEX, Step::FeasibilityRequest);
        for by in std::iter::once(everyone_but(Role::Presales)).chain(
            Role::ALL
                .into_iter()
                .filter(|r| *r != Role::Presales)
                .map(holder_of),
        ) {
            let err = refused(skip(
                &order,
                Step::FeasibilityRequest,
                "ya se sabe factible",
                &by,
            ));
            assert_eq!(
                err,
                DomainError::NotAllowed {
                    username: by.username.clone(),
                    action: Action::SkipStep(Step::FeasibilityRequest),
                    allowed: vec![Role::Presales],
                }
            );
        }
    }

    #[test]
    fn no_step_but_the_feasibility_request_can_be_skipped() {
        for step in Path::THE_LONGEST
            .steps()
            .into_iter()
            .filter(|s| *s != Step::FeasibilityRequest)
        {
            assert!(!step.is_optional(), "step {step}");
            let order = walk(Path::THE_LONGEST, step);
            let err = refused(skip(&order, step, "no hace falta", &everyone()));
            assert_eq!(err, DomainError::NotSkippable { step });
        }
    }

    #[test]
    fn the_feasibility_request_cannot_be_skipped_while_the_order_waits_for_another_step() {
        let order = walk(Path::COMPLEX, Step::ArchitectRequest);
        let err = refused(skip(
            &order,
            Step::FeasibilityRequest,
            "ya se sabe factible",
            &holder_of(Role::Presales),
        ));
        assert!(
            matches!(
                err,
                DomainError::NotCurrentStep {
                    asked: Step::FeasibilityRequest,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn an_offer_without_price_exception_goes_straight_to_the_customer_signature() {
        let order = walk(Path::SIMPLE, Step::Offer);
        let next = accepted(complete(
            &order,
            Step::Offer,
            &valid_input(Step::Offer, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(next.has_price_exception(), Some(false));
        assert_eq!(next.current, Some(Step::CustomerSignature));
        assert_eq!(
            state_of(&next, Step::OfferApproval),
            StepState::NotApplicable
        );
    }

    #[test]
    fn an_offer_with_price_exception_waits_for_the_offers_desk_then_the_signature() {
        let order = walk(Path::WITH_EXCEPTION, Step::Offer);
        let at_approval = accepted(complete(
            &order,
            Step::Offer,
            &valid_input(Step::Offer, Path::WITH_EXCEPTION),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(at_approval.has_price_exception(), Some(true));
        assert_eq!(at_approval.current, Some(Step::OfferApproval));
        let approved = accepted(complete(
            &at_approval,
            Step::OfferApproval,
            &StepInput::default(),
            &customer(),
            &holder_of(Role::Offers),
        ));
        assert_eq!(approved.current, Some(Step::CustomerSignature));
    }

    #[test]
    fn every_path_walks_through_exactly_its_steps() {
        for path in Path::all() {
            let done = completed(path);
            assert_eq!(recorded_steps(&done), path.steps(), "{path:?}");
        }
    }
}

// ======================================================================================
// 4. Rejections: the offers desk sends the order back to the offer, corporate support
//    back to the customer's signature; both need a reason; no other step is rejected.
// ======================================================================================

mod rejections {
    use super::*;

    #[test]
    fn offers_rejecting_the_approval_sends_the_order_back_to_the_offer_without_its_records() {
        let order = walk(Path::WITH_EXCEPTION, Step::OfferApproval);
        let olga = holder_of(Role::Offers);
        let back = accepted(reject(
            &order,
            Step::OfferApproval,
            "Descuento fuera de política",
            &olga,
        ));
        assert_eq!(back.status, OrderStatus::Open);
        assert_eq!(back.current, Some(Step::Offer));
        assert_eq!(back.step_since, now());
        assert_eq!(
            recorded_steps(&back),
            vec![Step::NeedsSurvey, Step::ApnOpportunity]
        );
        assert_eq!(
            back.has_price_exception(),
            None,
            "the offer is to be made again"
        );
        assert_eq!(
            back.rejections,
            vec![Rejection {
                step: Step::OfferApproval,
                back_to: Step::Offer,
                by: olga.username.clone(),
                at: now(),
                reason: "Descuento fuera de política".into(),
            }]
        );
        assert_eq!(back.check_invariants(), Ok(()));
    }

    #[test]
    fn after_a_rejected_offer_presales_may_make_a_new_offer_without_exception() {
        let order = walk(Path::WITH_EXCEPTION, Step::OfferApproval);
        let back = accepted(reject(
            &order,
            Step::OfferApproval,
            "Descuento fuera de política",
            &holder_of(Role::Offers),
        ));
        let new_offer = accepted(complete(
            &back,
            Step::Offer,
            &valid_input(Step::Offer, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(new_offer.current, Some(Step::CustomerSignature));
        assert_eq!(
            state_of(&new_offer, Step::OfferApproval),
            StepState::NotApplicable
        );
        assert_eq!(
            new_offer.rejections.len(),
            1,
            "the rejection stays in the history"
        );
        assert_eq!(new_offer.check_invariants(), Ok(()));
    }

    #[test]
    fn corporate_support_rejecting_the_documents_sends_the_order_back_to_the_customer_signature() {
        let order = walk(Path::THE_LONGEST, Step::DocumentValidation);
        let sonia = holder_of(Role::CorporateSupport);
        let back = accepted(reject(
            &order,
            Step::DocumentValidation,
            "El SOW no está firmado",
            &sonia,
        ));
        assert_eq!(back.current, Some(Step::CustomerSignature));
        for gone in [Step::CustomerSignature, Step::Sow, Step::BackValidationCase] {
            assert!(
                !back.records.contains_key(&gone),
                "step {gone} should be undone"
            );
        }
        for kept in [
            Step::NeedsSurvey,
            Step::HldDesign,
            Step::Offer,
            Step::OfferApproval,
        ] {
            assert!(
                back.records.contains_key(&kept),
                "step {kept} should be kept"
            );
        }
        assert_eq!(back.rejections[0].back_to, Step::CustomerSignature);
        assert_eq!(back.rejections[0].by, sonia.username);
        assert_eq!(back.check_invariants(), Ok(()));
        // The KAM gets the signature again and the order goes on.
        let again = accepted(complete(
            &back,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::THE_LONGEST),
            &customer(),
            &holder_of(Role::Kam),
        ));
        assert_eq!(again.current, Some(Step::Sow));
    }

    #[test]
    fn a_rejection_without_a_reason_is_refused() {
        for (path, step) in [
            (Path::WITH_EXCEPTION, Step::OfferApproval),
            (Path::SIMPLE, Step::DocumentValidation),
        ] {
            let order = walk(path, step);
            for why in ["", "  \t "] {
                let err = refused(reject(&order, step, why, &performer(step)));
                assert_eq!(err, DomainError::ReasonRequired, "step {step}");
            }
        }
    }

    #[test]
    fn rejecting_any_other_step_is_not_possible() {
        for step in Path::THE_LONGEST.steps() {
            if matches!(step, Step::OfferApproval | Step::DocumentValidation) {
                continue;
            }
            assert_eq!(step.rejects_to(), None, "step {step}");
            let order = walk(Path::THE_LONGEST, step);
            let err = refused(reject(&order, step, "no me gusta", &everyone()));
            assert_eq!(err, DomainError::NotRejectable { step });
        }
    }

    #[test]
    fn only_the_steps_role_may_reject_it() {
        let order = walk(Path::SIMPLE, Step::DocumentValidation);
        let kam = holder_of(Role::Kam);
        let err = refused(reject(
            &order,
            Step::DocumentValidation,
            "me arrepentí",
            &kam,
        ));
        assert_eq!(
            err,
            DomainError::NotAllowed {
                username: kam.username.clone(),
                action: Action::RejectStep(Step::DocumentValidation),
                allowed: vec![Role::CorporateSupport],
            }
        );
    }

    #[test]
    fn a_step_can_be_rejected_only_while_the_order_waits_for_it() {
        let order = walk(Path::SIMPLE, Step::SiebelActivation);
        let err = refused(reject(
            &order,
            Step::DocumentValidation,
            "El SOW no está firmado",
            &holder_of(Role::CorporateSupport),
        ));
        assert!(
            matches!(
                err,
                DomainError::NotCurrentStep {
                    asked: Step::DocumentValidation,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_reason_longer_than_allowed_is_refused_saying_it_is_too_long_not_missing() {
        let order = walk(Path::WITH_EXCEPTION, Step::OfferApproval);
        let long = "x".repeat(1001);
        let err = refused(reject(
            &order,
            Step::OfferApproval,
            &long,
            &holder_of(Role::Offers),
        ));
        assert!(
            !err.message(Lang::Es).contains("falta el motivo"),
            "{}",
            err.message(Lang::Es)
        );
        assert!(
            !err.message(Lang::En).contains("missing"),
            "{}",
            err.message(Lang::En)
        );
    }
}

// ======================================================================================
// 5. Cancellation: a KAM or pre-sales may cancel with a reason until the Siebel
//    activation; a closed order takes nothing more.
// ======================================================================================

mod cancellation {
    use super::*;

    #[test]
    fn a_kam_may_cancel_an_open_order_with_a_reason() {
        let order = walk(Path::SIMPLE, Step::Offer);
        let karina = holder_of(Role::Kam);
        let cancelled = accepted(cancel(&order, "El cliente postergó el proyecto", &karina));
        assert_eq!(cancelled.status, OrderStatus::Cancelled);
        assert_eq!(cancelled.current, None);
        assert_eq!(
            cancelled.cancellation,
            Some(Cancellation {
                by: karina.username.clone(),
                at: now(),
                reason: "El cliente postergó el proyecto".into(),
            })
        );
        assert_eq!(
            cancelled.records, order.records,
            "what was done stays on record"
        );
        assert_eq!(cancelled.check_invariants(), Ok(()));
    }

    #[test]
    fn kam_and_presales_may_cancel_at_any_step_up_to_the_siebel_activation() {
        let path = Path::THE_LONGEST;
        for step in path
            .steps()
            .into_iter()
            .filter(|s| *s <= Step::SiebelActivation)
        {
            let order = walk(path, step);
            for role in [Role::Kam, Role::Presales] {
                let cancelled = accepted(cancel(
                    &order,
                    "El cliente eligió otro proveedor",
                    &holder_of(role),
                ));
                assert_eq!(cancelled.status, OrderStatus::Cancelled, "at step {step}");
                assert_eq!(cancelled.check_invariants(), Ok(()), "at step {step}");
            }
        }
    }

    #[test]
    fn cancelling_without_a_reason_is_refused() {
        let order = walk(Path::SIMPLE, Step::Offer);
        for why in ["", "    "] {
            assert_eq!(
                refused(cancel(&order, why, &holder_of(Role::Kam))),
                DomainError::ReasonRequired
            );
        }
    }

    #[test]
    fn once_activated_in_siebel_it_is_too_late_to_cancel() {
        let path = Path::SIMPLE;
        for step in path
            .steps()
            .into_iter()
            .filter(|s| *s > Step::SiebelActivation)
        {
            let order = walk(path, step);
            assert!(order.is_activated());
            for role in [Role::Kam, Role::Presales] {
                let err = refused(cancel(
                    &order,
                    "El cliente ya no lo quiere",
                    &holder_of(role),
                ));
                assert_eq!(
                    err,
                    DomainError::TooLateToCancel {
                        number: order.number.clone()
                    },
                    "at step {step}"
                );
            }
        }
    }

    #[test]
    fn no_one_but_a_kam_or_presales_may_cancel() {
        let order = walk(Path::SIMPLE, Step::Offer);
        for role in Role::ALL
            .into_iter()
            .filter(|r| ![Role::Kam, Role::Presales].contains(r))
        {
            let by = holder_of(role);
            let err = refused(cancel(&order, "No corresponde", &by));
            assert_eq!(
                err,
                DomainError::NotAllowed {
                    username: by.username.clone(),
                    action: Action::CancelOrder,
                    allowed: vec![Role::Kam, Role::Presales],
                }
            );
        }
    }

    /// Every action anyone could ask of a closed order, by someone holding every role.
    fn every_action_on(order: &Order, path: Path) -> Vec<(String, DomainError)> {
        let all = everyone();
        let mut refusals = Vec::new();
        for step in Step::ALL {
            let err = refused(complete(
                order,
                step,
                &valid_input(step, path),
                &customer(),
                &all,
            ));
            refusals.push((format!("complete step {step}"), err));
        }
        for step in [Step::OfferApproval, Step::DocumentValidation] {
            refusals.push((
                format!("reject step {step}"),
                refused(reject(order, step, "motivo", &all)),
            ));
        }
        refusals.push((
            "skip step 5".into(),
            refused(skip(order, Step::FeasibilityRequest, "motivo", &all)),
        ));
        refusals.push(("cancel".into(), refused(cancel(order, "motivo", &all))));
        refusals
    }

    #[test]
    fn a_cancelled_order_refuses_every_further_action() {
        let path = Path::THE_LONGEST;
        let order = accepted(cancel(
            &walk(path, Step::FeasibilityRequest),
            "Proyecto suspendido",
            &holder_of(Role::Kam),
        ));
        for (action, err) in every_action_on(&order, path) {
            assert_eq!(
                err,
                DomainError::OrderClosed {
                    number: order.number.clone(),
                    completed: false,
                },
                "{action}"
            );
        }
    }

    #[test]
    fn a_completed_order_refuses_every_further_action() {
        let path = Path::THE_LONGEST;
        let order = completed(path);
        for (action, err) in every_action_on(&order, path) {
            assert_eq!(
                err,
                DomainError::OrderClosed {
                    number: order.number.clone(),
                    completed: true,
                },
                "{action}"
            );
        }
    }
}

// ======================================================================================
// 6. Field validation: shapes, catalogues, files, dates, conditional fields, and every
//    problem reported at once.
// ======================================================================================

mod field_validation {
    use super::*;

    /// The valid input of the step with one value changed.
    fn with_value(step: Step, path: Path, key: &str, value: &str) -> StepInput {
        let mut input = valid_input(step, path);
        input.values.insert(key.into(), value.into());
        input
    }

    fn try_step(step: Step, path: Path, input: &StepInput) -> Result<Order, DomainError> {
        complete(
            &walk(path, step),
            step,
            input,
            &customer(),
            &performer(step),
        )
    }

    #[test]
    fn an_aws_account_id_must_have_twelve_digits() {
        for bad in ["12345678901", "1234567890123", "12345678901a"] {
            let input = with_value(
                Step::Provisioning,
                Path::SIMPLE,
                "aws_accounts",
                &format!("123456789012, {bad}"),
            );
            let problem = only_problem(
                try_step(Step::Provisioning, Path::SIMPLE, &input),
                "aws_accounts",
            );
            assert!(
                matches!(&problem, Problem::BadShape { given, example: "123456789012", .. } if given == bad),
                "{problem:?}"
            );
        }
    }

    #[test]
    fn the_same_aws_account_cannot_be_listed_twice() {
        let input = with_value(
            Step::Provisioning,
            Path::SIMPLE,
            "aws_accounts",
            "123456789012; 123456789012",
        );
        assert_eq!(
            only_problem(
                try_step(Step::Provisioning, Path::SIMPLE, &input),
                "aws_accounts"
            ),
            Problem::Repeated {
                given: "123456789012".into()
            }
        );
    }

    #[test]
    fn several_aws_accounts_may_be_listed_with_commas_semicolons_or_spaces() {
        let input = with_value(
            Step::Provisioning,
            Path::SIMPLE,
            "aws_accounts",
            "123456789012;210987654321 111122223333",
        );
        let next = accepted(try_step(Step::Provisioning, Path::SIMPLE, &input));
        assert_eq!(
            next.records[&Step::Provisioning].values["aws_accounts"],
            FieldValue::List(vec![
                "123456789012".into(),
                "210987654321".into(),
                "111122223333".into()
            ])
        );
    }

    #[test]
    fn an_unknown_field_is_refused_listing_the_fields_of_the_step() {
        let input = with_value(Step::Provisioning, Path::SIMPLE, "region", "sa-east-1");
        assert_eq!(
            only_problem(try_step(Step::Provisioning, Path::SIMPLE, &input), "region"),
            Problem::UnknownField {
                given: "region".into(),
                known: vec![
                    "aws_accounts".into(),
                    "mco_reference".into(),
                    "mco_console_url".into(),
                    "mco_username".into()
                ],
            }
        );
    }

    #[test]
    fn a_file_field_given_as_text_is_refused() {
        let input = StepInput::with([("hld_document", "hld.pdf")]);
        assert_eq!(
            only_problem(
                try_step(Step::HldDesign, Path::COMPLEX, &input),
                "hld_document"
            ),
            Problem::WantsFile
        );
    }

    #[test]
    fn a_text_field_given_a_file_is_refused() {
        let input = StepInput::default().file("case_number", attachment("caso.pdf"));
        assert_eq!(
            only_problem(
                try_step(Step::BackValidationCase, Path::SIMPLE, &input),
                "case_number"
            ),
            Problem::WantsText
        );
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let problem = only_problem(
            try_step(Step::Sow, Path::SIMPLE, &StepInput::default()),
            "sow",
        );
        assert_eq!(problem, Problem::Required);
    }

    #[test]
    fn the_exception_detail_is_required_when_the_offer_carries_a_price_exception() {
        let mut input = valid_input(Step::Offer, Path::WITH_EXCEPTION);
        input.values.remove("exception_detail");
        assert_eq!(
            only_problem(
                try_step(Step::Offer, Path::WITH_EXCEPTION, &input),
                "exception_detail"
            ),
            Problem::Required
        );
    }

    #[test]
    fn an_offer_without_price_exception_needs_no_exception_detail() {
        let input = valid_input(Step::Offer, Path::SIMPLE);
        assert!(!input.values.contains_key("exception_detail"));
        let next = accepted(try_step(Step::Offer, Path::SIMPLE, &input));
        assert!(
            !next.records[&Step::Offer]
                .values
                .contains_key("exception_detail")
        );
    }

    #[test]
    fn the_offer_refuses_a_plan_that_is_not_in_the_catalogue() {
        let input = with_value(Step::Offer, Path::SIMPLE, "plans", "aws, oracle-cloud");
        assert_eq!(
            only_problem(try_step(Step::Offer, Path::SIMPLE, &input), "plans"),
            Problem::NotInCatalogue {
                given: "oracle-cloud".into(),
                known: ctx().plans,
            }
        );
    }

    #[test]
    fn the_offer_needs_at_least_one_plan() {
        let input = with_value(Step::Offer, Path::SIMPLE, "plans", " , ; ");
        assert_eq!(
            only_problem(try_step(Step::Offer, Path::SIMPLE, &input), "plans"),
            Problem::Required
        );
    }

    #[test]
    fn the_offer_refuses_a_risk_that_is_not_in_the_catalogue() {
        let input = with_value(
            Step::Offer,
            Path::SIMPLE,
            "risks",
            "no-backup, alien-invasion",
        );
        assert!(matches!(
            only_problem(try_step(Step::Offer, Path::SIMPLE, &input), "risks"),
            Problem::NotInCatalogue { given, .. } if given == "alien-invasion"
        ));
    }

    #[test]
    fn the_signed_risk_act_is_required_at_the_signature_when_the_offer_recorded_risks() {
        let order = walk(Path::WITH_RISKS, Step::CustomerSignature);
        assert!(order.has_risks());
        let input = valid_input(Step::CustomerSignature, Path::SIMPLE);
        let problem = only_problem(
            complete(
                &order,
                Step::CustomerSignature,
                &input,
                &customer(),
                &holder_of(Role::Kam),
            ),
            "signed_risk_act",
        );
        assert_eq!(problem, Problem::Required);
    }

    #[test]
    fn free_text_risks_alone_also_call_for_the_signed_risk_act() {
        let order = walk(Path::SIMPLE, Step::Offer);
        let offer = with_value(
            Step::Offer,
            Path::SIMPLE,
            "risks_other",
            "El cliente gestiona sus propios respaldos",
        );
        let at_signature = accepted(complete(
            &order,
            Step::Offer,
            &offer,
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert!(at_signature.has_risks());
        let input = valid_input(Step::CustomerSignature, Path::SIMPLE);
        let problem = only_problem(
            complete(
                &at_signature,
                Step::CustomerSignature,
                &input,
                &customer(),
                &holder_of(Role::Kam),
            ),
            "signed_risk_act",
        );
        assert_eq!(problem, Problem::Required);
    }

    #[test]
    fn without_risks_the_signed_offer_is_enough() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        assert!(!order.has_risks());
        let input = valid_input(Step::CustomerSignature, Path::SIMPLE);
        assert!(!input.files.contains_key("signed_risk_act"));
        let next = accepted(complete(
            &order,
            Step::CustomerSignature,
            &input,
            &customer(),
            &holder_of(Role::Kam),
        ));
        assert_eq!(next.current, Some(Step::Sow));
    }

    #[test]
    fn a_date_in_the_future_is_refused() {
        for (step, key) in [
            (Step::SiebelActivation, "activation_date"),
            (Step::WelcomeKit, "delivered_on"),
            (Step::AcceptanceAct, "accepted_on"),
        ] {
            let input = with_value(step, Path::SIMPLE, key, "2026-11-27");
            assert_eq!(
                only_problem(try_step(step, Path::SIMPLE, &input), key),
                Problem::DateInFuture {
                    given: "2026-11-27".into()
                },
                "step {step}"
            );
        }
    }

    #[test]
    fn today_is_not_in_the_future() {
        let input = with_value(
            Step::SiebelActivation,
            Path::SIMPLE,
            "activation_date",
            "2026-11-26",
        );
        let next = accepted(try_step(Step::SiebelActivation, Path::SIMPLE, &input));
        assert_eq!(
            next.records[&Step::SiebelActivation].values["activation_date"],
            FieldValue::Date(today())
        );
    }

    #[test]
    fn a_date_not_written_year_month_day_is_refused() {
        let input = with_value(
            Step::SiebelActivation,
            Path::SIMPLE,
            "activation_date",
            "20/11/2026",
        );
        assert_eq!(
            only_problem(
                try_step(Step::SiebelActivation, Path::SIMPLE, &input),
                "activation_date"
            ),
            Problem::NotADate {
                given: "20/11/2026".into()
            }
        );
    }

    #[test]
    fn yes_and_no_are_understood_in_spanish_and_english() {
        for (typed, complex) in [
            ("Sí", true),
            ("si", true),
            ("yes", true),
            ("No", false),
            ("n", false),
        ] {
            let order = open_order(&customer());
            let input = with_value(Step::NeedsSurvey, Path::SIMPLE, "complex", typed);
            let next = accepted(complete(
                &order,
                Step::NeedsSurvey,
                &input,
                &customer(),
                &holder_of(Role::Presales),
            ));
            assert_eq!(next.is_complex(), Some(complex), "{typed}");
        }
        let input = with_value(Step::NeedsSurvey, Path::SIMPLE, "complex", "quizás");
        assert_eq!(
            only_problem(try_step(Step::NeedsSurvey, Path::SIMPLE, &input), "complex"),
            Problem::NotYesNo {
                given: "quizás".into()
            }
        );
    }

    #[test]
    fn ids_of_external_systems_are_checked_for_shape() {
        for (step, path, key, bad) in [
            (
                Step::ApnOpportunity,
                Path::SIMPLE,
                "apn_opportunity_id",
                "1234567",
            ),
            (
                Step::HldChecklist,
                Path::COMPLEX,
                "estimate_link",
                "https://example.com/estimate",
            ),
            (
                Step::ArchitectRequest,
                Path::COMPLEX,
                "salesforce_request_id",
                "0065f",
            ),
            (
                Step::FeasibilityRequest,
                Path::COMPLEX,
                "servicenow_ticket",
                "ritm0012345",
            ),
            (
                Step::BackValidationCase,
                Path::SIMPLE,
                "case_number",
                "1234",
            ),
            (
                Step::SiebelActivation,
                Path::SIMPLE,
                "subscriber_id",
                "7ABCD12",
            ),
            (
                Step::Provisioning,
                Path::SIMPLE,
                "mco_console_url",
                "http://mco.example.com.py",
            ),
        ] {
            let input = with_value(step, path, key, bad);
            let problem = only_problem(try_step(step, path, &input), key);
            assert!(
                matches!(problem, Problem::BadShape { .. }),
                "step {step}: {problem:?}"
            );
        }
        let input = with_value(
            Step::WelcomeKit,
            Path::SIMPLE,
            "delivered_to",
            "ti.cooperativa.com.py",
        );
        assert!(matches!(
            only_problem(
                try_step(Step::WelcomeKit, Path::SIMPLE, &input),
                "delivered_to"
            ),
            Problem::NotAnEmail { .. }
        ));
    }

    #[test]
    fn every_field_problem_is_reported_at_once() {
        let input = StepInput::with([
            ("aws_accounts", "12345"),
            ("mco_reference", "x"),
            ("mco_console_url", "http://mco"),
            ("region", "sa-east-1"),
        ]);
        let result = try_step(Step::Provisioning, Path::SIMPLE, &input);
        let errors = field_errors(result.clone());
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "region",
                "aws_accounts",
                "mco_reference",
                "mco_console_url",
                "mco_username"
            ]
        );
        assert!(matches!(errors[4].problem, Problem::Required));
        let message = refused(result).message(Lang::Es);
        for label in [
            "region",
            "cuentas AWS",
            "referencia en el MCO",
            "consola MCO",
            "usuario de la consola MCO",
        ] {
            assert!(message.contains(label), "«{label}» missing from: {message}");
        }
    }

    #[test]
    fn a_refused_input_leaves_the_order_waiting_at_the_same_step() {
        let order = walk(Path::SIMPLE, Step::Provisioning);
        let before = order.clone();
        let input = with_value(Step::Provisioning, Path::SIMPLE, "aws_accounts", "12345");
        let _ = refused(complete(
            &order,
            Step::Provisioning,
            &input,
            &customer(),
            &holder_of(Role::Regional),
        ));
        assert_eq!(order, before);
        assert_eq!(order.current, Some(Step::Provisioning));
    }

    #[test]
    fn an_attachment_whose_hash_is_not_a_sha256_is_refused() {
        let odd = AttachmentRef {
            sha256: "a".to_string() + &"ñ".repeat(31),
            ..attachment("hld.pdf")
        };
        let input = StepInput::default().file("hld_document", odd.clone());
        let err = refused(try_step(Step::HldDesign, Path::COMPLEX, &input));
        assert!(matches!(err, DomainError::InvalidFields { .. }), "{err:?}");
        // Even such a value is displayed without panicking.
        let shown = FieldValue::File(odd).display(Lang::Es);
        assert!(shown.starts_with("hld.pdf"));
    }
}

// ======================================================================================
// 7. Completion: the closing of the back validation completes the order, which leaves
//    an active subscription.
// ======================================================================================

mod completion {
    use super::*;

    #[test]
    fn closing_the_back_validation_completes_the_order() {
        let order = walk(Path::SIMPLE, Step::CloseBackValidation);
        let done = accepted(complete(
            &order,
            Step::CloseBackValidation,
            &valid_input(Step::CloseBackValidation, Path::SIMPLE),
            &customer(),
            &holder_of(Role::CorporateSupport),
        ));
        assert_eq!(done.status, OrderStatus::Completed);
        assert_eq!(done.current, None);
        assert_eq!(done.completed_at, Some(now()));
        assert_eq!(done.check_invariants(), Ok(()));
    }

    #[test]
    fn a_completed_order_leaves_an_active_subscription_with_what_was_recorded() {
        let done = completed(Path::SIMPLE);
        let Some(subscription) = Subscription::from_completed_order(&done) else {
            panic!("a completed order should leave a subscription");
        };
        // The same order leaves the same subscription id wherever it is completed or
        // replayed; another order, another id.
        assert_eq!(subscription.id, Subscription::id_for(done.id));
        assert_ne!(subscription.id, Subscription::id_for(customer().id));
        assert_eq!(
            Subscription::from_completed_order(&done.clone()).map(|s| s.id),
            Some(subscription.id)
        );
        assert_eq!(subscription.order_id, done.id);
        assert_eq!(subscription.customer_id, customer().id);
        assert_eq!(subscription.subscriber_id, "1-7ABCD12");
        assert_eq!(subscription.billing_account, "100234567");
        assert_eq!(subscription.activation_date, november(20));
        assert_eq!(
            subscription.plans,
            vec!["aws".to_string(), "aws-vip".to_string()]
        );
        assert_eq!(
            subscription.aws_accounts,
            vec!["123456789012".to_string(), "210987654321".to_string()]
        );
        assert_eq!(subscription.status, SubscriptionStatus::Active);
        assert_eq!(Some(subscription.created_at), done.completed_at);
    }

    #[test]
    fn an_order_not_completed_leaves_no_subscription() {
        let waiting = walk(Path::SIMPLE, Step::CloseBackValidation);
        assert_eq!(Subscription::from_completed_order(&waiting), None);
        let cancelled = accepted(cancel(
            &walk(Path::SIMPLE, Step::Offer),
            "Sin presupuesto",
            &holder_of(Role::Kam),
        ));
        assert_eq!(Subscription::from_completed_order(&cancelled), None);
    }

    #[test]
    fn the_timeline_of_a_completed_simple_order_marks_the_complex_steps_and_the_approval_not_applicable()
     {
        let done = completed(Path::SIMPLE);
        for entry in done.timeline() {
            let expected_done = Path::SIMPLE.goes_through(entry.step);
            match entry.state {
                StepState::Done { record } => {
                    assert!(expected_done, "step {} done", entry.step);
                    assert_eq!(record.by, performer(entry.step).username);
                }
                StepState::NotApplicable => {
                    assert!(!expected_done, "step {} not applicable", entry.step)
                }
                other => panic!("step {}: {other:?}", entry.step),
            }
        }
    }

    #[test]
    fn the_timeline_of_a_complex_order_shows_the_skipped_feasibility_request() {
        let order = walk(Path::COMPLEX, Step::FeasibilityRequest);
        let mut order = accepted(skip(
            &order,
            Step::FeasibilityRequest,
            "Factibilidad ya conocida",
            &holder_of(Role::Presales),
        ));
        while let Some(step) = order.current {
            order = accepted(complete(
                &order,
                step,
                &valid_input(step, Path::COMPLEX),
                &customer(),
                &performer(step),
            ));
        }
        assert_eq!(order.status, OrderStatus::Completed);
        assert!(matches!(
            state_of(&order, Step::FeasibilityRequest),
            StepState::Skipped { .. }
        ));
        assert_eq!(
            state_of(&order, Step::OfferApproval),
            StepState::NotApplicable
        );
        assert!(matches!(
            state_of(&order, Step::HldDesign),
            StepState::Done { .. }
        ));
        assert_eq!(order.check_invariants(), Ok(()));
    }
}

// ======================================================================================
// 8. Messages: a refusal names the rule and what to do, in Spanish and in English.
// ======================================================================================

mod messages {
    use super::*;

    #[test]
    fn not_allowed_names_the_role_that_may_and_how_to_get_it_done() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        let err = refused(complete(
            &order,
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &customer(),
            &holder_of(Role::Presales),
        ));
        assert_eq!(err.code(), ErrorCode::NotAllowed);
        let es = err.message(Lang::Es);
        for words in [
            "pablo.preventa",
            "paso 9",
            "Firma del cliente",
            "Ejecutivo comercial (kam)",
            "administrador",
        ] {
            assert!(es.contains(words), "«{words}» missing from: {es}");
        }
        let en = err.message(Lang::En);
        for words in [
            "pablo.preventa",
            "step 9",
            "Customer signature",
            "Key account manager (kam)",
            "administrator",
        ] {
            assert!(en.contains(words), "«{words}» missing from: {en}");
        }
    }

    #[test]
    fn not_allowed_to_cancel_names_both_roles_that_may() {
        let err = refused(cancel(
            &walk(Path::SIMPLE, Step::Offer),
            "motivo",
            &holder_of(Role::Regional),
        ));
        let es = err.message(Lang::Es);
        assert!(
            es.contains("Ejecutivo comercial (kam) o Ing. Preventa (presales)"),
            "{es}"
        );
        let en = err.message(Lang::En);
        assert!(
            en.contains("Key account manager (kam) or Pre-sales engineer (presales)"),
            "{en}"
        );
    }

    #[test]
    fn a_missing_master_contract_tells_to_record_the_contrato_marco_first() {
        let err = refused(complete(
            &walk(Path::SIMPLE, Step::CustomerSignature),
            Step::CustomerSignature,
            &valid_input(Step::CustomerSignature, Path::SIMPLE),
            &customer_without_master_contract(),
            &holder_of(Role::Kam),
        ));
        assert_eq!(err.code(), ErrorCode::MasterContractMissing);
        let es = err.message(Lang::Es);
        for words in [
            "paso 9",
            "Contrato Marco de Soluciones",
            "Cooperativa Universitaria Ltda.",
            "regístrelo",
            "ficha del cliente",
        ] {
            assert!(es.contains(words), "«{words}» missing from: {es}");
        }
        let en = err.message(Lang::En);
        for words in [
            "step 9",
            "Master Solutions Contract",
            "Cooperativa Universitaria Ltda.",
            "record it first",
        ] {
            assert!(en.contains(words), "«{words}» missing from: {en}");
        }
    }

    #[test]
    fn a_wrong_billing_cycle_asks_for_a_cycle_15_account() {
        let order = walk(Path::SIMPLE, Step::SiebelActivation);
        let input = valid_input(Step::SiebelActivation, Path::SIMPLE);
        let sonia = holder_of(Role::CorporateSupport);

        let other = refused(complete(
            &order,
            Step::SiebelActivation,
            &input,
            &customer_with_cycle(Some(14)),
            &sonia,
        ));
        assert_eq!(other.code(), ErrorCode::BillingCycleNot15);
        let es = other.message(Lang::Es);
        for words in [
            "Siebel",
            "ciclo 15",
            "ciclo 14",
            "Cooperativa Universitaria Ltda.",
            "registre",
        ] {
            assert!(es.contains(words), "«{words}» missing from: {es}");
        }
        let en = other.message(Lang::En);
        for words in [
            "Siebel",
            "cycle 15",
            "cycle 14",
            "record a cycle-15 account",
        ] {
            assert!(en.contains(words), "«{words}» missing from: {en}");
        }

        let none = refused(complete(
            &order,
            Step::SiebelActivation,
            &input,
            &customer_with_cycle(None),
            &sonia,
        ));
        let es = none.message(Lang::Es);
        for words in ["ciclo 15", "no tiene cuenta", "ficha del cliente"] {
            assert!(es.contains(words), "«{words}» missing from: {es}");
        }
        let en = none.message(Lang::En);
        for words in ["cycle 15", "has none on record", "customer's page"] {
            assert!(en.contains(words), "«{words}» missing from: {en}");
        }
    }

    #[test]
    fn field_problems_are_told_with_the_fields_label_in_the_users_language() {
        let order = walk(Path::SIMPLE, Step::Provisioning);
        let input = StepInput::with([
            ("aws_accounts", "12345"),
            ("mco_reference", "MCO-PY-00123"),
            ("mco_console_url", "https://mco.example.com.py"),
            ("mco_username", "cooperativa.admin"),
        ]);
        let err = refused(complete(
            &order,
            Step::Provisioning,
            &input,
            &customer(),
            &holder_of(Role::Regional),
        ));
        let es = err.message(Lang::Es);
        assert!(
            es.contains("cuentas AWS (12 dígitos)") && es.contains("123456789012"),
            "{es}"
        );
        let en = err.message(Lang::En);
        assert!(
            en.contains("AWS accounts (12 digits)") && en.contains("exactly 12 digits"),
            "{en}"
        );
    }
}

// ======================================================================================
// 9. Whatever anyone does: random people holding random roles do random things to orders
//    of random customers; the order always stays in a state the workflow can reach.
// ======================================================================================

mod whatever_anyone_does {
    use super::*;

    /// Something someone asks of the order.
    #[derive(Debug, Clone)]
    enum Move {
        /// Complete the step the order waits for, with valid input.
        CompleteCurrent(Path),
        /// Complete the step the order waits for, with input that cannot be valid.
        CompleteCurrentBadly(Path),
        /// Complete any step, with input valid for it.
        Complete(Step, Path),
        /// Reject a step (`None`: the one the order waits for), with or without a reason.
        Reject(Option<Step>, bool),
        /// Skip a step (`None`: the one the order waits for), with or without a reason.
        Skip(Option<Step>, bool),
        /// Cancel the order, with or without a reason.
        Cancel(bool),
    }

    /// Who asks.
    #[derive(Debug, Clone)]
    enum Actor {
        /// Someone holding a role allowed to take the action, and other random roles.
        Entitled(u16),
        /// Someone holding random roles (maybe none), maybe deactivated.
        Anyone(u16, bool),
    }

    fn roles_of(mask: u16) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, r)| r)
            .collect()
    }

    /// The step a move is about (the needs survey stands for the current step of a closed
    /// order), or `None` for a cancellation.
    fn step_asked(order: &Order, mv: &Move) -> Option<Step> {
        let current = order.current.unwrap_or(Step::NeedsSurvey);
        match mv {
            Move::CompleteCurrent(_) | Move::CompleteCurrentBadly(_) => Some(current),
            Move::Reject(step, _) | Move::Skip(step, _) => Some(step.unwrap_or(current)),
            Move::Complete(step, _) => Some(*step),
            Move::Cancel(_) => None,
        }
    }

    fn action_of(order: &Order, mv: &Move) -> Action {
        match (mv, step_asked(order, mv)) {
            (Move::Reject(..), Some(step)) => Action::RejectStep(step),
            (Move::Skip(..), Some(step)) => Action::SkipStep(step),
            (_, Some(step)) => Action::CompleteStep(step),
            (_, None) => Action::CancelOrder,
        }
    }

    fn actor_user(actor: &Actor, action: Action) -> User {
        match actor {
            Actor::Entitled(extra) => {
                let mut roles = roles_of(*extra);
                roles.push(action.allowed_roles()[0]);
                user("con.permiso", &roles)
            }
            Actor::Anyone(mask, active) => {
                let mut u = user("cualquiera", &roles_of(*mask));
                u.active = *active;
                u
            }
        }
    }

    /// The input of a move: valid for the step, or spoiled beyond repair.
    fn input_of(order: &Order, step: Step, path: Path, spoiled: bool) -> StepInput {
        let path = if step == Step::CustomerSignature {
            Path {
                risks: order.has_risks(),
                ..path
            }
        } else {
            path
        };
        let mut input = valid_input(step, path);
        if spoiled {
            for value in input.values.values_mut() {
                *value = "¿?".into();
            }
            input.values.insert("campo_inexistente".into(), "x".into());
        }
        input
    }

    fn play(
        order: &Order,
        mv: &Move,
        by: &User,
        customer: &Customer,
        at: DateTime<Utc>,
    ) -> Result<Order, DomainError> {
        let why = |with_reason: bool| {
            if with_reason {
                "Motivo de prueba"
            } else {
                "  "
            }
        };
        let result = match mv {
            Move::CompleteCurrent(path)
            | Move::CompleteCurrentBadly(path)
            | Move::Complete(_, path) => {
                let step = step_asked(order, mv).unwrap_or(Step::NeedsSurvey);
                let input = input_of(
                    order,
                    step,
                    *path,
                    matches!(mv, Move::CompleteCurrentBadly(_)),
                );
                order.complete_step(step, &input, &ctx(), customer, by, at)
            }
            Move::Reject(_, r) => order.reject(
                step_asked(order, mv).unwrap_or(Step::NeedsSurvey),
                why(*r),
                by,
                at,
            ),
            Move::Skip(_, r) => order.skip(
                step_asked(order, mv).unwrap_or(Step::NeedsSurvey),
                why(*r),
                by,
                at,
            ),
            Move::Cancel(r) => order.cancel(why(*r), by, at),
        };
        result.map(|(next, _)| next)
    }

    fn a_customer() -> impl Strategy<Value = Customer> {
        let master = prop::bool::weighted(0.8);
        let cycle = prop_oneof![6 => Just(Some(15u8)), 1 => Just(None), 1 => Just(Some(14u8)), 1 => Just(Some(1u8))];
        (master, cycle).prop_map(|(master, cycle)| {
            let c = customer_with_cycle(cycle);
            if master {
                c
            } else {
                Customer {
                    master_contract: None,
                    ..c
                }
            }
        })
    }

    fn a_path() -> impl Strategy<Value = Path> {
        any::<(bool, bool, bool)>().prop_map(|(complex, price_exception, risks)| Path {
            complex,
            price_exception,
            risks,
        })
    }

    fn a_step() -> impl Strategy<Value = Step> {
        prop::sample::select(Step::ALL.to_vec())
    }

    fn a_move() -> impl Strategy<Value = Move> {
        prop_oneof![
            12 => a_path().prop_map(Move::CompleteCurrent),
            1 => a_path().prop_map(Move::CompleteCurrentBadly),
            1 => (a_step(), a_path()).prop_map(|(s, p)| Move::Complete(s, p)),
            2 => (prop::option::weighted(0.3, a_step()), prop::bool::weighted(0.8)).prop_map(|(s, r)| Move::Reject(s, r)),
            2 => (prop::option::weighted(0.3, a_step()), prop::bool::weighted(0.8)).prop_map(|(s, r)| Move::Skip(s, r)),
            1 => prop::bool::weighted(0.15).prop_map(Move::Cancel),
        ]
    }

    fn an_actor() -> impl Strategy<Value = Actor> {
        let mask = 0u16..(1 << Role::ALL.len());
        prop_oneof![
            3 => mask.clone().prop_map(Actor::Entitled),
            1 => (mask, prop::bool::weighted(0.9)).prop_map(|(m, active)| Actor::Anyone(m, active)),
        ]
    }

    /// What an accepted move must have been allowed to do.
    fn check_accepted(
        before: &Order,
        next: &Order,
        mv: &Move,
        by: &User,
        customer: &Customer,
    ) -> Result<(), TestCaseError> {
        prop_assert!(by.active, "a deactivated user acted");
        prop_assert!(
            by.has_any(action_of(before, mv).allowed_roles()),
            "{} acted without the role",
            by.username
        );
        prop_assert_eq!(before.status, OrderStatus::Open, "a closed order changed");
        let step = step_asked(before, mv).unwrap_or(Step::NeedsSurvey);
        match mv {
            Move::CompleteCurrentBadly(_) => prop_assert!(false, "an invalid input was accepted"),
            Move::CompleteCurrent(_) | Move::Complete(..) => {
                prop_assert_eq!(
                    before.current,
                    Some(step),
                    "a step other than the current one was done"
                );
                prop_assert!(next.records.contains_key(&step));
                if matches!(step, Step::CustomerSignature | Step::DocumentValidation) {
                    prop_assert!(
                        customer.has_master_contract(),
                        "step {} without master contract",
                        step
                    );
                }
                if step == Step::SiebelActivation {
                    prop_assert_eq!(customer.billing_account.as_ref().map(|a| a.cycle), Some(15));
                }
            }
            Move::Reject(_, with_reason) => {
                prop_assert!(*with_reason, "a rejection without reason was accepted");
                prop_assert_eq!(before.current, Some(step));
                prop_assert_eq!(step.rejects_to(), next.current);
                prop_assert_eq!(next.rejections.len(), before.rejections.len() + 1);
            }
            Move::Skip(_, with_reason) => {
                prop_assert!(*with_reason, "a skip without reason was accepted");
                prop_assert_eq!(step, Step::FeasibilityRequest);
                prop_assert_eq!(before.current, Some(step));
                prop_assert!(next.skipped.contains_key(&step));
            }
            Move::Cancel(with_reason) => {
                prop_assert!(*with_reason, "a cancellation without reason was accepted");
                prop_assert!(!before.is_activated(), "cancelled after activation");
                prop_assert_eq!(next.status, OrderStatus::Cancelled);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_order_always_stays_in_a_state_the_workflow_can_reach(
            customer in a_customer(),
            moves in prop::collection::vec((an_actor(), a_move()), 1..150),
        ) {
            let mut order = open_order(&customer);
            for (minute, (actor, mv)) in (1i64..).zip(&moves) {
                let before = order.clone();
                let by = actor_user(actor, action_of(&order, mv));
                let result = play(&order, mv, &by, &customer, at(minute));
                prop_assert_eq!(&order, &before, "the order asked was changed in place");
                match result {
                    Ok(next) => {
                        check_accepted(&before, &next, mv, &by, &customer)?;
                        order = next;
                    }
                    Err(_) => {
                        // A refusal leaves the order as it was: we keep the old one.
                    }
                }
                if let Err(broken) = order.check_invariants() {
                    prop_assert!(false, "after {:?} by {:?}: {}", mv, by.roles, broken);
                }
                if order.status == OrderStatus::Completed {
                    for entry in order.timeline() {
                        prop_assert!(
                            matches!(entry.state, StepState::Done { .. } | StepState::Skipped { .. } | StepState::NotApplicable),
                            "completed, yet step {} is {:?}", entry.step, entry.state
                        );
                    }
                }
            }
        }
    }
}

/// The workflow and the documents Nimbo issues (DOMAIN §7, issue 4 §5).
mod signed_documents {
    use super::*;
    use crate::document::DocumentKind;

    fn ctx_signed(kinds: &[DocumentKind]) -> StepContext {
        StepContext {
            signed_documents: kinds.iter().copied().collect(),
            ..ctx()
        }
    }

    fn without(step: Step, path: Path, key: &str) -> StepInput {
        let mut input = valid_input(step, path);
        input.files.remove(key);
        input
    }

    #[test]
    fn a_signed_risk_act_issued_by_nimbo_stands_in_for_the_attached_copy_at_step_9() {
        let order = walk(Path::WITH_RISKS, Step::CustomerSignature);
        let input = without(Step::CustomerSignature, Path::WITH_RISKS, "signed_risk_act");
        let kam = holder_of(Role::Kam);
        let refused = order.complete_step(
            Step::CustomerSignature,
            &input,
            &ctx(),
            &customer(),
            &kam,
            now(),
        );
        assert_eq!(only_problem(refused, "signed_risk_act"), Problem::Required);
        let (next, _) = accepted(order.complete_step(
            Step::CustomerSignature,
            &input,
            &ctx_signed(&[DocumentKind::RiskAct]),
            &customer(),
            &kam,
            now(),
        ));
        assert_eq!(next.current, Some(Step::Sow));
    }

    #[test]
    fn only_step_19_produces_a_document_the_welcome_kit() {
        let producing: Vec<(Step, DocumentKind)> = Step::ALL
            .into_iter()
            .filter_map(|s| s.produces().map(|k| (s, k)))
            .collect();
        assert_eq!(producing, [(Step::WelcomeKit, DocumentKind::WelcomeKit)]);
    }

    #[test]
    fn the_signed_offer_is_still_attached_at_step_9_whatever_documents_are_signed() {
        let order = walk(Path::SIMPLE, Step::CustomerSignature);
        let input = without(Step::CustomerSignature, Path::SIMPLE, "signed_offer");
        let refused = order.complete_step(
            Step::CustomerSignature,
            &input,
            &ctx_signed(&DocumentKind::ALL),
            &customer(),
            &holder_of(Role::Kam),
            now(),
        );
        assert_eq!(only_problem(refused, "signed_offer"), Problem::Required);
    }

    #[test]
    fn document_validation_refuses_when_the_risk_act_is_no_longer_signed() {
        // Step 9 done with the Nimbo risk act signed, then a new unsigned version voided it.
        let order = walk(Path::WITH_RISKS, Step::CustomerSignature);
        let input = without(Step::CustomerSignature, Path::WITH_RISKS, "signed_risk_act");
        let signed = ctx_signed(&[DocumentKind::RiskAct]);
        let kam = holder_of(Role::Kam);
        let mut order = accepted(order.complete_step(
            Step::CustomerSignature,
            &input,
            &signed,
            &customer(),
            &kam,
            now(),
        ))
        .0;
        for step in [Step::Sow, Step::BackValidationCase] {
            order = accepted(complete(
                &order,
                step,
                &valid_input(step, Path::WITH_RISKS),
                &customer(),
                &performer(step),
            ));
        }
        let support = holder_of(Role::CorporateSupport);
        let validation = valid_input(Step::DocumentValidation, Path::WITH_RISKS);
        let refused = refused(order.complete_step(
            Step::DocumentValidation,
            &validation,
            &ctx(),
            &customer(),
            &support,
            now(),
        ));
        assert_eq!(
            refused,
            DomainError::DocumentNotSigned {
                kind: DocumentKind::RiskAct,
                step: Step::DocumentValidation
            }
        );
        assert_eq!(refused.code(), ErrorCode::DocumentNotSigned);
        assert!(refused.message(Lang::Es).contains("nimbo doc sign"));
        let (next, _) = accepted(order.complete_step(
            Step::DocumentValidation,
            &validation,
            &signed,
            &customer(),
            &support,
            now(),
        ));
        assert_eq!(next.current, Some(Step::SiebelActivation));
    }

    #[test]
    fn the_risk_act_field_is_decided_for_the_order_as_a_result() {
        use crate::order::{Requirement, requirement};
        let spec = |key: &str| {
            Step::CustomerSignature
                .fields()
                .iter()
                .find(|f| f.key == key)
                .copied()
                .unwrap()
        };
        let none = Default::default();
        let signed = [DocumentKind::RiskAct].into_iter().collect();
        let act = spec("signed_risk_act");
        let step = Step::CustomerSignature;
        assert_eq!(
            requirement(step, &act, false, &none),
            Requirement::NotNeededWithoutRisks
        );
        assert_eq!(
            requirement(step, &act, false, &signed),
            Requirement::NotNeededWithoutRisks
        );
        assert_eq!(requirement(step, &act, true, &none), Requirement::Required);
        assert_eq!(
            requirement(step, &act, true, &signed),
            Requirement::SignedInNimbo(DocumentKind::RiskAct)
        );
        assert_eq!(
            requirement(step, &spec("signed_offer"), true, &signed),
            Requirement::Required
        );
    }

    #[test]
    fn every_unmet_precondition_is_listed_in_the_tables_order_with_its_refusal() {
        let order = walk(Path::WITH_RISKS, Step::DocumentValidation);
        let bare = Customer {
            master_contract: None,
            ..customer()
        };
        let unmet = order.unmet_preconditions(Step::DocumentValidation, &bare, &Default::default());
        let kinds: Vec<_> = unmet.iter().map(|(p, _)| *p).collect();
        assert_eq!(kinds, [Precondition::MasterContract]);
        assert!(matches!(
            unmet[0].1,
            DomainError::MasterContractMissing { .. }
        ));
        // The risk act was attached at step 9 here; without it, both would be listed.
        let mut unsigned = order.clone();
        if let Some(r) = unsigned.flow.records.get_mut(&Step::CustomerSignature) {
            r.values.remove("signed_risk_act");
        }
        let unmet =
            unsigned.unmet_preconditions(Step::DocumentValidation, &bare, &Default::default());
        let kinds: Vec<_> = unmet.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            kinds,
            [Precondition::MasterContract, Precondition::RiskActSigned]
        );
        assert!(
            order
                .unmet_preconditions(Step::DocumentValidation, &customer(), &Default::default())
                .is_empty()
        );
    }

    #[test]
    fn document_validation_accepts_a_risk_act_attached_as_a_file_at_step_9() {
        let order = walk(Path::WITH_RISKS, Step::DocumentValidation);
        accepted(complete(
            &order,
            Step::DocumentValidation,
            &valid_input(Step::DocumentValidation, Path::WITH_RISKS),
            &customer(),
            &holder_of(Role::CorporateSupport),
        ));
    }

    #[test]
    fn the_acceptance_act_signed_in_nimbo_completes_step_20_without_an_attached_copy() {
        let order = walk(Path::SIMPLE, Step::AcceptanceAct);
        let input = without(Step::AcceptanceAct, Path::SIMPLE, "signed_acceptance_act");
        let om = holder_of(Role::OrderManager);
        let refused = order.complete_step(
            Step::AcceptanceAct,
            &input,
            &ctx_signed(&[DocumentKind::RiskAct]),
            &customer(),
            &om,
            now(),
        );
        assert_eq!(
            only_problem(refused, "signed_acceptance_act"),
            Problem::Required
        );
        let (next, _) = accepted(order.complete_step(
            Step::AcceptanceAct,
            &input,
            &ctx_signed(&[DocumentKind::AcceptanceAct]),
            &customer(),
            &om,
            now(),
        ));
        assert_eq!(next.current, Some(Step::CloseProvisioningCase));
    }

    #[test]
    fn documents_are_made_only_once_the_data_they_print_is_recorded() {
        let at_offer = walk(Path::WITH_RISKS, Step::Offer);
        assert_eq!(
            DocumentKind::RiskAct.missing_data(&at_offer),
            Some(Step::Offer)
        );
        let signing = walk(Path::WITH_RISKS, Step::CustomerSignature);
        assert_eq!(DocumentKind::RiskAct.missing_data(&signing), None);
        assert_eq!(
            DocumentKind::WelcomeKit.missing_data(&signing),
            Some(Step::Provisioning)
        );
        let delivered = walk(Path::SIMPLE, Step::DeliveryKit);
        assert_eq!(DocumentKind::WelcomeKit.missing_data(&delivered), None);
        assert_eq!(DocumentKind::AcceptanceAct.missing_data(&delivered), None);
    }
}

#[test]
fn the_onboarding_is_the_engines_table_with_every_step_in_order() {
    use crate::workflow::ProcessStep;
    assert_eq!(Step::table().len(), 22);
    for step in Step::ALL {
        assert_eq!(step.spec().step, step);
        assert_eq!(step.position(), step.number());
        assert!(
            step.spec().deciders.is_empty() && step.spec().time_limit_hours.is_none(),
            "onboarding has no decision steps and no time limits (DOMAIN §4)"
        );
    }
    assert_eq!(Step::first(), Step::NeedsSurvey);
    // What a step records signed and the document's own idea of it are the same fact.
    for kind in crate::document::DocumentKind::ALL {
        if let Some((step, key)) = kind.step_field() {
            assert_eq!(step.spec().signed_document(key), Some(kind));
        }
    }
}

#[test]
fn an_order_keeps_the_json_fields_it_had_before_the_engine() {
    let order = open_order(&customer());
    let json = serde_json::to_value(&order).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "activation_account",
            "cancellation",
            "completed_at",
            "created_at",
            "created_by",
            "current",
            "customer_id",
            "id",
            "number",
            "records",
            "rejections",
            "skipped",
            "status",
            "step_since",
            "title"
        ]
    );
    let back: Order = serde_json::from_value(json).unwrap();
    assert_eq!(back, order);
}

#[test]
fn an_order_has_no_deadline_since_onboarding_steps_have_no_time_limit() {
    let order = open_order(&customer());
    let open = order.open_step(at(10_000)).unwrap();
    assert_eq!(open.step, Step::NeedsSurvey);
    assert_eq!(open.roles, vec![Role::Presales]);
    assert_eq!(open.deadline, None);
    assert!(!open.overdue);
}
