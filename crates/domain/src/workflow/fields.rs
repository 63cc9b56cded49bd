//! What a step records: the kinds of field, when each must be given, the values typed
//! or attached and what checking them needs to know beyond the input.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::DocumentKind;
use crate::external_id::IdShape;
use crate::lang::Lang;

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
    /// A date, past or future.
    Date,
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

/// Whether a field must be given, decided for one instance (see
/// [`requirement`](super::requirement)): the result a form states, not the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// It must be given.
    Required,
    /// It may be left empty.
    Optional,
    /// Not needed: it is asked only where the instance records risks, and it records none.
    NotNeededWithoutRisks,
    /// Not needed: the document it would carry is signed in Nimbo.
    SignedInNimbo(DocumentKind),
    /// Needed when the named yes/no field of the same step is yes (decided as one types).
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

/// One row of a field table (a `const` so that tables stay data).
pub const fn field(
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

impl AttachmentRef {
    /// Its size in the units people read: «850 KB», «2,4 MB» (never bytes).
    pub fn size_label(&self, lang: crate::lang::Lang) -> String {
        size_label(self.size, lang)
    }
}

/// A size in the units people read: «850 KB», «2,4 MB» (never bytes; UX.md).
pub fn size_label(bytes: u64, lang: crate::lang::Lang) -> String {
    let kb = bytes.div_ceil(1000);
    if kb < 1000 {
        return format!("{} KB", kb.max(1));
    }
    let tenths = bytes.div_ceil(100_000);
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let sep = lang.pick(",", ".");
    format!("{whole}{sep}{tenth} MB")
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
                "{} ({}, SHA-256 {}…)",
                a.name,
                a.size_label(lang),
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
