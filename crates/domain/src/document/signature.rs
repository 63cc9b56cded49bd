//! A version's signature record: `draft → issued → sent → partially signed → signed`,
//! or `declined`, `voided`, `expired` (DOMAIN §7). Every transition is a pure function
//! that returns the new record or refuses, saying what to do instead.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::problem::required_text;

use super::channel::Channel;
use super::kind::DocumentKind;
use super::signer::{Party, SignatureMethod, SignerEntry, SignerState};

/// How a document version stands as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SignatureState {
    /// Made, not issued yet.
    Draft,
    /// Issued: the PDF exists and may be sent.
    Issued,
    /// Sent to the signers.
    Sent {
        /// Through which channel (the last one, when sent again).
        channel: Channel,
    },
    /// Some signers signed, others not yet.
    PartiallySigned,
    /// Every signer signed.
    Signed,
    /// A signer refused to sign.
    Declined {
        /// Who.
        party: Party,
        /// Why.
        reason: String,
    },
    /// Voided: a newer version replaced it, or it was withdrawn.
    Voided {
        /// Why.
        reason: String,
    },
    /// Not signed by its date.
    Expired {
        /// The date it expired after.
        after: NaiveDate,
    },
}

/// The state without its details: what lists filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStateId {
    /// Draft.
    Draft,
    /// Issued.
    Issued,
    /// Sent.
    Sent,
    /// Partially signed.
    PartiallySigned,
    /// Signed.
    Signed,
    /// Declined.
    Declined,
    /// Voided.
    Voided,
    /// Expired.
    Expired,
}

impl SignatureStateId {
    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            SignatureStateId::Draft => "draft",
            SignatureStateId::Issued => "issued",
            SignatureStateId::Sent => "sent",
            SignatureStateId::PartiallySigned => "partially_signed",
            SignatureStateId::Signed => "signed",
            SignatureStateId::Declined => "declined",
            SignatureStateId::Voided => "voided",
            SignatureStateId::Expired => "expired",
        }
    }

    /// The state's name.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            SignatureStateId::Draft => lang.pick("borrador", "draft"),
            SignatureStateId::Issued => lang.pick("emitido", "issued"),
            SignatureStateId::Sent => lang.pick("enviado", "sent"),
            SignatureStateId::PartiallySigned => lang.pick("firmado en parte", "partially signed"),
            SignatureStateId::Signed => lang.pick("firmado", "signed"),
            SignatureStateId::Declined => lang.pick("rechazado", "declined"),
            SignatureStateId::Voided => lang.pick("anulado", "voided"),
            SignatureStateId::Expired => lang.pick("vencido", "expired"),
        }
    }
}

impl SignatureState {
    /// The state without its details.
    pub fn id(&self) -> SignatureStateId {
        match self {
            SignatureState::Draft => SignatureStateId::Draft,
            SignatureState::Issued => SignatureStateId::Issued,
            SignatureState::Sent { .. } => SignatureStateId::Sent,
            SignatureState::PartiallySigned => SignatureStateId::PartiallySigned,
            SignatureState::Signed => SignatureStateId::Signed,
            SignatureState::Declined { .. } => SignatureStateId::Declined,
            SignatureState::Voided { .. } => SignatureStateId::Voided,
            SignatureState::Expired { .. } => SignatureStateId::Expired,
        }
    }

    /// Whether signatures may still be collected.
    pub fn awaits_signatures(&self) -> bool {
        matches!(
            self,
            SignatureState::Issued | SignatureState::Sent { .. } | SignatureState::PartiallySigned
        )
    }
}

/// The signature record of one document version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRecord {
    /// The kind of document.
    pub kind: DocumentKind,
    /// Its number, for messages.
    pub number: String,
    /// The version, for messages.
    pub version: u32,
    /// How it stands.
    pub state: SignatureState,
    /// Who must sign, and how each stands.
    pub signers: Vec<SignerEntry>,
    /// The day after which an unsigned document expires, when one was set.
    pub expires_on: Option<NaiveDate>,
}

fn reason(text: &str) -> Result<String, DomainError> {
    required_text(text, 1000).map_err(|_| DomainError::ReasonRequired)
}

impl SignatureRecord {
    /// A draft with its signers, none signed.
    pub fn draft(
        kind: DocumentKind,
        number: &str,
        version: u32,
        signers: Vec<SignerEntry>,
    ) -> SignatureRecord {
        SignatureRecord {
            kind,
            number: number.to_string(),
            version,
            state: SignatureState::Draft,
            signers,
            expires_on: None,
        }
    }

    fn not_now(&self, wanted: &'static str) -> DomainError {
        DomainError::DocumentNotInState {
            kind: self.kind,
            number: self.number.clone(),
            version: self.version,
            state: self.state.id(),
            wanted,
        }
    }

    /// Issues the draft.
    pub fn issue(&self) -> Result<SignatureRecord, DomainError> {
        if self.state != SignatureState::Draft {
            return Err(self.not_now("issue"));
        }
        let mut next = self.clone();
        next.state = SignatureState::Issued;
        Ok(next)
    }

    /// Records that the document was sent through a channel, with an optional date
    /// after which it expires unsigned.
    pub fn send(
        &self,
        channel: Channel,
        expires_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<SignatureRecord, DomainError> {
        if !self.state.awaits_signatures() {
            return Err(self.not_now("send"));
        }
        if let Some(d) = expires_on.filter(|d| *d < today) {
            return Err(DomainError::ExpiryInPast { date: d, today });
        }
        let mut next = self.clone();
        if matches!(
            next.state,
            SignatureState::Issued | SignatureState::Sent { .. }
        ) {
            next.state = SignatureState::Sent { channel };
        }
        if expires_on.is_some() {
            next.expires_on = expires_on;
        }
        Ok(next)
    }

    fn signer_index(&self, party: Party) -> Result<usize, DomainError> {
        if self.signers.is_empty() {
            return Err(DomainError::DocumentNeedsNoSignature { kind: self.kind });
        }
        self.signers
            .iter()
            .position(|s| s.party == party)
            .ok_or(DomainError::NotASigner {
                kind: self.kind,
                party,
            })
    }

    /// Records one signer's signature; the document is signed when every signer signed.
    pub fn sign(
        &self,
        party: Party,
        method: SignatureMethod,
        at: DateTime<Utc>,
        recorded_by: &str,
    ) -> Result<SignatureRecord, DomainError> {
        let i = self.signer_index(party)?;
        if !self.state.awaits_signatures() {
            return Err(self.not_now("sign"));
        }
        let mut next = self.clone();
        let Some(signer) = next.signers.get_mut(i) else {
            return Err(DomainError::NotASigner {
                kind: self.kind,
                party,
            });
        };
        if signer.has_signed() {
            return Err(DomainError::AlreadySigned {
                kind: self.kind,
                party,
                name: signer.name.clone(),
            });
        }
        signer.state = SignerState::Signed {
            method,
            at,
            recorded_by: recorded_by.to_string(),
        };
        next.state = if next.signers.iter().all(SignerEntry::has_signed) {
            SignatureState::Signed
        } else {
            SignatureState::PartiallySigned
        };
        Ok(next)
    }

    /// Records that a signer refused to sign, with the reason.
    pub fn decline(
        &self,
        party: Party,
        why: &str,
        at: DateTime<Utc>,
    ) -> Result<SignatureRecord, DomainError> {
        let i = self.signer_index(party)?;
        if !self.state.awaits_signatures() {
            return Err(self.not_now("decline"));
        }
        let why = reason(why)?;
        let mut next = self.clone();
        if let Some(signer) = next.signers.get_mut(i) {
            if signer.has_signed() {
                return Err(DomainError::AlreadySigned {
                    kind: self.kind,
                    party,
                    name: signer.name.clone(),
                });
            }
            signer.state = SignerState::Declined {
                reason: why.clone(),
                at,
            };
        }
        next.state = SignatureState::Declined { party, reason: why };
        Ok(next)
    }

    /// Voids the version, with the reason (a newer version, or withdrawn).
    pub fn void(&self, why: &str) -> Result<SignatureRecord, DomainError> {
        if matches!(self.state, SignatureState::Voided { .. }) {
            return Err(self.not_now("void"));
        }
        let why = reason(why)?;
        let mut next = self.clone();
        next.state = SignatureState::Voided { reason: why };
        Ok(next)
    }

    /// Marks an unsigned document expired once its date has passed.
    pub fn expire(&self, today: NaiveDate) -> Result<SignatureRecord, DomainError> {
        if !self.state.awaits_signatures() {
            return Err(self.not_now("expire"));
        }
        match self.expires_on {
            Some(after) if today > after => {
                let mut next = self.clone();
                next.state = SignatureState::Expired { after };
                Ok(next)
            }
            other => Err(DomainError::NotExpiredYet {
                kind: self.kind,
                expires_on: other,
            }),
        }
    }

    /// The signers who have not signed yet (none once the record is closed).
    pub fn pending(&self) -> Vec<&SignerEntry> {
        if !self.state.awaits_signatures() {
            return Vec::new();
        }
        self.signers.iter().filter(|s| !s.has_signed()).collect()
    }
}
