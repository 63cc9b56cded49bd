//! Each signer of a document and how their signature stands.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// For whom a signer signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The customer's legal representative.
    Customer,
    /// The organisation's representative (the order manager on the acceptance act).
    Organisation,
}

/// A text that names no party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownParty(pub String);

impl Party {
    /// The parties a signed copy carries, as given: the customer when none is named,
    /// each once, in a fixed order.
    pub fn of_signed_copy(given: &[Party]) -> Vec<Party> {
        if given.is_empty() {
            return vec![Party::Customer];
        }
        let mut parties = given.to_vec();
        parties.sort();
        parties.dedup();
        parties
    }

    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Party::Customer => "customer",
            Party::Organisation => "organisation",
        }
    }

    /// The party's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Party::Customer => lang.pick(
                "el representante legal del cliente",
                "the customer's legal representative",
            ),
            Party::Organisation => lang.pick(
                "el representante de la organización",
                "the organisation's representative",
            ),
        }
    }
}

impl FromStr for Party {
    type Err = UnknownParty;
    fn from_str(text: &str) -> Result<Party, UnknownParty> {
        match text.trim().to_ascii_lowercase().as_str() {
            "customer" | "cliente" => Ok(Party::Customer),
            "organisation" | "organization" | "organizacion" | "organización" => {
                Ok(Party::Organisation)
            }
            _ => Err(UnknownParty(text.to_string())),
        }
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How a signature was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignatureMethod {
    /// Drawn on the laptop; the drawing (a PNG) is kept by hash.
    InPerson {
        /// SHA-256 of the drawing.
        drawing_sha256: String,
    },
    /// A signed copy was attached (scanned or digitally signed PDF), kept by hash.
    SignedCopy {
        /// SHA-256 of the signed copy.
        pdf_sha256: String,
    },
}

/// How one signer stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SignerState {
    /// Not signed yet.
    Pending,
    /// Signed.
    Signed {
        /// How.
        #[serde(flatten)]
        method: SignatureMethod,
        /// When.
        at: DateTime<Utc>,
        /// The user who recorded it.
        recorded_by: String,
    },
    /// Refused to sign.
    Declined {
        /// Why.
        reason: String,
        /// When.
        at: DateTime<Utc>,
    },
}

/// One signer of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignerEntry {
    /// For whom they sign.
    pub party: Party,
    /// Full name.
    pub name: String,
    /// E-mail address, when known.
    pub email: Option<String>,
    /// Identity document, when known.
    pub id_number: Option<String>,
    /// How their signature stands.
    pub state: SignerState,
}

impl SignerEntry {
    /// A signer who has not signed yet.
    pub fn pending(
        party: Party,
        name: &str,
        email: Option<String>,
        id_number: Option<String>,
    ) -> SignerEntry {
        SignerEntry {
            party,
            name: name.to_string(),
            email,
            id_number,
            state: SignerState::Pending,
        }
    }

    /// Whether they signed.
    pub fn has_signed(&self) -> bool {
        matches!(self.state, SignerState::Signed { .. })
    }
}
