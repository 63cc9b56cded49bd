//! What a step records: the values typed or attached, validated against the step's
//! field table.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::customer::check_past_date;
use crate::document::DocumentKind;
use crate::external_id::IdShape;
use crate::problem::{FieldError, Problem, email, required_text};

use super::step::{FieldKind, FieldSpec, Need, Step};

/// A file kept in the local store, named by the SHA-256 of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// The file's name as it was attached.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its media type, guessed from its content.
    pub media_type: String,
}

/// A recorded value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldValue {
    /// Text, an id or an address.
    Text(String),
    /// Yes or no.
    Flag(bool),
    /// A date.
    Date(NaiveDate),
    /// A list of codes or ids.
    List(Vec<String>),
    /// A file.
    File(AttachmentRef),
}

impl FieldValue {
    /// The value as display text.
    pub fn display(&self, lang: crate::lang::Lang) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Flag(b) => lang
                .pick(if *b { "sí" } else { "no" }, if *b { "yes" } else { "no" })
                .to_string(),
            FieldValue::Date(d) => d.format("%d/%m/%Y").to_string(),
            FieldValue::List(items) => items.join(", "),
            FieldValue::File(a) => format!(
                "{} ({} bytes, sha256 {}…)",
                a.name,
                a.size,
                a.sha256.get(..12).unwrap_or(&a.sha256)
            ),
        }
    }
}

/// What a person gives to complete a step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepInput {
    /// Typed values by field key.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Attached files by field key, already stored.
    #[serde(default)]
    pub files: BTreeMap<String, AttachmentRef>,
}

impl StepInput {
    /// An input with the given typed values.
    pub fn with<const N: usize>(values: [(&str, &str); N]) -> StepInput {
        StepInput {
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            files: BTreeMap::new(),
        }
    }

    /// Adds a file.
    pub fn file(mut self, key: &str, attachment: AttachmentRef) -> StepInput {
        self.files.insert(key.to_string(), attachment);
        self
    }
}

/// What validation needs to know beyond the input itself.
#[derive(Debug, Clone)]
pub struct StepContext {
    /// Today in Asunción.
    pub today: NaiveDate,
    /// The plan codes of the catalogue.
    pub plans: Vec<String>,
    /// The risk codes of the catalogue.
    pub risks: Vec<String>,
    /// The order's documents whose current version is signed: a signed document
    /// Nimbo tracks stands in for the signed copy a step would otherwise attach.
    pub signed_documents: BTreeSet<DocumentKind>,
}

/// The document whose signature a step's field records, if it is one Nimbo issues.
pub fn document_of_field(step: Step, key: &str) -> Option<DocumentKind> {
    DocumentKind::ALL
        .into_iter()
        .find(|k| k.step_field() == Some((step, key)))
}

/// A completed step: who, when and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step.
    pub step: Step,
    /// The username of who completed it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it recorded.
    pub values: BTreeMap<String, FieldValue>,
}

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

/// Validates what a person gave for a step, reporting every field's problem at once.
pub fn validate(
    step: Step,
    input: &StepInput,
    ctx: &StepContext,
    order_has_risks: bool,
) -> Result<BTreeMap<String, FieldValue>, Vec<FieldError>> {
    let specs = step.fields();
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
                let needed = match spec.need {
                    Need::Required => true,
                    Need::Optional => false,
                    Need::WhenOrderHasRisks => order_has_risks,
                    Need::WhenYes(flag) => input
                        .values
                        .get(flag)
                        .and_then(|v| parse_yes_no(v).ok())
                        .unwrap_or(false),
                };
                let tracked = document_of_field(step, spec.key)
                    .is_some_and(|k| ctx.signed_documents.contains(&k));
                if needed && !tracked {
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
