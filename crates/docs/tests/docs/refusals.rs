//! Images that are not PNGs are refused with a message saying what to do.

use nimbo_docs::{DocsError, Document, Png, samples};
use nimbo_domain::{ErrorCode, Lang};

#[test]
fn a_logo_that_is_not_a_png_is_refused() {
    let mut kit = samples::welcome_kit();
    kit.organisation.logo = Some(Png(b"GIF89a not a png".to_vec()));
    let err = Document::WelcomeKit(kit).render().unwrap_err();
    assert!(matches!(err, DocsError::Logo { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::DocsLogo);
    assert!(err.to_string().contains("upload the logo again as a PNG"));
    assert_eq!(err.message(Lang::En), err.to_string());
    assert!(
        err.message(Lang::Es)
            .contains("vuelva a cargar el logotipo")
    );
    // One Spanish sentence: the decoder's English words stay out of it.
    assert!(
        !err.message(Lang::Es).contains("PNG ("),
        "{}",
        err.message(Lang::Es)
    );
    assert!(!err.message(Lang::Es).contains("the file"));
}

#[test]
fn a_damaged_drawn_signature_is_refused_naming_the_signer() {
    let mut act = samples::acceptance_act(true);
    if let Some(sig) = act.signers[0].signature.as_mut() {
        sig.png.0.truncate(40);
    }
    let err = Document::AcceptanceAct(act).render().unwrap_err();
    match &err {
        DocsError::Signature { signer, .. } => assert_eq!(signer, "Ana Beatriz Ocampos"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), ErrorCode::DocsSignatureImage);
    assert!(err.message(Lang::Es).contains("Ana Beatriz Ocampos"));
}

#[test]
fn a_document_without_logo_still_has_its_header() {
    let mut kit = samples::welcome_kit();
    kit.organisation.logo = None;
    let layout = Document::WelcomeKit(kit)
        .layout(nimbo_docs::fonts().unwrap())
        .unwrap();
    let first = &layout.pages[0];
    assert!(
        first
            .texts()
            .any(|t| t.text == "Telecom B2B Cloud S.A." && t.x <= layout.geometry.left + 0.01)
    );
}
