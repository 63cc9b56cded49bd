//! A customer with a wrong RUC check digit cannot be saved: the message under the RUC
//! names the expected digit and no customer is created; with the right digit it is.

use serde_json::Value;

use crate::harness::App;
use crate::office::{KAM, organisation_with_team};

fn customers(app: &App) -> Vec<Value> {
    let found = app.desk.cli(None, &["customer", "list"]);
    match found {
        Value::Array(all) => all,
        other => other["customers"].as_array().cloned().unwrap_or_default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_with_a_wrong_ruc_is_not_saved() {
    let app = App::launch(organisation_with_team(), "customers").await;
    app.sign_in(KAM).await;
    app.nav("customers").await;
    app.click("#new-customer").await;
    app.type_into("#c-name", "Cervecería del Sur S.A.").await;
    app.type_into("#c-ruc", "80028061-1").await;
    app.select("#c-segment", "large").await;
    app.type_into("#c-account", "100234567").await;
    app.type_into("#c-cycle", "15").await;
    app.wait_text("#c-ruc-help.error", "es 0").await;

    app.click("#save-customer").await;
    app.pause(700).await;
    let said = app.wait_text("#c-ruc-help.error", "80028061").await;
    assert!(
        said.contains("es 0"),
        "the message under the RUC should name the expected digit: {said}"
    );
    assert!(app.exists("#customer-form").await, "the form stays open");
    assert!(customers(&app).is_empty(), "no customer may be created");
    app.screenshot("customer-form-error").await;

    // With the right digit the customer is saved and its page opens.
    app.type_into("#c-ruc", "80028061-0").await;
    app.click("#save-customer").await;
    app.wait_text("h1", "Cervecería del Sur S.A.").await;
    app.wait_text("section", "RUC 80028061-0").await;
    assert_eq!(customers(&app).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customers_billing_cycle_edited_in_the_window_is_saved() {
    let app = App::launch(organisation_with_team(), "customers_edit").await;
    app.desk.cli(
        Some(KAM),
        &[
            "customer",
            "add",
            "--name",
            "Cervecería del Sur S.A.",
            "--ruc",
            "80028061-0",
            "--segment",
            "large",
            "--billing-account",
            "100234567",
            "--cycle",
            "15",
        ],
    );
    app.sign_in(KAM).await;
    app.nav("customers").await;
    app.click("tr[data-ruc=\"80028061-0\"] td").await;
    app.wait_text("h1", "Cervecería del Sur S.A.").await;

    app.click("#edit-customer").await;
    app.type_into("#e-cycle", "1").await;
    app.click("#save-edit").await;
    app.wait_text("section", "≠ 15").await;
    app.screenshot("customer-edited").await;

    let shown = app.desk.cli(None, &["customer", "show", "80028061-0"]);
    assert_eq!(shown["customer"]["billing_account"]["cycle"], 1, "{shown}");
    // The edit went through the audit trail, whose chain still verifies.
    let history = app.desk.cli(None, &["audit", "verify"]);
    assert!(history["broken"].is_null(), "{history}");
}
