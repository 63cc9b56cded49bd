//! The documents Nimbo issues, one file each: a snapshot struct the app fills in and the
//! layout that turns it into pages.

pub mod acceptance_act;
mod act;
pub mod blocks;
pub mod certificate;
pub mod risk_act;
pub mod service_status;
pub mod statement;
pub mod welcome_kit;

use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{DocumentMeta, Organisation, TemplateVersion};

/// What every template gives the renderer.
pub(crate) trait Template {
    /// Which version of which document.
    fn meta(&self) -> &DocumentMeta;
    /// Who issues it.
    fn organisation(&self) -> &Organisation;
    /// The kind of document, shown over the number in the header.
    fn kind(&self) -> &'static str;
    /// The title, shown in the footer and the PDF's properties.
    fn title(&self) -> String;
    /// The PDF's subject property.
    fn subject(&self) -> String;
    /// The edition of the template the snapshot is drawn with.
    fn template(&self) -> TemplateVersion;
    /// Lays out the body.
    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError>;
}
