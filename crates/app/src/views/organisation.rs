//! The organisation's profile as the interface shows and edits it: name, RUC, contact
//! details, what the Welcome KIT says about support and invoices, the suspension grace
//! period, and the logo, which travels to the page as a `data:` URL (the window's
//! content policy allows no other source for pictures).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use nimbo_domain::organisation::{DEFAULT_GRACE_DAYS, Organisation, OrganisationPatch};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::instant;
use crate::actions::organisation;
use crate::attachments::FileUpload;
use crate::{AppError, Nimbo};

/// The organisation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrgView {
    /// Its name.
    pub name: String,
    /// Its RUC, `BASE-D`.
    pub ruc: String,
    /// Whether the database holds demonstration data.
    pub demo: bool,
    /// When it was set up (RFC 3339).
    pub created_at: String,
    /// Postal address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// The logo as a `data:image/png;base64,…` URL.
    pub logo: Option<String>,
    /// The address of TBO, the invoices portal.
    pub tbo_url: Option<String>,
    /// How and when a customer receives the MCO password («por SMS…»).
    pub mco_password_delivery: Option<String>,
    /// How a customer opens a support ticket.
    pub ticket_instructions: Option<String>,
    /// Response time to critical incidents.
    pub response_critical: Option<String>,
    /// Response time to high-severity incidents.
    pub response_high: Option<String>,
    /// Response time to normal incidents.
    pub response_normal: Option<String>,
    /// The suspension grace period the organisation set, in days (`None`: not set).
    pub suspension_grace_days: Option<u32>,
    /// The grace period in force, in days: the setting or the default.
    pub grace_days: u32,
    /// The grace period used when none is set, in days.
    pub default_grace_days: u32,
}

/// Changes to the profile, as typed; an absent field keeps its value, an empty one clears
/// an optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrganisationInput {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// RUC.
    #[serde(default)]
    pub ruc: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Website.
    #[serde(default)]
    pub website: Option<String>,
    /// Address of the TBO invoices portal.
    #[serde(default)]
    pub tbo_url: Option<String>,
    /// How and when the MCO password arrives.
    #[serde(default)]
    pub mco_password_delivery: Option<String>,
    /// How to open a support ticket.
    #[serde(default)]
    pub ticket_instructions: Option<String>,
    /// Response time to critical incidents.
    #[serde(default)]
    pub response_critical: Option<String>,
    /// Response time to high-severity incidents.
    #[serde(default)]
    pub response_high: Option<String>,
    /// Response time to normal incidents.
    #[serde(default)]
    pub response_normal: Option<String>,
    /// Suspension grace period, whole days as typed (empty: the default).
    #[serde(default)]
    pub suspension_grace_days: Option<String>,
}

/// A picture chosen in the interface: its file name and content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PictureInput {
    /// The file's name.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl PictureInput {
    /// The picture as a file to store.
    pub fn upload(&self) -> Result<FileUpload, AppError> {
        FileUpload::from_bytes(&self.name, self.bytes.clone())
    }
}

/// The profile with its logo.
pub fn org_view(org: &Organisation, logo: Option<&[u8]>) -> OrgView {
    OrgView {
        name: org.name.clone(),
        ruc: org.ruc.to_string(),
        demo: org.demo,
        created_at: instant(org.created_at),
        address: org.address.clone(),
        phone: org.phone.clone(),
        email: org.email.clone(),
        website: org.website.clone(),
        logo: org
            .logo
            .as_ref()
            .zip(logo)
            .map(|(r, bytes)| format!("data:{};base64,{}", r.media_type, STANDARD.encode(bytes))),
        tbo_url: org.tbo_url.clone(),
        mco_password_delivery: org.mco_password_delivery.clone(),
        ticket_instructions: org.ticket_instructions.clone(),
        response_critical: org.response_critical.clone(),
        response_high: org.response_high.clone(),
        response_normal: org.response_normal.clone(),
        suspension_grace_days: org.suspension_grace_days,
        grace_days: org.grace_days(),
        default_grace_days: DEFAULT_GRACE_DAYS,
    }
}

/// Reads the profile.
pub async fn profile(nimbo: &Nimbo) -> Result<OrgView, AppError> {
    let (org, logo) = organisation::profile_with_logo(nimbo).await?;
    Ok(org_view(&org, logo.as_deref()))
}

/// Edits the profile and shows it.
pub async fn edit(nimbo: &Nimbo, by: &str, input: &OrganisationInput) -> Result<OrgView, AppError> {
    let patch = OrganisationPatch {
        name: input.name.clone(),
        ruc: input.ruc.clone(),
        address: input.address.clone(),
        phone: input.phone.clone(),
        email: input.email.clone(),
        website: input.website.clone(),
        tbo_url: input.tbo_url.clone(),
        mco_password_delivery: input.mco_password_delivery.clone(),
        ticket_instructions: input.ticket_instructions.clone(),
        response_critical: input.response_critical.clone(),
        response_high: input.response_high.clone(),
        response_normal: input.response_normal.clone(),
        suspension_grace_days: input.suspension_grace_days.clone(),
    };
    organisation::edit(nimbo, by, &patch).await?;
    profile(nimbo).await
}

/// Sets the logo, or removes it with `None`, and shows the profile.
pub async fn set_logo(
    nimbo: &Nimbo,
    by: &str,
    picture: Option<&PictureInput>,
) -> Result<OrgView, AppError> {
    let upload = picture.map(PictureInput::upload).transpose()?;
    organisation::set_logo(nimbo, by, upload.as_ref()).await?;
    profile(nimbo).await
}
