//! The organisation that uses Nimbo: the reseller whose name, RUC, contact details and
//! logo go on every document it sends.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::customer::{check_phone, check_ruc};
use crate::operation::FieldChange;
use crate::order::AttachmentRef;
use crate::problem::{FieldError, Problem, email, required_text};
use crate::ruc::Ruc;

/// The largest logo accepted: documents print it a few centimetres wide.
pub const MAX_LOGO_BYTES: u64 = 2_000_000;

/// The days an invoice may stay overdue before it is listed for suspension, when the
/// organisation has not set its own (a product decision: docs/DECISIONS.md).
pub const DEFAULT_GRACE_DAYS: u32 = 15;

/// The longest grace period an organisation may set, in days: half a year.
pub const MAX_GRACE_DAYS: u32 = 180;

/// The organisation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Its RUC.
    pub ruc: Ruc,
    /// Whether this database holds demonstration data (it must never sync).
    pub demo: bool,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
    /// Its postal address, as printed on documents.
    #[serde(default)]
    pub address: Option<String>,
    /// Its phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Its e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Its website.
    #[serde(default)]
    pub website: Option<String>,
    /// Its logo, a PNG image kept with the attachments.
    #[serde(default)]
    pub logo: Option<AttachmentRef>,
    /// The address of TBO, the self-service portal where customers download their
    /// invoices (the Welcome KIT prints it).
    #[serde(default)]
    pub tbo_url: Option<String>,
    /// How and when a customer receives the MCO password, completing «La recibirá …»
    /// (e.g. «por SMS al celular del representante legal, dentro de las 24 horas
    /// siguientes a la entrega»).
    #[serde(default)]
    pub mco_password_delivery: Option<String>,
    /// How a customer opens a support ticket, in the organisation's words.
    #[serde(default)]
    pub ticket_instructions: Option<String>,
    /// How soon support answers an incident of critical severity (e.g. «1 hora, todos
    /// los días»).
    #[serde(default)]
    pub response_critical: Option<String>,
    /// How soon support answers an incident of high severity.
    #[serde(default)]
    pub response_high: Option<String>,
    /// How soon support answers an incident of normal severity.
    #[serde(default)]
    pub response_normal: Option<String>,
    /// How many days an invoice may stay overdue before the credit manager sees it
    /// listed for suspension (DOMAIN §8); `None` means [`DEFAULT_GRACE_DAYS`].
    #[serde(default)]
    pub suspension_grace_days: Option<u32>,
}

/// Changes to the profile, as typed: `None` keeps a value, an empty text clears an
/// optional one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OrganisationPatch {
    /// New name.
    pub name: Option<String>,
    /// New RUC.
    pub ruc: Option<String>,
    /// New address.
    pub address: Option<String>,
    /// New phone.
    pub phone: Option<String>,
    /// New e-mail.
    pub email: Option<String>,
    /// New website.
    pub website: Option<String>,
    /// New address of the TBO invoices portal.
    #[serde(default)]
    pub tbo_url: Option<String>,
    /// New words for how and when the MCO password arrives.
    #[serde(default)]
    pub mco_password_delivery: Option<String>,
    /// New words for how to open a support ticket.
    #[serde(default)]
    pub ticket_instructions: Option<String>,
    /// New response time for critical incidents.
    #[serde(default)]
    pub response_critical: Option<String>,
    /// New response time for high-severity incidents.
    #[serde(default)]
    pub response_high: Option<String>,
    /// New response time for normal incidents.
    #[serde(default)]
    pub response_normal: Option<String>,
    /// New suspension grace period, a whole number of days as typed.
    #[serde(default)]
    pub suspension_grace_days: Option<String>,
}

/// Validates an organisation's name and RUC as typed.
pub fn validate(
    name: &str,
    ruc: &str,
    demo: bool,
    now: DateTime<Utc>,
) -> Result<Organisation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = required_text(name, 200)
        .map_err(|p| errors.push(name_error(p)))
        .ok();
    let ruc = check_ruc(ruc).map_err(|p| errors.push(ruc_error(p))).ok();
    match (name, ruc) {
        (Some(name), Some(ruc)) => Ok(Organisation {
            name,
            ruc,
            demo,
            created_at: now,
            address: None,
            phone: None,
            email: None,
            website: None,
            logo: None,
            tbo_url: None,
            mco_password_delivery: None,
            ticket_instructions: None,
            response_critical: None,
            response_high: None,
            response_normal: None,
            suspension_grace_days: None,
        }),
        _ => Err(errors),
    }
}

fn name_error(p: Problem) -> FieldError {
    FieldError::new(
        "org_name",
        "nombre de la organización",
        "organisation name",
        p,
    )
}

fn ruc_error(p: Problem) -> FieldError {
    FieldError::new("org_ruc", "RUC de la organización", "organisation RUC", p)
}

/// Checks a picture offered as the organisation's logo: a PNG of at most 2 MB.
pub fn check_logo(logo: &AttachmentRef) -> Result<(), Vec<FieldError>> {
    let problem = if logo.media_type != "image/png" {
        Some(Problem::NotAPng {
            name: logo.name.clone(),
        })
    } else if logo.size > MAX_LOGO_BYTES {
        Some(Problem::FileTooLarge {
            name: logo.name.clone(),
            size_kb: logo.size.div_ceil(1000),
            max_kb: MAX_LOGO_BYTES / 1000,
        })
    } else {
        None
    };
    match problem {
        Some(p) => Err(vec![FieldError::new("logo", "logotipo", "logo", p)]),
        None => Ok(()),
    }
}

/// An optional value as typed: blank clears it.
fn optional<T: Clone>(
    errors: &mut Vec<FieldError>,
    given: &Option<String>,
    current: &Option<T>,
    check: impl FnOnce(&str) -> Result<T, Problem>,
    label: (&str, &str, &str),
) -> Option<T> {
    match given {
        None => current.clone(),
        Some(text) if text.trim().is_empty() => None,
        Some(text) => match check(text) {
            Ok(value) => Some(value),
            Err(p) => {
                errors.push(FieldError::new(label.0, label.1, label.2, p));
                current.clone()
            }
        },
    }
}

/// Checks a suspension grace period as typed: a whole number of days from 0 to
/// [`MAX_GRACE_DAYS`].
pub fn check_grace_days(text: &str) -> Result<u32, Problem> {
    let t = text.trim();
    t.parse::<u32>()
        .ok()
        .filter(|days| *days <= MAX_GRACE_DAYS)
        .ok_or_else(|| Problem::OutOfRange {
            given: t.to_string(),
            min: 0,
            max: i64::from(MAX_GRACE_DAYS),
        })
}

/// Checks a website address: a host name, with or without `https://`.
pub fn check_website(text: &str) -> Result<String, Problem> {
    let t = text.trim();
    let host = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(t);
    let host_part = host.split('/').next().unwrap_or_default();
    let ok = t.len() <= 200
        && host_part.contains('.')
        && !host_part.starts_with('.')
        && !host_part.ends_with('.')
        && host_part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if ok {
        Ok(t.to_string())
    } else {
        Err(Problem::BadShape {
            given: t.to_string(),
            expected_es: "una dirección web",
            expected_en: "a web address",
            example: "https://www.empresa.com.py",
        })
    }
}

impl Organisation {
    /// The days an invoice may stay overdue before it is listed for suspension: the
    /// organisation's setting, or [`DEFAULT_GRACE_DAYS`].
    pub fn grace_days(&self) -> u32 {
        self.suspension_grace_days.unwrap_or(DEFAULT_GRACE_DAYS)
    }

    /// Applies a patch, returning the changed profile and the per-field changes.
    pub fn patched(
        &self,
        patch: &OrganisationPatch,
    ) -> Result<(Organisation, Vec<FieldChange>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut next = self.clone();
        if let Some(name) = &patch.name {
            match required_text(name, 200) {
                Ok(name) => next.name = name,
                Err(p) => errors.push(name_error(p)),
            }
        }
        if let Some(ruc) = &patch.ruc {
            match check_ruc(ruc) {
                Ok(ruc) => next.ruc = ruc,
                Err(p) => errors.push(ruc_error(p)),
            }
        }
        next.address = optional(
            &mut errors,
            &patch.address,
            &self.address,
            |t| required_text(t, 300),
            ("address", "dirección", "address"),
        );
        next.phone = optional(
            &mut errors,
            &patch.phone,
            &self.phone,
            check_phone,
            ("phone", "teléfono", "phone"),
        );
        next.email = optional(
            &mut errors,
            &patch.email,
            &self.email,
            email,
            ("email", "correo", "e-mail"),
        );
        next.website = optional(
            &mut errors,
            &patch.website,
            &self.website,
            check_website,
            ("website", "sitio web", "website"),
        );
        next.tbo_url = optional(
            &mut errors,
            &patch.tbo_url,
            &self.tbo_url,
            check_website,
            ("tbo_url", "portal TBO de facturas", "TBO invoices portal"),
        );
        next.mco_password_delivery = optional(
            &mut errors,
            &patch.mco_password_delivery,
            &self.mco_password_delivery,
            |t| required_text(t, 300),
            (
                "mco_password_delivery",
                "entrega de la contraseña del MCO",
                "MCO password delivery",
            ),
        );
        next.ticket_instructions = optional(
            &mut errors,
            &patch.ticket_instructions,
            &self.ticket_instructions,
            |t| required_text(t, 600),
            (
                "ticket_instructions",
                "cómo abrir un ticket",
                "how to open a ticket",
            ),
        );
        for (field, given, current, slot, es, en) in [
            (
                "response_critical",
                &patch.response_critical,
                &self.response_critical,
                &mut next.response_critical,
                "respuesta a incidentes críticos",
                "response to critical incidents",
            ),
            (
                "response_high",
                &patch.response_high,
                &self.response_high,
                &mut next.response_high,
                "respuesta a incidentes de severidad alta",
                "response to high-severity incidents",
            ),
            (
                "response_normal",
                &patch.response_normal,
                &self.response_normal,
                &mut next.response_normal,
                "respuesta a incidentes de severidad normal",
                "response to normal incidents",
            ),
        ] {
            *slot = optional(
                &mut errors,
                given,
                current,
                |t| required_text(t, 100),
                (field, es, en),
            );
        }
        next.suspension_grace_days = optional(
            &mut errors,
            &patch.suspension_grace_days,
            &self.suspension_grace_days,
            check_grace_days,
            (
                "suspension_grace_days",
                "período de gracia para suspensión (días)",
                "suspension grace period (days)",
            ),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut changes = Vec::new();
        let mut diff = |field: &str, old: Value, new: Value| {
            if old != new {
                changes.push(FieldChange {
                    field: field.to_string(),
                    old,
                    new,
                });
            }
        };
        diff("name", json!(self.name), json!(next.name));
        diff("ruc", json!(self.ruc), json!(next.ruc));
        diff("address", json!(self.address), json!(next.address));
        diff("phone", json!(self.phone), json!(next.phone));
        diff("email", json!(self.email), json!(next.email));
        diff("website", json!(self.website), json!(next.website));
        diff("tbo_url", json!(self.tbo_url), json!(next.tbo_url));
        diff(
            "mco_password_delivery",
            json!(self.mco_password_delivery),
            json!(next.mco_password_delivery),
        );
        diff(
            "ticket_instructions",
            json!(self.ticket_instructions),
            json!(next.ticket_instructions),
        );
        diff(
            "response_critical",
            json!(self.response_critical),
            json!(next.response_critical),
        );
        diff(
            "response_high",
            json!(self.response_high),
            json!(next.response_high),
        );
        diff(
            "response_normal",
            json!(self.response_normal),
            json!(next.response_normal),
        );
        diff(
            "suspension_grace_days",
            json!(self.suspension_grace_days),
            json!(next.suspension_grace_days),
        );
        Ok((next, changes))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn reseller() -> Organisation {
        let now = Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap();
        validate("Telecom Paraguay B2B Cloud", "80000190-7", false, now).unwrap()
    }

    fn picture(name: &str, media_type: &str, size: u64) -> AttachmentRef {
        AttachmentRef {
            sha256: "ab".repeat(32),
            name: name.into(),
            size,
            media_type: media_type.into(),
        }
    }

    #[test]
    fn an_admin_fills_in_the_contact_details_documents_print() {
        let org = reseller();
        let (next, changes) = org
            .patched(&OrganisationPatch {
                address: Some("Av. Mariscal López 1234, Asunción".into()),
                phone: Some("+595 21 219 0000".into()),
                email: Some("nube@telecom.com.py".into()),
                website: Some("https://nube.telecom.com.py".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(
            next.address.as_deref(),
            Some("Av. Mariscal López 1234, Asunción")
        );
        assert_eq!(next.name, org.name);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["address", "phone", "email", "website"]);
    }

    #[test]
    fn an_admin_records_what_the_welcome_kit_says_about_support_and_invoices() {
        let org = reseller();
        let (next, changes) = org
            .patched(&OrganisationPatch {
                tbo_url: Some("https://tbo.telecom.com.py".into()),
                mco_password_delivery: Some("por SMS, dentro de las 24 horas".into()),
                ticket_instructions: Some("Escriba a soporte@telecom.com.py.".into()),
                response_critical: Some("1 hora".into()),
                response_normal: Some("1 día hábil".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(next.tbo_url.as_deref(), Some("https://tbo.telecom.com.py"));
        assert_eq!(next.response_high, None);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "tbo_url",
                "mco_password_delivery",
                "ticket_instructions",
                "response_critical",
                "response_normal"
            ]
        );
        let refused = org
            .patched(&OrganisationPatch {
                tbo_url: Some("tbo".into()),
                response_high: Some("x".repeat(101)),
                ..OrganisationPatch::default()
            })
            .unwrap_err();
        let fields: Vec<&str> = refused.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["tbo_url", "response_high"]);
    }

    #[test]
    fn a_profile_recorded_before_these_fields_existed_still_decodes() {
        let old = r#"{"name":"Telecom","ruc":"80000190-7","demo":false,
            "created_at":"2026-01-05T12:00:00Z","address":null,"phone":null,
            "email":null,"website":null,"logo":null}"#;
        let org: Organisation = serde_json::from_str(old).unwrap();
        assert_eq!(org.tbo_url, None);
        assert_eq!(org.response_critical, None);
        assert_eq!(org.suspension_grace_days, None);
        assert_eq!(org.grace_days(), DEFAULT_GRACE_DAYS);
    }

    #[test]
    fn an_organisation_that_sets_no_grace_period_gives_overdue_invoices_fifteen_days() {
        let org = reseller();
        assert_eq!(org.suspension_grace_days, None);
        assert_eq!(org.grace_days(), 15);
    }

    #[test]
    fn an_admin_sets_a_grace_period_of_thirty_days_and_blank_goes_back_to_the_default() {
        let org = reseller();
        let (thirty, changes) = org
            .patched(&OrganisationPatch {
                suspension_grace_days: Some(" 30 ".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(thirty.suspension_grace_days, Some(30));
        assert_eq!(thirty.grace_days(), 30);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "suspension_grace_days");
        assert_eq!(changes[0].new, json!(30));
        let (none, _) = thirty
            .patched(&OrganisationPatch {
                suspension_grace_days: Some(String::new()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(none.suspension_grace_days, None);
        assert_eq!(none.grace_days(), DEFAULT_GRACE_DAYS);
        // No grace at all is a choice too: overdue means listed.
        let (zero, _) = org
            .patched(&OrganisationPatch {
                suspension_grace_days: Some("0".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(zero.grace_days(), 0);
    }

    #[test]
    fn a_grace_period_of_two_hundred_days_is_refused_saying_the_range() {
        let org = reseller();
        let refused = org
            .patched(&OrganisationPatch {
                suspension_grace_days: Some("200".into()),
                ..OrganisationPatch::default()
            })
            .unwrap_err();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].field, "suspension_grace_days");
        let es = refused[0].message(crate::Lang::Es);
        assert_eq!(
            es,
            "«período de gracia para suspensión (días)»: «200» debe ser un número entre 0 y 180"
        );
        let en = refused[0].message(crate::Lang::En);
        assert!(
            en.contains("suspension grace period") && en.contains("from 0 to 180"),
            "{en}"
        );
        for typed in ["quince", "-1", "7.5", "181"] {
            assert!(check_grace_days(typed).is_err(), "{typed}");
        }
        assert_eq!(check_grace_days("180"), Ok(180));
    }

    #[test]
    fn a_blank_optional_field_clears_it_but_a_blank_name_is_refused() {
        let mut org = reseller();
        org.phone = Some("+595 21 219 0000".into());
        let (next, changes) = org
            .patched(&OrganisationPatch {
                phone: Some("  ".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert_eq!(next.phone, None);
        assert_eq!(changes.len(), 1);
        let refused = org
            .patched(&OrganisationPatch {
                name: Some(" ".into()),
                ..OrganisationPatch::default()
            })
            .unwrap_err();
        assert_eq!(refused[0].field, "org_name");
    }

    #[test]
    fn a_wrong_ruc_digit_and_a_bad_website_are_both_reported_and_nothing_changes() {
        let org = reseller();
        let refused = org
            .patched(&OrganisationPatch {
                ruc: Some("80000190-1".into()),
                website: Some("telecom punto com".into()),
                ..OrganisationPatch::default()
            })
            .unwrap_err();
        let fields: Vec<&str> = refused.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["org_ruc", "website"]);
        assert!(refused[0].message(crate::Lang::Es).contains('7'));
    }

    #[test]
    fn the_same_values_again_change_nothing() {
        let org = reseller();
        let (_, changes) = org
            .patched(&OrganisationPatch {
                name: Some("Telecom Paraguay B2B Cloud".into()),
                ruc: Some("80000190-7".into()),
                ..OrganisationPatch::default()
            })
            .unwrap();
        assert!(changes.is_empty());
    }

    #[test]
    fn a_logo_must_be_a_png_of_at_most_two_megabytes() {
        assert!(check_logo(&picture("logo.png", "image/png", 40_000)).is_ok());
        let jpeg = check_logo(&picture("logo.jpg", "image/jpeg", 40_000)).unwrap_err();
        assert!(
            jpeg[0]
                .message(crate::Lang::Es)
                .contains("no es una imagen PNG")
        );
        let huge = check_logo(&picture("logo.png", "image/png", 5_000_000)).unwrap_err();
        let said = huge[0].message(crate::Lang::Es);
        assert!(
            said.contains("5000 kB") && said.contains("2000 kB"),
            "{said}"
        );
    }

    #[test]
    fn websites_are_checked_loosely_but_need_a_host() {
        assert!(check_website("www.telecom.com.py").is_ok());
        assert!(check_website("https://nube.telecom.com.py/soporte").is_ok());
        assert!(check_website("telecom").is_err());
        assert!(check_website("https://.py").is_err());
    }
}
