//! How a document was sent to its signers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The channel a document was sent through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// By e-mail.
    Email,
    /// Handed over in person (printed or on the laptop).
    InPerson,
    /// By courier, printed.
    Courier,
    /// Through a digital signature platform.
    SignaturePlatform,
}

/// A text that names no channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChannel(pub String);

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::InPerson,
        Channel::Courier,
        Channel::SignaturePlatform,
    ];

    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::InPerson => "in_person",
            Channel::Courier => "courier",
            Channel::SignaturePlatform => "signature_platform",
        }
    }

    /// The channel's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Channel::Email => lang.pick("correo electrónico", "e-mail"),
            Channel::InPerson => lang.pick("en persona", "in person"),
            Channel::Courier => lang.pick("courier", "courier"),
            Channel::SignaturePlatform => {
                lang.pick("plataforma de firma digital", "digital signature platform")
            }
        }
    }
}

impl FromStr for Channel {
    type Err = UnknownChannel;
    fn from_str(text: &str) -> Result<Channel, UnknownChannel> {
        let t = text.trim().to_ascii_lowercase().replace('-', "_");
        Channel::ALL
            .into_iter()
            .find(|c| c.id() == t)
            .or(match t.as_str() {
                "correo" | "e_mail" | "mail" => Some(Channel::Email),
                "persona" | "en_persona" => Some(Channel::InPerson),
                "plataforma" | "platform" => Some(Channel::SignaturePlatform),
                _ => None,
            })
            .ok_or_else(|| UnknownChannel(text.to_string()))
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
