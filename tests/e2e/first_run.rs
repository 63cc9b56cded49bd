//! First run: a wrong RUC check digit is named under the field and creating the
//! organisation is refused; with the right digit it is created and its administrator can
//! sign in. The logo chosen on the way is the organisation's.

use crate::harness::{App, Desk};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisation_is_created_only_with_a_valid_ruc() {
    let app = App::launch(Desk::empty(), "first_run").await;
    app.find("#org-name").await;
    app.screenshot("first-run").await;

    app.type_into("#org-name", "Telecom Paraguay B2B Cloud")
        .await;
    app.type_into("#admin-username", "admin").await;
    app.type_into("#admin-name", "Ana Benítez").await;

    // A wrong check digit: the field asks to review the whole number as it is typed (the
    // digit the base calls for only follows).
    app.type_into("#org-ruc", "80028061-1").await;
    let said = app
        .wait_text("#org-ruc-help.error", "revise el número completo")
        .await;
    assert!(
        said.starts_with("El RUC 80028061-1 no es válido") && said.contains("sería 0"),
        "the RUC's help should be one sentence asking to review the whole number: {said}"
    );
    assert_eq!(
        app.attr("#org-ruc", "aria-invalid").await.as_deref(),
        Some("true")
    );

    // Creating is refused: the screen stays, the field keeps its message, nothing is written.
    app.click("#create-org").await;
    app.pause(700).await;
    app.wait_text("#org-ruc-help.error", "revise el número completo")
        .await;
    assert!(
        app.exists("#create-org").await,
        "still the first-run screen"
    );
    assert!(!app.exists("button.user").await, "no sign-in screen");
    let refusal = app.desk.cli_refused(None, &["user", "list"]);
    assert_eq!(
        refusal["code"], "not_initialised",
        "no organisation may have been created: {refusal}"
    );
    app.screenshot("first-run-wrong-ruc").await;

    // The right digit, and the logo chosen: the organisation is created.
    app.type_into("#org-ruc", "80028061-0").await;
    app.find("#org-logo")
        .await
        .send_keys(&crate::organisation::logo_path())
        .await
        .unwrap_or_else(|e| panic!("cannot choose the logo: {e}"));
    // (WebKitWebDriver reads no text from the ellipsised name: ask for its content.)
    app.eventually("the chosen logo's name", || async {
        match app.prop(".logo-row .name", "textContent").await {
            Some(name) if name == "logo.png" => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    app.find("img.preview").await;
    app.click("#create-org").await;

    // The sign-in screen names the organisation and offers its administrator.
    app.wait_text("main", "Telecom Paraguay B2B Cloud").await;
    app.wait_text("main", "RUC 80028061-0").await;
    app.wait_text("button.user[data-username=\"admin\"]", "Ana Benítez")
        .await;
    app.screenshot("sign-in-first-admin").await;
    let users = app.desk.cli(None, &["user", "list"]);
    assert_eq!(
        users.as_array().map(Vec::len),
        Some(1),
        "exactly the administrator: {users}"
    );
    let org = app.desk.cli(None, &["org", "show"]);
    assert_eq!(org["logo"]["media_type"], "image/png", "{org}");

    app.sign_in("admin").await;
    app.wait_text("header", "Ana Benítez").await;
}

/// Found by this story: the refusal's message used to stay under the field after the RUC
/// was corrected (RucInput preferred the `error` prop to its own live check).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn correcting_a_refused_ruc_clears_its_message() {
    let app = App::launch(Desk::empty(), "first_run_stale_ruc").await;
    app.type_into("#org-name", "Telecom Paraguay B2B Cloud")
        .await;
    app.type_into("#admin-username", "admin").await;
    app.type_into("#admin-name", "Ana Benítez").await;
    app.type_into("#org-ruc", "80028061-1").await;
    app.wait_text("#org-ruc-help.error", "sería 0").await;
    app.click("#create-org").await;
    app.pause(700).await;
    app.wait_text("#org-ruc-help.error", "sería 0").await;
    app.type_into("#org-ruc", "80028061-0").await;
    app.wait_text("#org-ruc-help", "válido").await;
    assert_eq!(
        app.attr("#org-ruc", "aria-invalid").await.as_deref(),
        Some("false")
    );
}
