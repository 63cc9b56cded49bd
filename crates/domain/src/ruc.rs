//! The RUC (Registro Único de Contribuyentes), Paraguay's taxpayer number, with the tax
//! authority's modulo-11 check digit.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::code::ErrorCode;
use crate::lang::Lang;

/// Why a text is not a valid RUC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RucError {
    /// The text does not have the `BASE-D` shape.
    #[error(
        "El RUC «{0}» está mal escrito: escríbalo como base, guion y dígito, por ejemplo 80028061-0."
    )]
    Malformed(String),
    /// The check digit does not match the base.
    #[error(
        "El RUC {given} no es válido: sus números no concuerdan con el dígito verificador; revise el número completo, no solo el último dígito (con la base {base}, el dígito sería {expected})."
    )]
    WrongCheckDigit {
        /// What the user typed.
        given: String,
        /// The base digits.
        base: String,
        /// The check digit the base calls for.
        expected: u8,
        /// The check digit that was typed.
        found: u8,
    },
}

impl RucError {
    /// A stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            RucError::Malformed(_) => ErrorCode::RucMalformed,
            RucError::WrongCheckDigit { .. } => ErrorCode::RucCheckDigit,
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::Es) => self.to_string(),
            (RucError::Malformed(given), Lang::En) => format!(
                "RUC «{given}» is badly written: write it as base, hyphen and digit, for example 80028061-0."
            ),
            (
                RucError::WrongCheckDigit {
                    given,
                    base,
                    expected,
                    found: _,
                },
                Lang::En,
            ) => {
                format!(
                    "RUC {given} is not valid: its digits do not match the check digit; check the whole number, not only the last digit (with the base {base}, the digit would be {expected})."
                )
            }
        }
    }
}

/// A RUC whose check digit has been verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ruc {
    base: String,
    digit: u8,
}

/// Computes the modulo-11 check digit of a RUC base: weights 2..=11 from the rightmost
/// digit leftwards, cycling back to 2; r = sum mod 11; the digit is 11 − r when r > 1, else 0.
pub fn check_digit(base: &str) -> Option<u8> {
    if base.is_empty() || !base.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut weight = 2u32;
    let mut sum = 0u32;
    for b in base.bytes().rev() {
        sum += u32::from(b - b'0') * weight;
        weight = if weight == 11 { 2 } else { weight + 1 };
    }
    let r = sum % 11;
    Some(if r > 1 { (11 - r) as u8 } else { 0 })
}

impl Ruc {
    /// The base digits, without the check digit.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The check digit.
    pub fn digit(&self) -> u8 {
        self.digit
    }

    /// Builds the RUC of a base, computing its check digit.
    pub fn from_base(base: &str) -> Result<Ruc, RucError> {
        let digit = check_digit(base).ok_or_else(|| RucError::Malformed(base.to_string()))?;
        Ok(Ruc {
            base: base.to_string(),
            digit,
        })
    }
}

impl FromStr for Ruc {
    type Err = RucError;

    fn from_str(text: &str) -> Result<Ruc, RucError> {
        let given = text.trim();
        let malformed = || RucError::Malformed(given.to_string());
        let (base, digit) = given.split_once('-').ok_or_else(malformed)?;
        let base = base.replace('.', "");
        if base.is_empty()
            || base.len() > 9
            || digit.len() != 1
            || !base.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(malformed());
        }
        let found = digit.parse::<u8>().map_err(|_| malformed())?;
        let expected = check_digit(&base).ok_or_else(malformed)?;
        if expected != found {
            return Err(RucError::WrongCheckDigit {
                given: given.to_string(),
                base,
                expected,
                found,
            });
        }
        Ok(Ruc { base, digit: found })
    }
}

impl TryFrom<String> for Ruc {
    type Error = RucError;
    fn try_from(text: String) -> Result<Ruc, RucError> {
        text.parse()
    }
}

impl From<Ruc> for String {
    fn from(ruc: Ruc) -> String {
        ruc.to_string()
    }
}

impl fmt::Display for Ruc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.base, self.digit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rucs_of_known_companies_are_valid() {
        for ruc in ["80028061-0", "80000190-7", "1068460-3"] {
            assert!(ruc.parse::<Ruc>().is_ok(), "{ruc} should be valid");
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused_naming_the_expected_one() {
        let err = "80021744-8".parse::<Ruc>().unwrap_err();
        let expected = check_digit("80021744").unwrap();
        assert_ne!(expected, 8);
        assert_eq!(
            err,
            RucError::WrongCheckDigit {
                given: "80021744-8".into(),
                base: "80021744".into(),
                expected,
                found: 8
            }
        );
        // The whole number is to be reviewed; the expected digit only follows.
        let es = err.message(Lang::Es);
        assert!(es.starts_with("El RUC 80021744-8 no es válido"), "{es}");
        assert!(es.contains("revise el número completo"), "{es}");
        assert!(
            es.ends_with(&format!("el dígito sería {expected}).")),
            "{es}"
        );
        let en = err.message(Lang::En);
        assert!(en.contains("check the whole number"), "{en}");
        assert!(
            en.ends_with(&format!("the digit would be {expected}).")),
            "{en}"
        );
    }

    #[test]
    fn a_remainder_of_zero_or_one_gives_check_digit_zero() {
        // 80028061: sum 209, 209 mod 11 = 0
        assert_eq!(check_digit("80028061"), Some(0));
        let one = (1..100_000u32)
            .map(|n| n.to_string())
            .find(|b| {
                let mut w = 2;
                let mut s = 0;
                for c in b.bytes().rev() {
                    s += u32::from(c - b'0') * w;
                    w = if w == 11 { 2 } else { w + 1 };
                }
                s % 11 == 1
            })
            .unwrap();
        assert_eq!(check_digit(&one), Some(0));
    }

    #[test]
    fn text_that_is_not_a_ruc_is_malformed() {
        for bad in [
            "",
            "80028061",
            "8002806a-0",
            "-0",
            "80028061-",
            "80028061-10",
            "1234567890-1",
        ] {
            assert!(
                matches!(bad.parse::<Ruc>(), Err(RucError::Malformed(_))),
                "{bad:?} should be malformed"
            );
        }
    }

    #[test]
    fn thousands_dots_and_spaces_around_are_tolerated() {
        let ruc: Ruc = " 80.028.061-0 ".parse().unwrap();
        assert_eq!(ruc.to_string(), "80028061-0");
    }

    proptest::proptest! {
        #[test]
        fn every_base_has_exactly_one_valid_digit(base in 1u32..999_999_999) {
            let base = base.to_string();
            let valid: Vec<u8> = (0..10).filter(|d| format!("{base}-{d}").parse::<Ruc>().is_ok()).collect();
            proptest::prop_assert_eq!(valid.len(), 1);
            proptest::prop_assert_eq!(Ruc::from_base(&base).unwrap().digit(), valid[0]);
        }
    }
}
