//! The 22 steps as forms: what each records, how each field is typed, and what a person
//! submits to complete one. Derived from the domain's step table.

use std::collections::BTreeMap;
use std::path::Path;

use nimbo_domain::Lang;
use nimbo_domain::order::{Branch, FieldKind, FieldSpec, Need, Step, document_of_field};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::order_page::{OrderPageView, page};
use crate::actions::orders::{self, StepSubmission};
use crate::attachments::FileUpload;
use crate::error::{FieldMessage, FileProblem};
use crate::{AppError, Nimbo};

/// How a field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindView {
    /// A short text (up to 200 characters).
    Text,
    /// A longer free text (up to 4,000 characters).
    LongText,
    /// Yes or no: send `yes` or `no`.
    YesNo,
    /// A day not later than today: typed dd/mm/aaaa, sent `YYYY-MM-DD`.
    Date,
    /// An e-mail address.
    Email,
    /// An https:// address.
    Url,
    /// An id of another system, of the shape in `hint` (like `example`).
    Id,
    /// One or more 12-digit AWS account ids, separated by commas.
    AwsAccounts,
    /// One or more plan codes of the catalogue, separated by commas.
    Plans,
    /// Risk codes of the catalogue, separated by commas (may be none).
    Risks,
    /// A file.
    File,
    /// A signed copy: a PDF.
    SignedPdf,
}

/// When a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RequiredView {
    /// Always.
    Always,
    /// Never.
    Optional,
    /// When the order's offer records risks the customer accepts.
    WhenRisks,
    /// When the offer's price exception is yes (the field named in `depends_on`).
    WhenPriceException,
    /// Unless the document it carries is signed in Nimbo (the signed copy attached here
    /// stands in for a signature Nimbo did not record).
    UnlessSignedInNimbo,
    /// When the offer records risks, unless the risk act is signed in Nimbo.
    WhenRisksUnlessSignedInNimbo,
}

/// One field of a step's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldView {
    /// The key to send the value under.
    pub key: String,
    /// The label.
    pub label: String,
    /// How it is typed.
    pub kind: FieldKindView,
    /// When it must be given.
    pub required: RequiredView,
    /// The yes/no field of the same step this one depends on, if any.
    pub depends_on: Option<String>,
    /// A well-formed example value (empty for free text and files).
    pub example: String,
    /// What the value must look like, in the user's language.
    pub hint: String,
}

/// A step as a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StepFormView {
    /// Its number, 1 to 22.
    pub number: u8,
    /// Its id, e.g. `needs_survey`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The id of the role that performs it.
    pub role_id: String,
    /// That role's name.
    pub role_name: String,
    /// `always`, `complex` (only complex solutions) or `price_exception`.
    pub branch: String,
    /// When the step applies, in words; empty for every order.
    pub branch_label: String,
    /// Whether its role may skip it (with a reason).
    pub optional: bool,
    /// Where rejecting it sends the order back to, if it may be rejected.
    pub rejects_to: Option<u8>,
    /// Its fields.
    pub fields: Vec<FieldView>,
}

/// A file chosen for a field: either its path on this computer, or its name and content
/// as the interface read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FileInput {
    /// The field's key.
    pub key: String,
    /// The file's path, when chosen through the system's file dialog.
    #[serde(default)]
    pub path: Option<String>,
    /// The file's name, when its content is sent.
    #[serde(default)]
    pub name: Option<String>,
    /// The file's content (bytes), when sent; up to 25 MB.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
}

/// What a person submits to complete a step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StepInput {
    /// Typed values by field key.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Files chosen, by field key.
    #[serde(default)]
    pub files: Vec<FileInput>,
}

fn kind_view(kind: FieldKind) -> FieldKindView {
    match kind {
        FieldKind::Text => FieldKindView::Text,
        FieldKind::LongText => FieldKindView::LongText,
        FieldKind::YesNo => FieldKindView::YesNo,
        FieldKind::PastDate | FieldKind::Date => FieldKindView::Date,
        FieldKind::Email => FieldKindView::Email,
        FieldKind::HttpsUrl => FieldKindView::Url,
        FieldKind::ExternalId(_) => FieldKindView::Id,
        FieldKind::AwsAccounts => FieldKindView::AwsAccounts,
        FieldKind::Plans => FieldKindView::Plans,
        FieldKind::Risks => FieldKindView::Risks,
        FieldKind::File => FieldKindView::File,
        FieldKind::SignedPdf => FieldKindView::SignedPdf,
    }
}

fn example_and_hint(kind: FieldKind, lang: Lang) -> (&'static str, &'static str) {
    match kind {
        // Help says what the label does not: a free text, a yes/no list, an e-mail
        // address and the catalogue's checkboxes need none.
        FieldKind::Text | FieldKind::LongText => ("", ""),
        FieldKind::YesNo => ("yes", ""),
        FieldKind::PastDate => (
            "2026-11-20",
            lang.pick(
                "dd/mm/aaaa, no posterior a hoy",
                "dd/mm/yyyy, not later than today",
            ),
        ),
        FieldKind::Date => ("2026-12-20", lang.pick("dd/mm/aaaa", "dd/mm/yyyy")),
        FieldKind::Email => ("nombre@empresa.com.py", ""),
        FieldKind::HttpsUrl => (
            "https://mco.example.com.py",
            lang.pick("una dirección https://", "an https:// address"),
        ),
        FieldKind::ExternalId(shape) => {
            let (es, en, example) = shape.describe();
            (example, lang.pick(es, en))
        }
        FieldKind::AwsAccounts => (
            "123456789012, 210987654321",
            lang.pick(
                "una o más cuentas de 12 dígitos, separadas por comas",
                "one or more 12-digit accounts, separated by commas",
            ),
        ),
        FieldKind::Plans => ("aws, aws-vip", ""),
        FieldKind::Risks => ("no-backup", ""),
        FieldKind::File => (
            "",
            lang.pick("un archivo de hasta 25 MB", "a file of up to 25 MB"),
        ),
        FieldKind::SignedPdf => (
            "",
            lang.pick(
                "el PDF firmado (escaneado o con firma digital), hasta 25 MB",
                "the signed PDF (scanned or digitally signed), up to 25 MB",
            ),
        ),
    }
}

fn field_view(step: Step, spec: &FieldSpec, lang: Lang) -> FieldView {
    let tracked = document_of_field(step, spec.key).is_some();
    field_view_tracked(spec, tracked, lang)
}

/// A field of a step whose process tracks no signed document in its fields (a
/// termination's, a suspension's or a reconnection's).
pub(crate) fn plain_field_view(spec: &FieldSpec, lang: Lang) -> FieldView {
    field_view_tracked(spec, false, lang)
}

fn field_view_tracked(spec: &FieldSpec, tracked: bool, lang: Lang) -> FieldView {
    let (example, hint) = example_and_hint(spec.kind, lang);
    let (required, depends_on) = match spec.need {
        Need::Required if tracked => (RequiredView::UnlessSignedInNimbo, None),
        Need::Required => (RequiredView::Always, None),
        Need::Optional => (RequiredView::Optional, None),
        Need::WhenOrderHasRisks if tracked => (RequiredView::WhenRisksUnlessSignedInNimbo, None),
        Need::WhenOrderHasRisks => (RequiredView::WhenRisks, None),
        Need::WhenYes(flag) => (RequiredView::WhenPriceException, Some(flag.to_string())),
    };
    FieldView {
        key: spec.key.to_string(),
        label: super::label_case(spec.label(lang)),
        kind: kind_view(spec.kind),
        required,
        depends_on,
        example: example.to_string(),
        // Help reads as a sentence under its field; the date's own format stays as typed.
        hint: if hint.starts_with("dd/") {
            hint.to_string()
        } else {
            super::label_case(hint)
        },
    }
}

/// One step's form.
pub fn step_form(step: Step, lang: Lang) -> StepFormView {
    let (branch, branch_label) = match step.branch() {
        Branch::Always => ("always", ""),
        Branch::Complex => (
            "complex",
            lang.pick("solo soluciones complejas", "complex solutions only"),
        ),
        Branch::PriceException => (
            "price_exception",
            lang.pick(
                "solo con excepción de precio",
                "only with a price exception",
            ),
        ),
    };
    StepFormView {
        number: step.number(),
        id: serde_json::to_value(step)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        name: step.name(lang).to_string(),
        role_id: step.role().id().to_string(),
        role_name: step.role().name(lang).to_string(),
        branch: branch.to_string(),
        branch_label: branch_label.to_string(),
        optional: step.is_optional(),
        rejects_to: step.rejects_to().map(Step::number),
        fields: step
            .fields()
            .iter()
            .map(|f| field_view(step, f, lang))
            .collect(),
    }
}

/// The 22 steps' forms, in order.
pub fn step_forms(lang: Lang) -> Vec<StepFormView> {
    Step::ALL.iter().map(|s| step_form(*s, lang)).collect()
}

fn values(input: &StepInput) -> BTreeMap<String, String> {
    input
        .values
        .iter()
        .map(|(k, v)| (k.trim().to_string(), v.clone()))
        .collect()
}

/// Reads a chosen file: its content as sent, or from its path.
pub(crate) fn upload(f: &FileInput) -> Result<FileUpload, AppError> {
    match (&f.bytes, &f.path) {
        (Some(bytes), path) => {
            let name = f.name.as_deref().or(path.as_deref()).unwrap_or(&f.key);
            FileUpload::from_bytes(name, bytes.clone())
        }
        (None, Some(path)) => FileUpload::from_path(Path::new(path.trim())),
        (None, None) => Err(AppError::FileUnreadable {
            path: f.name.clone().unwrap_or_default().into(),
            reason: FileProblem::Missing,
        }),
    }
}

/// Checks a submission for the order's current step as completing it would, without
/// saving anything: the fields' problems (none when it would pass), or the refusal that
/// is not about a field (not allowed, not the current step, a missing contract…).
pub async fn validate(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    input: &StepInput,
    lang: Lang,
) -> Result<Vec<FieldMessage>, AppError> {
    let mut problems = Vec::new();
    let mut submission = StepSubmission {
        step: None,
        values: values(input),
        files: BTreeMap::new(),
    };
    for f in &input.files {
        match upload(f) {
            Ok(file) => {
                submission.files.insert(f.key.trim().to_string(), file);
            }
            Err(e) => problems.push(FieldMessage {
                field: f.key.trim().to_string(),
                message: e.message(lang),
            }),
        }
    }
    match orders::check_step(nimbo, by, number, &submission).await {
        Ok(()) => Ok(problems),
        Err(e) if !e.field_errors().is_empty() => {
            let mut fields = e.payload(lang).fields;
            fields.retain(|f| !problems.iter().any(|p| p.field == f.field));
            problems.extend(fields);
            Ok(problems)
        }
        Err(e) => Err(e),
    }
}

/// Completes the order's current step with what the person submitted, and shows the
/// order's page.
pub async fn complete(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    input: &StepInput,
    lang: Lang,
) -> Result<OrderPageView, AppError> {
    let mut submission = StepSubmission {
        step: None,
        values: values(input),
        files: BTreeMap::new(),
    };
    for f in &input.files {
        submission
            .files
            .insert(f.key.trim().to_string(), upload(f)?);
    }
    let order = orders::complete_step(nimbo, by, number, submission).await?;
    page(nimbo, &order.number, Some(by), lang).await
}
