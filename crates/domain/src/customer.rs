//! Customers (DOMAIN §1): identified by RUC, of an allowed segment, with legal
//! representatives, the master solutions contract and the Siebel billing account.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::external_id::IdShape;
use crate::lang::Lang;
use crate::operation::FieldChange;
use crate::problem::{FieldError, Problem, required_text};
use crate::ruc::Ruc;
use crate::segment::Segment;

mod representatives;

pub use representatives::{document_shown, grouped_by_thousands};

/// The billing cycle the product must be billed on (DOMAIN §3).
pub const REQUIRED_BILLING_CYCLE: u8 = 15;

/// What to tell people about a billing account's cycle when it is not the one the product
/// is billed on («El ciclo de facturación debe ser 15; hoy es 1.»); nothing when it is.
pub fn cycle_warning(cycle: u8, lang: Lang) -> Option<String> {
    (cycle != REQUIRED_BILLING_CYCLE).then(|| match lang {
        Lang::Es => {
            format!("El ciclo de facturación debe ser {REQUIRED_BILLING_CYCLE}; hoy es {cycle}.")
        }
        Lang::En => {
            format!("The billing cycle must be {REQUIRED_BILLING_CYCLE}; today it is {cycle}.")
        }
    })
}

/// A company or public body that buys the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Stable id.
    pub id: Uuid,
    /// Its taxpayer number; unique among customers.
    pub ruc: Ruc,
    /// Its legal name.
    pub name: String,
    /// Its segment.
    pub segment: Segment,
    /// Its postal address, as documents print it.
    #[serde(default)]
    pub address: Option<String>,
    /// The Siebel billing account, once known.
    pub billing_account: Option<BillingAccount>,
    /// The signed master solutions contract, once recorded.
    pub master_contract: Option<MasterContract>,
    /// The people who sign for it.
    pub representatives: Vec<LegalRepresentative>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// The customer's account in the billing system (Siebel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingAccount {
    /// The account number.
    pub number: String,
    /// The billing cycle: the day of the month the period closes.
    pub cycle: u8,
}

/// The signed Contrato Marco de Soluciones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterContract {
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// Its reference in the contracts register.
    pub reference: String,
}

/// A person who signs contracts and acts for the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRepresentative {
    /// Stable id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Identity document (cédula or passport).
    pub document: String,
    /// E-mail address.
    pub email: String,
    /// Phone number.
    pub phone: String,
}

/// What a new customer is made of, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CustomerDraft {
    /// Legal name.
    pub name: String,
    /// RUC as typed.
    pub ruc: String,
    /// Segment as typed.
    pub segment: String,
    /// Postal address, optional.
    #[serde(default)]
    pub address: Option<String>,
    /// Billing account number, optional at first.
    pub billing_account: Option<String>,
    /// Billing cycle, optional at first.
    pub billing_cycle: Option<String>,
}

/// The changes asked of an existing customer; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CustomerPatch {
    /// New legal name.
    pub name: Option<String>,
    /// New segment.
    pub segment: Option<String>,
    /// New postal address; an empty text removes it.
    #[serde(default)]
    pub address: Option<String>,
    /// New billing account number.
    pub billing_account: Option<String>,
    /// New billing cycle.
    pub billing_cycle: Option<String>,
}

/// What a legal representative is made of, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RepresentativeDraft {
    /// Full name.
    pub name: String,
    /// Identity document.
    pub document: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// What a master contract record is made of, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MasterContractDraft {
    /// The day it was signed, YYYY-MM-DD.
    pub signed_on: String,
    /// Its reference.
    pub reference: String,
}

fn field(errors: &mut Vec<FieldError>, key: &str, es: &str, en: &str) -> impl FnOnce(Problem) {
    let key = key.to_string();
    let es = es.to_string();
    let en = en.to_string();
    move |p| errors.push(FieldError::new(&key, &es, &en, p))
}

/// Checks a RUC as typed, as a field of a form.
pub fn check_ruc(text: &str) -> Result<Ruc, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    text.parse::<Ruc>().map_err(|e| match e {
        crate::ruc::RucError::Malformed(given) => Problem::BadShape {
            given,
            expected_es: "base, guion y dígito verificador",
            expected_en: "base, hyphen and check digit",
            example: "80028061-0",
        },
        crate::ruc::RucError::WrongCheckDigit {
            given, expected, ..
        } => Problem::WrongCheckDigit { given, expected },
    })
}

/// Checks a segment as typed.
pub fn check_segment(text: &str) -> Result<Segment, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    text.parse::<Segment>()
        .map_err(|_| Problem::NotInCatalogue {
            given: text.trim().to_string(),
            known: Segment::ALL.iter().map(|s| s.id().to_string()).collect(),
        })
}

/// Checks a billing cycle: a day of the month, 1 to 28.
pub fn check_cycle(text: &str) -> Result<u8, Problem> {
    let t = text.trim();
    match t.parse::<u8>() {
        Ok(n) if (1..=28).contains(&n) => Ok(n),
        _ => Err(Problem::OutOfRange {
            given: t.to_string(),
            min: 1,
            max: 28,
        }),
    }
}

/// Checks a date in YYYY-MM-DD form that is not later than `today`.
pub fn check_past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| Problem::NotADate {
        given: t.to_string(),
    })?;
    if date > today {
        return Err(Problem::DateInFuture {
            given: t.to_string(),
        });
    }
    Ok(date)
}

/// The longest postal address kept.
const ADDRESS_MAX: usize = 300;

/// Checks an optional postal address: trimmed, empty means none.
fn address(errors: &mut Vec<FieldError>, text: Option<&str>) -> Option<String> {
    let t = text.map(str::trim).filter(|t| !t.is_empty())?;
    required_text(t, ADDRESS_MAX)
        .map_err(field(errors, "address", "dirección", "address"))
        .ok()
}

fn billing_account(
    errors: &mut Vec<FieldError>,
    number: Option<&str>,
    cycle: Option<&str>,
) -> Option<BillingAccount> {
    let number = number.map(str::trim).filter(|s| !s.is_empty());
    let cycle = cycle.map(str::trim).filter(|s| !s.is_empty());
    match (number, cycle) {
        (None, None) => None,
        (number, cycle) => {
            let number = match number {
                Some(n) => IdShape::SiebelAccount.check(n),
                None => Err(Problem::Required),
            }
            .map_err(field(
                errors,
                "billing_account",
                "cuenta de facturación",
                "billing account",
            ))
            .ok();
            let cycle = match cycle {
                Some(c) => check_cycle(c),
                None => Err(Problem::Required),
            }
            .map_err(field(
                errors,
                "billing_cycle",
                "ciclo de facturación",
                "billing cycle",
            ))
            .ok();
            Some(BillingAccount {
                number: number?,
                cycle: cycle?,
            })
        }
    }
}

impl CustomerDraft {
    /// Validates the draft into a customer, reporting every field's problem at once.
    pub fn validate(&self, id: Uuid, now: DateTime<Utc>) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_text(&self.name, 200)
            .map_err(field(&mut errors, "name", "razón social", "legal name"))
            .ok();
        let ruc = check_ruc(&self.ruc)
            .map_err(field(&mut errors, "ruc", "RUC", "RUC"))
            .ok();
        let segment = check_segment(&self.segment)
            .map_err(field(&mut errors, "segment", "segmento", "segment"))
            .ok();
        let account = billing_account(
            &mut errors,
            self.billing_account.as_deref(),
            self.billing_cycle.as_deref(),
        );
        let address = address(&mut errors, self.address.as_deref());
        if !errors.is_empty() {
            return Err(errors);
        }
        match (name, ruc, segment) {
            (Some(name), Some(ruc), Some(segment)) => Ok(Customer {
                id,
                ruc,
                name,
                segment,
                address,
                billing_account: account,
                master_contract: None,
                representatives: Vec::new(),
                created_at: now,
            }),
            _ => Err(errors),
        }
    }
}

impl Customer {
    /// Applies a patch, returning the changed customer and the per-field changes.
    pub fn patched(
        &self,
        patch: &CustomerPatch,
    ) -> Result<(Customer, Vec<FieldChange>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut next = self.clone();
        let mut changes = Vec::new();
        if let Some(name) = &patch.name {
            match required_text(name, 200) {
                Ok(name) => next.name = name,
                Err(p) => field(&mut errors, "name", "razón social", "legal name")(p),
            }
        }
        if let Some(segment) = &patch.segment {
            match check_segment(segment) {
                Ok(segment) => next.segment = segment,
                Err(p) => field(&mut errors, "segment", "segmento", "segment")(p),
            }
        }
        if let Some(text) = &patch.address {
            next.address = address(&mut errors, Some(text));
        }
        if patch.billing_account.is_some() || patch.billing_cycle.is_some() {
            let number = patch
                .billing_account
                .clone()
                .or_else(|| self.billing_account.as_ref().map(|a| a.number.clone()));
            let cycle = patch
                .billing_cycle
                .clone()
                .or_else(|| self.billing_account.as_ref().map(|a| a.cycle.to_string()));
            next.billing_account =
                billing_account(&mut errors, number.as_deref(), cycle.as_deref());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut diff = |name: &str, old: Value, new: Value| {
            if old != new {
                changes.push(FieldChange {
                    field: name.to_string(),
                    old,
                    new,
                });
            }
        };
        diff("name", json!(self.name), json!(next.name));
        diff("segment", json!(self.segment), json!(next.segment));
        diff("address", json!(self.address), json!(next.address));
        diff(
            "billing_account",
            json!(self.billing_account.as_ref().map(|a| &a.number)),
            json!(next.billing_account.as_ref().map(|a| &a.number)),
        );
        diff(
            "billing_cycle",
            json!(self.billing_account.as_ref().map(|a| a.cycle)),
            json!(next.billing_account.as_ref().map(|a| a.cycle)),
        );
        Ok((next, changes))
    }

    /// Whether the master solutions contract has been recorded.
    pub fn has_master_contract(&self) -> bool {
        self.master_contract.is_some()
    }
}

impl MasterContractDraft {
    /// Validates the draft into a contract record; the date cannot be in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<MasterContract, Vec<FieldError>> {
        let mut errors = Vec::new();
        let signed_on = check_past_date(&self.signed_on, today)
            .map_err(field(
                &mut errors,
                "signed_on",
                "fecha de firma",
                "signing date",
            ))
            .ok();
        let reference = required_text(&self.reference, 60)
            .map_err(field(&mut errors, "reference", "referencia", "reference"))
            .ok();
        match (signed_on, reference) {
            (Some(signed_on), Some(reference)) => Ok(MasterContract {
                signed_on,
                reference,
            }),
            _ => Err(errors),
        }
    }
}

/// Checks an identity document: 4 to 20 letters, digits, dots or hyphens.
pub fn check_document(text: &str) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let ok = (4..=20).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    if ok {
        Ok(t.to_string())
    } else {
        Err(Problem::BadShape {
            given: t.to_string(),
            expected_es: "4 a 20 letras, dígitos, puntos o guiones",
            expected_en: "4 to 20 letters, digits, dots or hyphens",
            example: "1.234.567",
        })
    }
}

/// Checks a phone number: 6 to 15 digits, with an optional leading + and spaces or hyphens.
pub fn check_phone(text: &str) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    let ok = (6..=15).contains(&digits)
        && t.char_indices()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
    if ok {
        Ok(t.to_string())
    } else {
        Err(Problem::BadShape {
            given: t.to_string(),
            expected_es: "6 a 15 dígitos, con + inicial opcional",
            expected_en: "6 to 15 digits, with an optional leading +",
            example: "+595 981 123456",
        })
    }
}

/// The text customers are searched by: lowercase, without accents.
pub fn search_key(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

#[cfg(test)]
mod cycle_tests {
    use super::*;

    #[test]
    fn a_cycle_other_than_15_is_warned_about_in_words() {
        assert_eq!(
            cycle_warning(1, Lang::Es).as_deref(),
            Some("El ciclo de facturación debe ser 15; hoy es 1.")
        );
        assert_eq!(
            cycle_warning(28, Lang::En).as_deref(),
            Some("The billing cycle must be 15; today it is 28.")
        );
        assert_eq!(cycle_warning(REQUIRED_BILLING_CYCLE, Lang::Es), None);
    }
}
