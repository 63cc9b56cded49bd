//! What can go wrong while rendering, each case with what to do about it. The English
//! text is the error's `Display`; [`DocsError::message`] gives either language.

use nimbo_domain::{ErrorCode, Lang};

/// A document that could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocsError {
    /// The font shipped inside the crate could not be parsed (a broken build).
    #[error("the embedded font {name} could not be read; the build is damaged, reinstall Nimbo")]
    Font {
        /// The font's file name.
        name: &'static str,
    },
    /// The organisation's logo is not a PNG that can be decoded.
    #[error(
        "the organisation's logo is not a readable PNG image ({reason}); upload the logo again as a PNG file"
    )]
    Logo {
        /// Why it was refused.
        reason: String,
    },
    /// A drawn signature is not a PNG that can be decoded.
    #[error(
        "the drawn signature of {signer} is not a readable PNG image ({reason}); ask the signer to sign again"
    )]
    Signature {
        /// Who signed.
        signer: String,
        /// Why it was refused.
        reason: String,
    },
    /// The snapshot could not be turned into canonical JSON.
    #[error("the document's data could not be written as JSON ({0}); this is a bug in Nimbo")]
    Snapshot(String),
    /// The QR code could not hold the verification text.
    #[error("the verification QR code could not be made ({0}); shorten the document id")]
    Qr(String),
    /// The PDF writer failed.
    #[error("the PDF could not be written ({0}); this is a bug in Nimbo")]
    Write(String),
}

impl DocsError {
    /// A stable code the user interface branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            DocsError::Font { .. } => ErrorCode::DocsFont,
            DocsError::Logo { .. } => ErrorCode::DocsLogo,
            DocsError::Signature { .. } => ErrorCode::DocsSignatureImage,
            DocsError::Snapshot(_) => ErrorCode::DocsSnapshot,
            DocsError::Qr(_) => ErrorCode::DocsQr,
            DocsError::Write(_) => ErrorCode::DocsWrite,
        }
    }

    /// The message in the user's language: what went wrong and what to do. The Spanish one
    /// is one sentence without the decoder's or writer's own words (they are English and
    /// technical; the English message keeps them for whoever reports the problem).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            DocsError::Font { name } => format!(
                "no se pudo leer la fuente incluida {name}; la instalación está dañada, reinstale Nimbo"
            ),
            DocsError::Logo { .. } => {
                "el logotipo de la organización no es una imagen PNG legible; vuelva a cargar el logotipo como archivo PNG".to_string()
            }
            DocsError::Signature { signer, .. } => format!(
                "la firma dibujada de {signer} no es una imagen PNG legible; pida al firmante que vuelva a firmar"
            ),
            DocsError::Snapshot(_) => {
                "los datos del documento no se pudieron preparar; es un error de Nimbo, avise al administrador".to_string()
            }
            DocsError::Qr(_) => {
                "no se pudo generar el código QR de verificación; acorte el identificador del documento".to_string()
            }
            DocsError::Write(_) => {
                "no se pudo escribir el PDF; es un error de Nimbo, avise al administrador".to_string()
            }
        }
    }
}
