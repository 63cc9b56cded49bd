//! The pieces of data every document snapshot shares: which version it is, who issues
//! it, who receives it, people and signers. Plain serde structs the app fills in.

use chrono::{DateTime, NaiveDate, Utc};
use nimbo_domain::segment::Segment;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// PNG bytes, written as hex in the snapshot's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png(pub Vec<u8>);

impl Serialize for Png {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Png {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Png, D::Error> {
        let text = String::deserialize(d)?;
        hex::decode(text).map(Png).map_err(serde::de::Error::custom)
    }
}

/// Which edition of its template a snapshot is drawn with. A new layout is a new edition:
/// an issued version's snapshot keeps the edition it was drawn with, so that it renders
/// again to the very bytes that were issued. Snapshots from before editions existed carry
/// no such key in their JSON and are the first edition; the key is written only from the
/// second on, so that their canonical JSON (and its hash) stays what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TemplateVersion(pub u32);

impl TemplateVersion {
    /// The layouts of the documents issued until December 2026.
    pub const FIRST: TemplateVersion = TemplateVersion(1);
    /// Issue 14's layouts: sections that flow with a contents list, a short verification
    /// code in the footer, acts that name their contract and offer.
    pub const SECOND: TemplateVersion = TemplateVersion(2);
    /// The edition new documents are issued with.
    pub const CURRENT: TemplateVersion = TemplateVersion::SECOND;

    /// Whether this is the first edition (which its JSON does not name).
    pub fn is_first(&self) -> bool {
        *self == TemplateVersion::FIRST
    }
}

impl Default for TemplateVersion {
    /// A snapshot that names no edition was drawn with the first.
    fn default() -> TemplateVersion {
        TemplateVersion::FIRST
    }
}

/// Which version of which document this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// The document's stable id (carried by the QR code).
    pub id: String,
    /// Its human number, printed in the header (e.g. `KIT-7K3F-000123`).
    pub number: String,
    /// The version, from 1.
    pub version: u32,
    /// When this version was issued; printed in Asunción's time.
    pub issued_at: DateTime<Utc>,
}

/// The organisation that issues the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Its RUC.
    pub ruc: String,
    /// Its logo, a PNG, when it has one.
    pub logo: Option<Png>,
}

/// The customer the document is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Its legal name.
    pub name: String,
    /// Its RUC.
    pub ruc: String,
    /// Its address.
    pub address: String,
    /// Its segment.
    pub segment: Segment,
}

/// The customer's signed master solutions contract, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterContractRef {
    /// Its reference in the contracts register.
    pub reference: String,
    /// The day it was signed.
    pub signed_on: NaiveDate,
}

/// The statement of work attached to the order, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SowRef {
    /// The file's name.
    pub name: String,
    /// The day it was attached.
    pub recorded_on: NaiveDate,
}

/// What an act belongs to: the customer's master contract, the order's offer and its
/// SOW, each as recorded, each left out when not recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActBasis {
    /// The master solutions contract.
    pub master_contract: Option<MasterContractRef>,
    /// The offer's id in Salesforce (step 7).
    pub offer_id: Option<String>,
    /// The SOW (step 10).
    pub sow: Option<SowRef>,
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Telephone, when given.
    pub phone: Option<String>,
}

/// In what capacity someone signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    /// The customer's legal representative.
    CustomerRepresentative,
    /// The order manager, for the organisation.
    OrderManager,
    /// Another representative of the organisation.
    OrganisationRepresentative,
}

impl SignerRole {
    /// The role as printed under a signature.
    pub fn label(self) -> &'static str {
        match self {
            SignerRole::CustomerRepresentative => "Representante legal del cliente",
            SignerRole::OrderManager => "Gestor del pedido",
            SignerRole::OrganisationRepresentative => "Representante de la organización",
        }
    }

    /// The signer's title when no position is recorded: one Spanish title per role, the
    /// same the Welcome KIT and the app use.
    pub fn title(self) -> &'static str {
        match self {
            SignerRole::CustomerRepresentative => "Representante legal",
            SignerRole::OrderManager => "Gestor del pedido",
            SignerRole::OrganisationRepresentative => "Representante de la organización",
        }
    }

    /// Whether the signer signs for the customer (else for the organisation).
    pub fn for_customer(self) -> bool {
        matches!(self, SignerRole::CustomerRepresentative)
    }
}

/// A signature drawn in the app, with when it was drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnSignature {
    /// The drawing, a PNG (transparent background preferred).
    pub png: Png,
    /// When the signer signed.
    pub signed_at: DateTime<Utc>,
}

/// Someone who signs the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// In what capacity.
    pub role: SignerRole,
    /// Full name.
    pub name: String,
    /// Position held (e.g. `Director general`), when known.
    pub position: Option<String>,
    /// Identity card number (C.I.), when known.
    pub id_number: Option<String>,
    /// The drawn signature, once signed in person.
    pub signature: Option<DrawnSignature>,
}

impl Signer {
    /// The title printed under the signer's name: the position when recorded, else the
    /// role's title.
    pub fn title(&self) -> &str {
        self.position
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(self.role.title())
    }
}

/// An identity card number as Paraguay writes it, digits grouped by thousands with dots
/// (`2248164` → `2.248.164`); anything else (a passport, a number already grouped) as
/// given.
pub fn id_card(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return t.to_string();
    }
    nimbo_domain::customer::grouped_by_thousands(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_cards_are_grouped_by_thousands() {
        assert_eq!(id_card("2248164"), "2.248.164");
        assert_eq!(id_card(" 987654 "), "987.654");
        assert_eq!(id_card("1.234.567"), "1.234.567");
        assert_eq!(id_card("AB123456"), "AB123456");
    }
}
