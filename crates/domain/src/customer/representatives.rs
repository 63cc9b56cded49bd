//! The people who sign for a customer (DOMAIN §1): added, corrected and removed. A
//! representative keeps their id through corrections, so that documents and signatures
//! that name them stay tied to the same person.

use uuid::Uuid;

use super::{
    Customer, LegalRepresentative, RepresentativeDraft, check_document, check_phone, field,
};
use crate::error::DomainError;
use crate::lang::Lang;
use crate::problem::{FieldError, email, required_text};

/// An identity document as people read it: a cédula (digits, with or without dots) as
/// «C.I. N.º 2.248.164», anything else (a passport) as «Documento N.º …» as typed.
pub fn document_shown(document: &str, lang: Lang) -> String {
    let t = document.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let is_cedula = !digits.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !is_cedula {
        return format!("{} {t}", lang.pick("Documento N.º", "Document no."));
    }
    let grouped = grouped_by_thousands(digits.trim_start_matches('0'));
    format!("{} {grouped}", lang.pick("C.I. N.º", "ID card (C.I.) no."))
}

/// Digits grouped by thousands with dots, as Paraguay writes a cédula (`2248164` →
/// `2.248.164`); the screens and the documents both group with it.
pub fn grouped_by_thousands(digits: &str) -> String {
    let count = digits.chars().count();
    let mut grouped = String::with_capacity(count + count / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (count - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

impl RepresentativeDraft {
    /// Validates the draft into a representative.
    pub fn validate(&self, id: Uuid) -> Result<LegalRepresentative, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = required_text(&self.name, 120)
            .map_err(field(&mut errors, "name", "nombre", "name"))
            .ok();
        let document = check_document(&self.document)
            .map_err(field(
                &mut errors,
                "document",
                "documento de identidad",
                "identity document",
            ))
            .ok();
        let mail = email(&self.email)
            .map_err(field(&mut errors, "email", "correo", "e-mail"))
            .ok();
        let phone = check_phone(&self.phone)
            .map_err(field(&mut errors, "phone", "teléfono", "phone"))
            .ok();
        match (name, document, mail, phone) {
            (Some(name), Some(document), Some(email), Some(phone)) => Ok(LegalRepresentative {
                id,
                name,
                document,
                email,
                phone,
            }),
            _ => Err(errors),
        }
    }
}

impl Customer {
    /// The representative with `id`, or the refusal naming it.
    pub fn representative(&self, id: Uuid) -> Result<&LegalRepresentative, DomainError> {
        self.representatives
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| self.no_representative(id))
    }

    /// Corrects a representative's details from a draft; returns who they were and who
    /// they are now (same id).
    pub fn correct_representative(
        &mut self,
        id: Uuid,
        draft: &RepresentativeDraft,
    ) -> Result<(LegalRepresentative, LegalRepresentative), DomainError> {
        let previous = self.representative(id)?.clone();
        let next = draft
            .validate(id)
            .map_err(|errors| DomainError::InvalidFields { errors })?;
        if let Some(slot) = self.representatives.iter_mut().find(|r| r.id == id) {
            *slot = next.clone();
        }
        Ok((previous, next))
    }

    /// Removes a representative; returns who they were.
    pub fn remove_representative(&mut self, id: Uuid) -> Result<LegalRepresentative, DomainError> {
        let at = self
            .representatives
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| self.no_representative(id))?;
        Ok(self.representatives.remove(at))
    }

    fn no_representative(&self, id: Uuid) -> DomainError {
        DomainError::RepresentativeNotFound {
            customer: self.name.clone(),
            id: id.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::ErrorCode;
    use crate::customer::CustomerDraft;

    fn customer_with_two_representatives() -> (Customer, Uuid, Uuid) {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0).unwrap();
        let mut customer = CustomerDraft {
            name: "Cooperativa Ñandutí Ltda.".into(),
            ruc: "80012345-0".into(),
            segment: "corporate".into(),
            address: None,
            billing_account: None,
            billing_cycle: None,
        }
        .validate(Uuid::now_v7(), now)
        .unwrap();
        let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
        for (id, name, document) in [
            (first, "María José Benítez", "1.234.567"),
            (second, "Juan Carlos Ortiz", "2.345.678"),
        ] {
            let rep = RepresentativeDraft {
                name: name.into(),
                document: document.into(),
                email: "firmas@nandutí.com.py".replace('í', "i"),
                phone: "+595 21 555 0101".into(),
            }
            .validate(id)
            .unwrap();
            customer.representatives.push(rep);
        }
        (customer, first, second)
    }

    fn corrected_draft() -> RepresentativeDraft {
        RepresentativeDraft {
            name: "María José Benítez de Ortiz".into(),
            document: "1.234.567".into(),
            email: "mjbenitez@nandutí.com.py".replace('í', "i"),
            phone: "+595 981 222 333".into(),
        }
    }

    #[test]
    fn a_corrected_representative_keeps_their_id_and_place() {
        let (mut customer, first, second) = customer_with_two_representatives();
        let (before, after) = customer
            .correct_representative(first, &corrected_draft())
            .unwrap();
        assert_eq!(before.name, "María José Benítez");
        assert_eq!(after.id, first);
        assert_eq!(
            customer.representatives[0].name,
            "María José Benítez de Ortiz"
        );
        assert_eq!(customer.representatives[0].phone, "+595 981 222 333");
        assert_eq!(customer.representatives[1].id, second);
    }

    #[test]
    fn a_correction_with_a_bad_phone_changes_nothing_and_names_the_field() {
        let (mut customer, first, _) = customer_with_two_representatives();
        let untouched = customer.clone();
        let draft = RepresentativeDraft {
            phone: "12".into(),
            ..corrected_draft()
        };
        let refused = customer.correct_representative(first, &draft).unwrap_err();
        let DomainError::InvalidFields { errors } = refused else {
            panic!("expected invalid fields, got {refused:?}");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "phone");
        assert_eq!(customer, untouched);
    }

    #[test]
    fn a_removed_representative_is_gone_and_the_others_stay() {
        let (mut customer, first, second) = customer_with_two_representatives();
        let removed = customer.remove_representative(first).unwrap();
        assert_eq!(removed.name, "María José Benítez");
        assert_eq!(customer.representatives.len(), 1);
        assert_eq!(customer.representatives[0].id, second);
    }

    #[test]
    fn removing_a_representative_twice_is_refused_with_a_way_forward() {
        let (mut customer, first, _) = customer_with_two_representatives();
        customer.remove_representative(first).unwrap();
        let refused = customer.remove_representative(first).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::RepresentativeNotFound);
        let es = refused.message(crate::Lang::Es);
        assert!(es.contains("Cooperativa Ñandutí Ltda."), "{es}");
        assert!(es.contains("Vuelva a abrir el cliente"), "{es}");
        assert!(
            customer
                .correct_representative(first, &corrected_draft())
                .is_err()
        );
    }

    #[test]
    fn a_customer_s_address_is_optional_trimmed_bounded_and_cleared_with_an_empty_text() {
        let (customer, _, _) = customer_with_two_representatives();
        assert_eq!(customer.address, None);
        let patch = |address: &str| crate::customer::CustomerPatch {
            address: Some(address.to_string()),
            ..Default::default()
        };
        let (moved, changes) = customer
            .patched(&patch("  Av. Mariscal López 1234, Asunción  "))
            .unwrap();
        assert_eq!(
            moved.address.as_deref(),
            Some("Av. Mariscal López 1234, Asunción")
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "address");
        let too_long = customer.patched(&patch(&"x".repeat(301))).unwrap_err();
        assert_eq!(too_long[0].field, "address");
        let (cleared, _) = moved.patched(&patch("   ")).unwrap();
        assert_eq!(cleared.address, None);
    }

    #[test]
    fn a_cedula_is_shown_labelled_with_its_thousands_grouped() {
        for typed in ["2248164", "2.248.164", " 2.248.164 ", "2248.164"] {
            assert_eq!(
                document_shown(typed, Lang::Es),
                "C.I. N.º 2.248.164",
                "{typed}"
            );
        }
        assert_eq!(document_shown("987654", Lang::Es), "C.I. N.º 987.654");
        assert_eq!(
            document_shown("1.234.567", Lang::En),
            "ID card (C.I.) no. 1.234.567"
        );
        assert_eq!(
            document_shown("AB-12345", Lang::Es),
            "Documento N.º AB-12345"
        );
        assert_eq!(
            document_shown("AB-12345", Lang::En),
            "Document no. AB-12345"
        );
    }
}
