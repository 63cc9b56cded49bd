//! The pieces of data every document snapshot shares: which version it is, who issues
//! it, who receives it, people and signers. Plain serde structs the app fills in.

use chrono::{DateTime, Utc};
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
