//! The customer segments the service may be sold to (DOMAIN §1).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A segment of customers allowed to buy the service: no other exists in Nimbo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Corporate customers.
    Corporate,
    /// Large accounts (Grandes cuentas).
    Large,
    /// Government (Gobierno).
    Government,
}

impl Segment {
    /// Every segment.
    pub const ALL: [Segment; 3] = [Segment::Corporate, Segment::Large, Segment::Government];

    /// The id used on the command line and in storage.
    pub fn id(self) -> &'static str {
        match self {
            Segment::Corporate => "corporate",
            Segment::Large => "large",
            Segment::Government => "government",
        }
    }

    /// The segment's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Segment::Corporate => lang.pick("Corporativo", "Corporate"),
            Segment::Large => lang.pick("Grandes cuentas", "Large accounts"),
            Segment::Government => lang.pick("Gobierno", "Government"),
        }
    }
}

/// A segment outside the three that may buy the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentNotServed(pub String);

impl FromStr for Segment {
    type Err = SegmentNotServed;
    fn from_str(text: &str) -> Result<Segment, SegmentNotServed> {
        let t = deunicode::deunicode(text.trim()).to_ascii_lowercase();
        match t.as_str() {
            "corporate" | "corporativo" | "corporativa" => Ok(Segment::Corporate),
            "large" | "grandes cuentas" | "grandes_cuentas" | "grandes" => Ok(Segment::Large),
            "government" | "gobierno" => Ok(Segment::Government),
            _ => Err(SegmentNotServed(text.to_string())),
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
