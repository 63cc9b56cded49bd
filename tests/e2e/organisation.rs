//! The organisation's profile in the window: the administrator fills in the contact
//! details documents print (a wrong phone is named under its field) and chooses the logo,
//! which shows at once; a KAM reads the profile and cannot change it.

use std::path::PathBuf;

use crate::harness::App;
use crate::office::{ADMIN, KAM, organisation_with_team};

/// A real 480×160 PNG, shared with the command line's stories.
pub fn logo_path() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/logo.png")
        .display()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_completes_the_profile_and_chooses_the_logo() {
    let app = App::launch(organisation_with_team(), "organisation").await;
    app.sign_in(ADMIN).await;
    app.nav("organisation").await;
    app.wait_text(".logo-box", "Sin logotipo").await;

    app.click("#edit-organisation").await;
    app.type_into("#o-address", "Av. Mariscal López 1234, Asunción")
        .await;
    app.type_into("#o-phone", "21").await;
    app.type_into("#o-email", "nube@telecom.com.py").await;
    app.click("#save-organisation").await;
    app.wait_text("#organisation-form .error", "eléfono").await;
    app.type_into("#o-phone", "+595 21 219 0000").await;
    // What the Welcome KIT says about invoices and support, in the organisation's words.
    app.type_into("#o-tbo", "https://tbo.telecom.com.py").await;
    app.type_into(
        "#o-mco-password",
        "por SMS al celular del representante legal, dentro de las 24 horas",
    )
    .await;
    app.type_into("#o-critical", "1 hora, todos los días").await;
    app.type_into("#o-normal", "1 día hábil").await;
    app.screenshot("organisation-edit").await;
    app.click("#save-organisation").await;
    app.wait_gone("#organisation-form").await;
    app.wait_text("#org-address-shown", "Av. Mariscal López 1234, Asunción")
        .await;
    app.wait_text("#org-tbo-shown", "https://tbo.telecom.com.py")
        .await;
    app.wait_text("#org-response-shown", "Crítica: 1 hora, todos los días")
        .await;

    app.find("#o-logo")
        .await
        .send_keys(&logo_path())
        .await
        .unwrap_or_else(|e| panic!("cannot choose the logo: {e}"));
    app.find("img#org-logo").await;
    app.wait_text("[role=status]", "Logotipo guardado").await;
    app.screenshot("organisation").await;

    let org = app.desk.cli(None, &["org", "show"]);
    assert_eq!(org["phone"], "+595 21 219 0000", "{org}");
    assert_eq!(org["response_normal"], "1 día hábil", "{org}");
    assert!(org["response_high"].is_null(), "{org}");
    assert_eq!(org["logo"]["media_type"], "image/png", "{org}");
    let history = app.desk.cli(None, &["audit", "verify"]);
    assert!(history["broken"].is_null(), "{history}");

    // A KAM reads the same profile and has nothing to change it with.
    app.switch_user(KAM).await;
    app.nav("organisation").await;
    app.wait_text("#org-address-shown", "Mariscal López").await;
    app.find("img#org-logo").await;
    assert!(!app.exists("#edit-organisation").await);
    assert!(!app.exists("#o-logo").await);
}
