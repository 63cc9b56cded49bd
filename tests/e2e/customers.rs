//! A customer with a wrong RUC check digit cannot be saved: the message under the RUC
//! names the expected digit and no customer is created; with the right digit it is. A
//! customer's data and its legal representatives are corrected in the window.

use serde_json::Value;

use crate::harness::App;
use crate::office::{CUSTOMER_NAME, CUSTOMER_RUC, KAM, office, open_order, organisation_with_team};

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
    // No customers yet: the empty search box does not say that nothing matched.
    let empty = app
        .wait_text("#customers-empty", "Todavía no hay clientes")
        .await;
    assert!(!empty.contains("coincide"), "{empty}");
    app.click("#new-customer").await;
    app.type_into("#c-name", "Cervecería del Sur S.A.").await;
    app.type_into("#c-ruc", "80028061-1").await;
    app.select("#c-segment", "large").await;
    app.type_into("#c-address", "Ruta 2 km 18, Capiatá").await;
    app.type_into("#c-account", "100234567").await;
    app.type_into("#c-cycle", "15").await;
    app.wait_text("#c-ruc-help.error", "revise el número completo")
        .await;

    app.click("#save-customer").await;
    app.pause(700).await;
    let said = app.wait_text("#c-ruc-help.error", "80028061").await;
    assert!(
        said.contains("revise el número completo") && said.contains("sería 0"),
        "the message under the RUC should ask to review the whole number: {said}"
    );
    assert!(app.exists("#customer-form").await, "the form stays open");
    assert!(customers(&app).is_empty(), "no customer may be created");
    app.screenshot("customer-form-error").await;

    // With the right digit the customer is saved and its page opens.
    app.type_into("#c-ruc", "80028061-0").await;
    app.click("#save-customer").await;
    app.wait_text("h1", "Cervecería del Sur S.A.").await;
    app.wait_text("section", "RUC 80028061-0").await;
    app.wait_text("#customer-address", "Ruta 2 km 18, Capiatá")
        .await;
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
    app.type_into("#e-address", "Av. Mariscal López 3794, Asunción")
        .await;
    assert_eq!(
        app.text("#record-contract").await,
        "Registrar Contrato Marco",
        "no master contract yet: recording one is offered"
    );
    app.click("#save-edit").await;
    // The cycle's warning is said in words, not as a sign.
    app.wait_text(
        "#cycle-warning",
        "El ciclo de facturación debe ser 15; hoy es 1.",
    )
    .await;
    app.wait_text("#customer-address", "Mariscal López").await;
    app.screenshot("customer-edited").await;

    let shown = app.desk.cli(None, &["customer", "show", "80028061-0"]);
    assert_eq!(shown["customer"]["billing_account"]["cycle"], 1, "{shown}");
    assert_eq!(
        shown["customer"]["address"], "Av. Mariscal López 3794, Asunción",
        "{shown}"
    );
    // The edit went through the audit trail, whose chain still verifies.
    let history = app.desk.cli(None, &["audit", "verify"]);
    assert!(history["broken"].is_null(), "{history}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kam_corrects_one_representative_and_removes_another_in_the_window() {
    let desk = office(true);
    desk.cli(
        Some(KAM),
        &[
            "customer",
            "add-rep",
            CUSTOMER_RUC,
            "--name",
            "Rosa Ñamandú Villalba",
            "--document",
            "3456789",
            "--email",
            "rosa.villalba@continental.com.py",
            "--phone",
            "+595 21 600 700",
        ],
    );
    let order = open_order(&desk, "Cuenta AWS para el portal de clientes");
    let app = App::launch(desk, "representatives").await;
    app.sign_in(KAM).await;
    app.nav("customers").await;
    app.click(&format!("tr[data-ruc=\"{CUSTOMER_RUC}\"] td"))
        .await;
    app.wait_text("h1", CUSTOMER_NAME).await;

    // The page lists the customer's orders; the master contract on file is replaced, not
    // recorded again; identity documents are labelled and grouped.
    app.find(&format!("#customer-orders tr[data-order=\"{order}\"]"))
        .await;
    assert_eq!(app.text("#record-contract").await, "Reemplazar");
    app.wait_text(
        "li[data-rep=\"1234567\"] [data-document]",
        "C.I. N.º 1.234.567",
    )
    .await;

    // Juan has a new phone: a wrong one is refused under the field, the right one saved.
    app.click("li[data-rep=\"1234567\"] button[data-action=\"correct\"]")
        .await;
    app.wait_text("#rep-form h3", "Corregir representante")
        .await;
    app.type_into("#r-phone", "12").await;
    app.click("#rep-form button[type=\"submit\"]").await;
    app.wait_text("#rep-form .error", "eléfono").await;
    app.type_into("#r-phone", "+595 21 414 0000").await;
    app.click("#rep-form button[type=\"submit\"]").await;
    app.wait_gone("#rep-form").await;
    app.wait_text("li[data-rep=\"1234567\"]", "+595 21 414 0000")
        .await;

    // Rosa left the company: removing asks first, then she is gone.
    app.click("li[data-rep=\"3456789\"] button[data-action=\"remove\"]")
        .await;
    app.screenshot("representative-remove").await;
    app.click("li[data-rep=\"3456789\"] button[data-action=\"confirm-remove\"]")
        .await;
    app.wait_gone("li[data-rep=\"3456789\"]").await;
    // She was the last row: the focus moved on to the add button, not lost.
    app.eventually("the focus on «Agregar representante»", || async {
        match app
            .script(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await
            .as_str()
        {
            Some("add-rep") => Ok(()),
            other => Err(format!("focus on {other:?}")),
        }
    })
    .await;

    // The customer's order opens from its page.
    app.click(&format!("#customer-orders tr[data-order=\"{order}\"] td"))
        .await;
    app.wait_text("h1", &order).await;

    let shown = app.desk.cli(None, &["customer", "show", CUSTOMER_RUC]);
    let reps = shown["customer"]["representatives"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(reps.len(), 1, "{shown}");
    assert_eq!(reps[0]["document"], "1234567");
    assert_eq!(reps[0]["phone"], "+595 21 414 0000");
    let history = app.desk.cli(None, &["audit", "verify"]);
    assert!(history["broken"].is_null(), "{history}");
}
