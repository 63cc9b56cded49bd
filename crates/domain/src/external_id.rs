//! The shapes of the ids other systems give (APN, Salesforce, ServiceNow, Siebel, MCO,
//! AWS). Nimbo never calls those systems; it only refuses an id that cannot be one of
//! theirs, so that a typo is caught when it is typed and not weeks later.

use serde::{Deserialize, Serialize};

use crate::problem::Problem;

/// A kind of external id, each with its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdShape {
    /// An AWS Partner Network (ACE) opportunity: `O` and 7 to 10 digits.
    ApnOpportunity,
    /// A Salesforce record id: 15 or 18 letters and digits.
    SalesforceRecord,
    /// A Salesforce case number: 8 digits.
    SalesforceCase,
    /// A ServiceNow ticket or request: 2 to 5 capital letters and 7 to 10 digits.
    ServiceNowTicket,
    /// A Siebel row id such as a Subscriber ID: digits, a hyphen, 4 to 12 capital letters or digits.
    SiebelRowId,
    /// A Siebel billing account number: 6 to 12 digits.
    SiebelAccount,
    /// A Multi Cloud Orchestrator reference: 3 to 64 letters, digits, `-`, `_` or `.`.
    McoReference,
    /// An AWS account id: exactly 12 digits.
    AwsAccount,
    /// A link to an estimate of the AWS pricing calculator.
    PricingCalculatorLink,
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl IdShape {
    /// Every shape, in the order they are declared.
    pub const ALL: [IdShape; 9] = [
        IdShape::ApnOpportunity,
        IdShape::SalesforceRecord,
        IdShape::SalesforceCase,
        IdShape::ServiceNowTicket,
        IdShape::SiebelRowId,
        IdShape::SiebelAccount,
        IdShape::McoReference,
        IdShape::AwsAccount,
        IdShape::PricingCalculatorLink,
    ];

    /// Whether `value` has this shape.
    pub fn accepts(self, value: &str) -> bool {
        let len = value.len();
        match self {
            IdShape::ApnOpportunity => {
                value.starts_with('O') && (8..=11).contains(&len) && all_digits(&value[1..])
            }
            IdShape::SalesforceRecord => {
                (len == 15 || len == 18) && value.bytes().all(|b| b.is_ascii_alphanumeric())
            }
            IdShape::SalesforceCase => len == 8 && all_digits(value),
            IdShape::ServiceNowTicket => {
                let letters = value.bytes().take_while(|b| b.is_ascii_uppercase()).count();
                (2..=5).contains(&letters)
                    && (7..=10).contains(&(len - letters))
                    && all_digits(&value[letters..])
            }
            IdShape::SiebelRowId => match value.split_once('-') {
                Some((head, tail)) => {
                    all_digits(head)
                        && head.len() <= 3
                        && (4..=12).contains(&tail.len())
                        && tail
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                }
                None => false,
            },
            IdShape::SiebelAccount => (6..=12).contains(&len) && all_digits(value),
            IdShape::McoReference => {
                (3..=64).contains(&len)
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            }
            IdShape::AwsAccount => len == 12 && all_digits(value),
            IdShape::PricingCalculatorLink => {
                value.starts_with("https://calculator.aws/")
                    && len <= 500
                    && !value.chars().any(char::is_whitespace)
            }
        }
    }

    /// The shape, described in Spanish and English, and an example.
    pub fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            IdShape::ApnOpportunity => (
                "O seguida de 7 a 10 dígitos",
                "O followed by 7 to 10 digits",
                "O1234567",
            ),
            IdShape::SalesforceRecord => (
                "15 o 18 letras y dígitos",
                "15 or 18 letters and digits",
                "0065f00000AbCdEFGH",
            ),
            IdShape::SalesforceCase => ("8 dígitos", "8 digits", "00012345"),
            IdShape::ServiceNowTicket => (
                "2 a 5 mayúsculas y 7 a 10 dígitos",
                "2 to 5 capital letters and 7 to 10 digits",
                "RITM0012345",
            ),
            IdShape::SiebelRowId => (
                "dígitos, un guion y 4 a 12 mayúsculas o dígitos",
                "digits, a hyphen and 4 to 12 capital letters or digits",
                "1-7ABCD12",
            ),
            IdShape::SiebelAccount => ("6 a 12 dígitos", "6 to 12 digits", "100234567"),
            IdShape::McoReference => (
                "3 a 64 letras, dígitos, -, _ o .",
                "3 to 64 letters, digits, -, _ or .",
                "MCO-PY-00123",
            ),
            IdShape::AwsAccount => (
                "exactamente 12 dígitos",
                "exactly 12 digits",
                "123456789012",
            ),
            IdShape::PricingCalculatorLink => (
                "un enlace https://calculator.aws/…",
                "a https://calculator.aws/… link",
                "https://calculator.aws/#/estimate?id=0a1b2c3d",
            ),
        }
    }

    /// Checks a value, trimmed, returning it or the problem.
    pub fn check(self, value: &str) -> Result<String, Problem> {
        let v = value.trim();
        if v.is_empty() {
            return Err(Problem::Required);
        }
        if self.accepts(v) {
            Ok(v.to_string())
        } else {
            let (expected_es, expected_en, example) = self.describe();
            Err(Problem::BadShape {
                given: v.to_string(),
                expected_es,
                expected_en,
                example,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IdShape::*;

    #[test]
    fn an_aws_account_id_has_exactly_twelve_digits() {
        assert!(AwsAccount.accepts("123456789012"));
        assert!(!AwsAccount.accepts("12345678901"));
        assert!(!AwsAccount.accepts("1234567890123"));
        assert!(!AwsAccount.accepts("12345678901a"));
    }

    #[test]
    fn every_example_has_its_own_shape() {
        for shape in super::IdShape::ALL {
            assert!(shape.accepts(shape.describe().2), "{shape:?}");
        }
    }

    #[test]
    fn servicenow_tickets_are_letters_then_digits() {
        assert!(ServiceNowTicket.accepts("REQ0012345"));
        assert!(!ServiceNowTicket.accepts("R0012345"));
        assert!(!ServiceNowTicket.accepts("REQ12"));
        assert!(!ServiceNowTicket.accepts("req0012345"));
    }

    #[test]
    fn a_multibyte_value_never_panics() {
        for shape in [ApnOpportunity, ServiceNowTicket, SiebelRowId] {
            assert!(!shape.accepts("Oñ234567"));
            assert!(!shape.accepts("ÑÑ0012345"));
            assert!(!shape.accepts("1-ñññññ"));
        }
    }
}
