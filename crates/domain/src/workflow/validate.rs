//! Checking what a person gave for a step against the step's field table: every field's
//! problem reported at once, nothing guessed.

use std::collections::{BTreeMap, BTreeSet};

use crate::customer::check_past_date;
use crate::external_id::IdShape;
use crate::problem::{FieldError, Problem, email, required_text};

use crate::document::DocumentKind;

use super::fields::{
    AttachmentRef, FieldKind, FieldSpec, FieldValue, Need, Requirement, StepContext, StepInput,
};
use super::spec::ProcessStep;

fn check_file(kind: FieldKind, f: &AttachmentRef) -> Result<AttachmentRef, Problem> {
    if !is_sha256(&f.sha256) {
        return Err(Problem::BadShape {
            given: f.sha256.clone(),
            expected_es: "SHA-256 en hexadecimal (64 caracteres)",
            expected_en: "hexadecimal SHA-256 (64 characters)",
            example: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        });
    }
    if kind == FieldKind::SignedPdf && f.media_type != "application/pdf" {
        return Err(Problem::NotAPdf {
            name: f.name.clone(),
        });
    }
    Ok(f.clone())
}

/// Checks a signed copy given outside a step's form (a termination's letter): a stored
/// PDF named by its SHA-256.
pub fn check_signed_pdf(f: &AttachmentRef) -> Result<AttachmentRef, Problem> {
    check_file(FieldKind::SignedPdf, f)
}

fn check_date(text: &str) -> Result<chrono::NaiveDate, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| Problem::NotADate {
        given: t.to_string(),
    })
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn split_list(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_yes_no(raw: &str) -> Result<bool, Problem> {
    match deunicode::deunicode(raw.trim()).to_lowercase().as_str() {
        "si" | "s" | "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(Problem::NotYesNo {
            given: raw.trim().to_string(),
        }),
    }
}

fn codes(raw: &str, known: &[String], at_least_one: bool) -> Result<Vec<String>, Problem> {
    let items = split_list(raw);
    if at_least_one && items.is_empty() {
        return Err(Problem::Required);
    }
    let mut seen = BTreeSet::new();
    for item in &items {
        if !known.iter().any(|k| k == item) {
            return Err(Problem::NotInCatalogue {
                given: item.clone(),
                known: known.to_vec(),
            });
        }
        if !seen.insert(item.clone()) {
            return Err(Problem::Repeated {
                given: item.clone(),
            });
        }
    }
    Ok(items)
}

fn parse_value(spec: &FieldSpec, raw: &str, ctx: &StepContext) -> Result<FieldValue, Problem> {
    Ok(match spec.kind {
        FieldKind::Text => FieldValue::Text(required_text(raw, 200)?),
        FieldKind::LongText => FieldValue::Text(required_text(raw, 4000)?),
        FieldKind::YesNo => FieldValue::Flag(parse_yes_no(raw)?),
        FieldKind::PastDate => FieldValue::Date(check_past_date(raw, ctx.today)?),
        FieldKind::Date => FieldValue::Date(check_date(raw)?),
        FieldKind::Email => FieldValue::Text(email(raw)?),
        FieldKind::HttpsUrl => {
            let v = raw.trim();
            if v.starts_with("https://")
                && v.len() > 8
                && v.len() <= 500
                && !v.chars().any(char::is_whitespace)
            {
                FieldValue::Text(v.to_string())
            } else {
                return Err(Problem::BadShape {
                    given: v.to_string(),
                    expected_es: "una dirección https://",
                    expected_en: "an https:// address",
                    example: "https://mco.example.com.py",
                });
            }
        }
        FieldKind::ExternalId(shape) => FieldValue::Text(shape.check(raw)?),
        FieldKind::AwsAccounts => {
            let items = split_list(raw);
            if items.is_empty() {
                return Err(Problem::Required);
            }
            let mut seen = BTreeSet::new();
            for item in &items {
                IdShape::AwsAccount.check(item)?;
                if !seen.insert(item.clone()) {
                    return Err(Problem::Repeated {
                        given: item.clone(),
                    });
                }
            }
            FieldValue::List(items)
        }
        FieldKind::Plans => FieldValue::List(codes(raw, &ctx.plans, true)?),
        FieldKind::Risks => FieldValue::List(codes(raw, &ctx.risks, false)?),
        FieldKind::File | FieldKind::SignedPdf => return Err(Problem::WantsFile),
    })
}

/// Whether a field of the step must be given for this instance, decided from what the
/// instance knows: whether it records risks, and which of its documents are signed in
/// Nimbo (a signature Nimbo tracks stands in for the signed copy the field would carry).
pub fn requirement<S: ProcessStep>(
    step: S,
    spec: &FieldSpec,
    has_risks: bool,
    signed_documents: &BTreeSet<DocumentKind>,
) -> Requirement {
    if spec.need == Need::WhenOrderHasRisks && !has_risks {
        return Requirement::NotNeededWithoutRisks;
    }
    if let Some(kind) = step
        .spec()
        .signed_document(spec.key)
        .filter(|k| signed_documents.contains(k))
    {
        return Requirement::SignedInNimbo(kind);
    }
    match spec.need {
        Need::Required | Need::WhenOrderHasRisks => Requirement::Required,
        Need::Optional => Requirement::Optional,
        Need::WhenYes(flag) => Requirement::WhenYes(flag),
    }
}

/// Validates what a person gave for a step, reporting every field's problem at once.
pub fn validate<S: ProcessStep>(
    step: S,
    input: &StepInput,
    ctx: &StepContext,
    order_has_risks: bool,
) -> Result<BTreeMap<String, FieldValue>, Vec<FieldError>> {
    let specs = step.spec().fields;
    let mut errors = Vec::new();
    let known: Vec<String> = specs.iter().map(|s| s.key.to_string()).collect();
    for key in input.values.keys().chain(input.files.keys()) {
        if !specs.iter().any(|s| s.key == key) {
            errors.push(FieldError::new(
                key,
                key,
                key,
                Problem::UnknownField {
                    given: key.clone(),
                    known: known.clone(),
                },
            ));
        }
    }
    let mut values = BTreeMap::new();
    for spec in specs {
        let err = |p| FieldError::new(spec.key, spec.label_es, spec.label_en, p);
        let raw = input
            .values
            .get(spec.key)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty());
        let file = input.files.get(spec.key);
        let given = match (spec.kind.is_file(), raw, file) {
            (true, Some(_), _) => Err(Problem::WantsFile),
            (true, None, Some(f)) => check_file(spec.kind, f).map(|f| Some(FieldValue::File(f))),
            (false, _, Some(_)) => Err(Problem::WantsText),
            (false, Some(raw), None) => parse_value(spec, raw, ctx).map(Some),
            (_, None, None) => Ok(None),
        };
        match given {
            Err(p) => errors.push(err(p)),
            Ok(Some(v)) => {
                values.insert(spec.key.to_string(), v);
            }
            Ok(None) => {
                let needed = match requirement(step, spec, order_has_risks, &ctx.signed_documents) {
                    Requirement::Required => true,
                    Requirement::WhenYes(flag) => input
                        .values
                        .get(flag)
                        .and_then(|v| parse_yes_no(v).ok())
                        .unwrap_or(false),
                    Requirement::Optional
                    | Requirement::NotNeededWithoutRisks
                    | Requirement::SignedInNimbo(_) => false,
                };
                if needed {
                    errors.push(err(Problem::Required));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}
