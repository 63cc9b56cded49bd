//! Submissions to the use cases (`nimbo_app::orders::StepSubmission`) built from each
//! step's field table: random values of the right shape for every kind of field, a valid
//! submission and one spoiled in one place, and the submissions that take a simple order
//! through every step.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use fastrand::Rng;
use nimbo_app::attachments::FileUpload;
use nimbo_app::orders::StepSubmission;
use nimbo_domain::catalogue::{initial_plans, initial_risks};
use nimbo_domain::external_id::IdShape;
use nimbo_domain::order::{FieldKind, Need, Step};

/// Random values of the right shape for each kind of field.
pub struct Values<'a> {
    /// The source of randomness.
    pub rng: &'a mut Rng,
    /// Today in Asunción.
    pub today: NaiveDate,
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

fn upper_or_digit(rng: &mut Rng, n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    (0..n)
        .map(|_| char::from(A[rng.usize(0..A.len())]))
        .collect()
}

fn alnum(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| rng.alphanumeric()).collect()
}

/// Some distinct items of a list, at least `min`.
fn some_of(rng: &mut Rng, items: &[String], min: usize) -> Vec<String> {
    let mut chosen: Vec<String> = items.iter().filter(|_| rng.bool()).cloned().collect();
    while chosen.len() < min {
        let item = items[rng.usize(0..items.len())].clone();
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

/// A valid id of an external system.
pub fn external_id(rng: &mut Rng, shape: IdShape) -> String {
    match shape {
        IdShape::ApnOpportunity => {
            let n = rng.usize(7..=10);
            format!("O{}", digits(rng, n))
        }
        IdShape::SalesforceRecord => {
            let n = if rng.bool() { 15 } else { 18 };
            alnum(rng, n)
        }
        IdShape::SalesforceCase => digits(rng, 8),
        IdShape::ServiceNowTicket => {
            let prefix = ["RITM", "REQ", "INC", "CS", "SCTSK"][rng.usize(0..5)];
            let n = rng.usize(7..=10);
            format!("{prefix}{}", digits(rng, n))
        }
        IdShape::SiebelRowId => {
            let head = rng.usize(1..=3);
            let tail = rng.usize(4..=12);
            format!("{}-{}", digits(rng, head), upper_or_digit(rng, tail))
        }
        IdShape::SiebelAccount => {
            let n = rng.usize(6..=12);
            digits(rng, n)
        }
        IdShape::McoReference => format!("MCO-PY-{}", digits(rng, 5)),
        IdShape::AwsAccount => digits(rng, 12),
        IdShape::PricingCalculatorLink => {
            format!("https://calculator.aws/#/estimate?id={}", alnum(rng, 16))
        }
    }
}

/// A file of a small pool, so that the same content is attached more than once.
pub fn some_file(rng: &mut Rng, key: &str) -> FileUpload {
    let n = rng.u8(0..4);
    FileUpload {
        name: format!("{key}-{n}.pdf"),
        bytes: format!("%PDF-1.4\n% documento de prueba {n}\n%%EOF\n").into_bytes(),
    }
}

impl Values<'_> {
    /// A valid typed value of a kind (files are not typed).
    pub fn text(&mut self, kind: FieldKind) -> String {
        let rng = &mut *self.rng;
        match kind {
            FieldKind::Text => "operador.mco".into(),
            FieldKind::LongText => {
                ["Migrar ERP a AWS", "Respaldo en S3", "Sitio web"][rng.usize(0..3)].to_string()
            }
            FieldKind::YesNo => ["sí", "no", "yes", "n", "Sí", "NO"][rng.usize(0..6)].to_string(),
            FieldKind::PastDate => (self.today - Duration::days(rng.i64(0..40)))
                .format("%Y-%m-%d")
                .to_string(),
            FieldKind::Date => (self.today + Duration::days(rng.i64(-20..20)))
                .format("%Y-%m-%d")
                .to_string(),
            FieldKind::Email => "ti@cliente.com.py".into(),
            FieldKind::HttpsUrl => "https://mco.example.com.py/console".into(),
            FieldKind::ExternalId(shape) => external_id(rng, shape),
            FieldKind::AwsAccounts => {
                let n = rng.usize(1..=3);
                let mut accounts = BTreeSet::new();
                while accounts.len() < n {
                    accounts.insert(digits(rng, 12));
                }
                accounts.into_iter().collect::<Vec<_>>().join(", ")
            }
            FieldKind::Plans => {
                let plans: Vec<String> = initial_plans().into_iter().map(|p| p.code).collect();
                some_of(rng, &plans, 1).join(",")
            }
            FieldKind::Risks => {
                let risks: Vec<String> = initial_risks().into_iter().map(|r| r.code).collect();
                some_of(rng, &risks, 0).join(" ")
            }
            FieldKind::File | FieldKind::SignedPdf => unreachable!("files are attached, not typed"),
        }
    }

    /// A value of the kind that the step must refuse when given.
    pub fn bad_text(&mut self, kind: FieldKind) -> String {
        match kind {
            FieldKind::Text => "x".repeat(201),
            FieldKind::LongText => "x".repeat(4001),
            FieldKind::YesNo => "quizás".into(),
            FieldKind::PastDate => (self.today + Duration::days(1 + self.rng.i64(0..30)))
                .format("%Y-%m-%d")
                .to_string(),
            FieldKind::Date => "31/02/2026".into(),
            FieldKind::Email => "sin-arroba".into(),
            FieldKind::HttpsUrl => "http://inseguro.example.com".into(),
            FieldKind::ExternalId(_) => "no válido!".into(),
            FieldKind::AwsAccounts => "12345".into(),
            FieldKind::Plans => "plan-inexistente".into(),
            FieldKind::Risks => "riesgo-inexistente".into(),
            FieldKind::File | FieldKind::SignedPdf => "un texto donde va un archivo".into(),
        }
    }
}

fn is_yes(v: Option<&String>) -> bool {
    v.is_some_and(|v| {
        matches!(
            v.trim().to_lowercase().as_str(),
            "sí" | "si" | "s" | "yes" | "y"
        )
    })
}

/// A submission the step accepts, built from its field table; optional fields are given
/// at random.
pub fn valid_submission(
    order_has_risks: bool,
    step: Step,
    values: &mut Values<'_>,
) -> StepSubmission {
    let mut sub = StepSubmission {
        step: if values.rng.bool() { Some(step) } else { None },
        ..StepSubmission::default()
    };
    for spec in step.fields() {
        let give = match spec.need {
            Need::Required => true,
            Need::Optional => values.rng.bool(),
            Need::WhenOrderHasRisks => order_has_risks || values.rng.bool(),
            Need::WhenYes(flag) => is_yes(sub.values.get(flag)) || values.rng.bool(),
        };
        if !give {
            continue;
        }
        if spec.kind.is_file() {
            sub.files
                .insert(spec.key.to_string(), some_file(values.rng, spec.key));
        } else {
            sub.values
                .insert(spec.key.to_string(), values.text(spec.kind));
        }
    }
    if step == Step::OfferApproval {
        contract_terms(&mut sub, values);
    }
    sub
}

/// The contract's terms at the offer's approval are checked together (a clause needs a
/// term, instalments an investment): none, or a consistent set.
fn contract_terms(sub: &mut StepSubmission, values: &mut Values<'_>) {
    const TERMS: [&str; 4] = [
        "term_months",
        "early_termination",
        "installation_investment",
        "installation_instalments",
    ];
    for key in TERMS {
        sub.values.remove(key);
    }
    if values.rng.bool() {
        let clause = if values.rng.bool() { "3" } else { "50 %" };
        for (key, value) in TERMS.into_iter().zip(["24", clause, "12000.00", "12"]) {
            sub.values.insert(key.to_string(), value.to_string());
        }
    }
}

/// A submission the step must refuse for what it holds: a valid one with one thing
/// spoiled (an unknown field, a required field left out, a value of the wrong shape, a
/// file where text goes or text where a file goes).
pub fn invalid_submission(
    order_has_risks: bool,
    step: Step,
    values: &mut Values<'_>,
) -> StepSubmission {
    let mut sub = valid_submission(order_has_risks, step, values);
    sub.step = Some(step);
    let specs = step.fields();
    let spec = specs[values.rng.usize(0..specs.len())];
    match values.rng.u8(0..5) {
        0 => {
            sub.values.insert("campo_inventado".into(), "algo".into());
        }
        1 if spec.need == Need::Required => {
            sub.values.remove(spec.key);
            sub.files.remove(spec.key);
        }
        2 if !spec.kind.is_file() => {
            sub.values.remove(spec.key);
            sub.files
                .insert(spec.key.to_string(), some_file(values.rng, spec.key));
        }
        3 if spec.kind == FieldKind::SignedPdf => {
            sub.files.insert(
                spec.key.to_string(),
                FileUpload {
                    name: format!("{}.txt", spec.key),
                    bytes: b"firmado, pero no es un PDF".to_vec(),
                },
            );
        }
        _ => {
            sub.files.remove(spec.key);
            sub.values
                .insert(spec.key.to_string(), values.bad_text(spec.kind));
        }
    }
    sub
}

/// The valid submissions that take a simple order (no complex solution, no price
/// exception, no risks) through every step, with the activation date given.
pub fn simple_path(step: Step, activation: NaiveDate, today: NaiveDate) -> StepSubmission {
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    let mut files: BTreeMap<String, FileUpload> = BTreeMap::new();
    let mut v = |k: &str, x: &str| {
        values.insert(k.into(), x.into());
    };
    let pdf = |name: &str| FileUpload {
        name: name.into(),
        bytes: format!("%PDF-1.4\n% {name}\n%%EOF\n").into_bytes(),
    };
    let day = today.format("%Y-%m-%d").to_string();
    match step {
        Step::NeedsSurvey => {
            v("needs", "Migrar el ERP a AWS");
            v("complex", "no");
        }
        Step::ApnOpportunity => v("apn_opportunity_id", "O1234567"),
        Step::Offer => {
            v("offer_id", "0065f00000AbCdEFGH");
            v("plans", "aws,aws-vip");
            v("price_exception", "no");
        }
        Step::CustomerSignature => {
            files.insert("signed_offer".into(), pdf("oferta-firmada.pdf"));
        }
        Step::Sow => {
            files.insert("sow".into(), pdf("sow.pdf"));
        }
        Step::BackValidationCase => v("case_number", "00012345"),
        Step::SiebelActivation => {
            v("subscriber_id", "1-7ABCD12");
            v(
                "activation_date",
                &activation.format("%Y-%m-%d").to_string(),
            );
        }
        Step::ProvisioningCase => v("case_number", "00012346"),
        Step::SowCompletion => {
            files.insert("completed_sow".into(), pdf("sow-completo.pdf"));
        }
        Step::ProvisioningRequest => v("servicenow_request", "RITM0012346"),
        Step::Provisioning => {
            v("aws_accounts", "123456789012");
            v("mco_reference", "MCO-PY-00123");
            v("mco_console_url", "https://mco.example.com.py");
            v("mco_username", "cliente.admin");
        }
        Step::DeliveryKit => {
            files.insert("delivery_kit".into(), pdf("delivery-kit.pdf"));
        }
        Step::WelcomeKit => {
            v("delivered_to", "ti@cliente.com.py");
            v("delivered_on", &day);
        }
        Step::AcceptanceAct => {
            v("accepted_on", &day);
            files.insert("signed_acceptance_act".into(), pdf("acta.pdf"));
        }
        Step::DocumentValidation | Step::CloseProvisioningCase | Step::CloseBackValidation => {}
        other => panic!("step {other} is not on the simple path"),
    }
    StepSubmission {
        step: Some(step),
        values,
        files,
    }
}
