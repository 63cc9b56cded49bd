//! Billing in the window, as the month ends: the billing specialist imports the MCO's
//! FOCUS export (one row of an AWS account nobody has is reported with its line, and the
//! report is saved as a CSV), opens a line's calculation, adds an adjustment, closes and
//! exports the period for Satélite, records the invoice CBS/Siebel issued and a first
//! payment. The KAM then opens the customer and sees its charges, its debt and the chart
//! of its consumption. In a demonstration office, a consumption spike is flagged before
//! export.

use nimbo_testkit::dates::days_ago;

use crate::harness::App;
use crate::office::{
    AWS_ACCOUNTS, BILLING_ACCOUNT, CUSTOMER_NAME, CUSTOMER_RUC, KAM, ORDER_MANAGER, SUBSCRIBER_ID,
    office, open_order, to_completion, to_the_offer_decision,
};

/// The billing specialist of the story.
const BILLING: &str = "rosa.villalba";

/// A FOCUS export of today's charges: two services of the customer's first AWS account,
/// and one row (line 4) of an account no subscription covers.
fn focus_export() -> String {
    let at = format!("{}T04:00:00Z", days_ago(0));
    let end = format!("{}T05:00:00Z", days_ago(0));
    let account = AWS_ACCOUNTS[0];
    [
        "BillingAccountId,SubAccountId,ServiceName,ChargeCategory,BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd".to_string(),
        format!("999999999999,{account},Amazon Elastic Compute Cloud,Usage,812.40,USD,{at},{end}"),
        format!("999999999999,{account},Amazon Simple Storage Service,Usage,120.15,USD,{at},{end}"),
        format!("999999999999,999988887777,Amazon Elastic Compute Cloud,Usage,5.00,USD,{at},{end}"),
    ]
    .join("\n")
        + "\n"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_month_is_imported_closed_exported_invoiced_and_the_kam_sees_it() {
    let desk = office(true);
    let order = open_order(&desk, "Nube AWS con servicios VIP");
    to_the_offer_decision(&desk, &order, false);
    to_completion(&desk, &order);
    desk.cli(
        Some(crate::office::ADMIN),
        &nimbo_testkit::office::hire(BILLING, "Rosa Villalba", "billing_specialist"),
    );
    let export = desk.dir().join("focus-mes.csv");
    std::fs::write(&export, focus_export()).unwrap_or_else(|e| panic!("{export:?}: {e}"));

    let app = App::launch(desk, "billing").await;
    // The order manager logs yesterday's work on the subscription, from its card on
    // the customer's page.
    app.sign_in(ORDER_MANAGER).await;
    open_customer(&app).await;
    let hours = format!("[data-hours=\"{SUBSCRIBER_ID}\"]");
    app.click(&format!("{hours} [data-action=\"log-hours\"]"))
        .await;
    app.type_into(&format!("#h-day-{SUBSCRIBER_ID}"), &dmy(&days_ago(1)))
        .await;
    app.type_into(&format!("#h-from-{SUBSCRIBER_ID}"), "09:00")
        .await;
    app.type_into(&format!("#h-to-{SUBSCRIBER_ID}"), "11:30")
        .await;
    app.type_into(&format!("#h-what-{SUBSCRIBER_ID}"), "Configuración de VPC")
        .await;
    app.click(&format!("{hours} [data-action=\"save-hours\"]"))
        .await;
    app.wait_text(&format!("{hours} .entries"), "2 h 30 min")
        .await;
    app.screenshot("billing-hours-logged").await;

    app.switch_user(BILLING).await;
    app.nav("billing").await;
    // Before the import the run holds only the VIP fee's prorated minimum.
    app.wait_text("#billing-run", "Vista previa").await;

    // The import: the file is chosen in the system's dialog and read where it lies.
    app.desk.answer_dialog(&export);
    app.click("#import-consumption").await;
    app.wait_text("#import-report", "Importado").await;
    assert_eq!(app.text("#import-rows").await, "3");
    assert_eq!(app.text("#import-problem-rows").await, "1");
    let problem = app
        .wait_text("#import-problems tbody tr", "SubAccountId")
        .await;
    assert!(
        problem.starts_with('4'),
        "the problem names its line: {problem}"
    );
    let message = app
        .prop("#import-problems tbody tr td.message", "textContent")
        .await
        .unwrap_or_default();
    assert!(
        message.contains("999988887777"),
        "and says what is wrong: {message}"
    );
    app.screenshot("billing-import-report").await;
    let report = app.desk.dir().join("problemas.csv");
    app.desk.answer_dialog(&report);
    app.click("#save-problems").await;
    app.wait_text("#problems-saved", "problemas.csv").await;
    let csv = std::fs::read_to_string(&report).unwrap_or_default();
    assert!(
        csv.contains("999988887777"),
        "the report lists the problem: {csv}"
    );

    // The run: the consumption and the VIP fee of the subscription, each line's
    // calculation on demand.
    let row = format!("tr[data-subscriber=\"{SUBSCRIBER_ID}\"]");
    app.wait_text("#run-lines", SUBSCRIBER_ID).await;
    app.wait_text("#run-lines", "USD 932,55").await;
    app.screenshot("billing-run-preview").await;
    app.click(&format!("{row} [data-action=\"explain\"]")).await;
    let why = app.text("td[data-explanation]").await;
    assert!(why.len() > 10, "the line says how it was computed: {why}");
    app.screenshot("billing-line-explanation").await;

    // An adjustment lands in the open period, which the dialog names before saving.
    app.click("#open-adjustment").await;
    app.wait_text("#adjustment-dialog", "período abierto").await;
    app.select("#adj-subscription", SUBSCRIBER_ID).await;
    app.type_into("#adj-amount", "-10,00").await;
    app.type_into("#adj-reason", "Bonificación por la migración de noviembre")
        .await;
    app.screenshot("billing-adjustment").await;
    app.click("#save-adjustment").await;
    app.wait_text("#billing-run .alert.ok", "USD -10,00").await;
    app.wait_text("#run-lines", "USD -10,00").await;

    // Close and export: the dialog says what closing means, the save dialog chooses
    // where the CSV for Satélite goes.
    app.click("#close-export").await;
    app.wait_text("#export-dialog", "no se pueden modificar")
        .await;
    app.screenshot("billing-close-export").await;
    let satellite = app.desk.dir().join("satelite.csv");
    app.desk.answer_dialog(&satellite);
    app.click("#confirm-export").await;
    app.wait_text("#run-locked", "Rosa Villalba").await;
    let exported = std::fs::read_to_string(&satellite).unwrap_or_default();
    assert!(
        exported.starts_with("cuenta_facturacion,subscriber_id")
            && exported.contains(SUBSCRIBER_ID),
        "the export carries the subscription's lines: {exported}"
    );

    // The invoice CBS/Siebel issued for it, and a first payment.
    app.click("#open-invoice").await;
    app.type_into("#inv-number", "001-001-0004567").await;
    app.type_into("#inv-account", BILLING_ACCOUNT).await;
    app.type_into("#inv-issued", &dmy(&days_ago(0))).await;
    app.type_into("#inv-due", &dmy(&days_ago(-30))).await;
    app.type_into("#inv-amount", "1.014,81").await;
    app.click("#save-invoice").await;
    let listed = app
        .wait_text("tr[data-invoice=\"001-001-0004567\"]", "abierta")
        .await;
    assert!(listed.contains("USD 1.014,81"), "{listed}");
    app.click("tr[data-invoice=\"001-001-0004567\"] [data-action=\"pay\"]")
        .await;
    app.type_into("#pay-date", &dmy(&days_ago(0))).await;
    app.type_into("#pay-amount", "500,00").await;
    app.type_into("#pay-reference", "Transferencia 88123").await;
    app.click("#save-payment").await;
    app.wait_text("tr[data-invoice=\"001-001-0004567\"]", "pagada en parte")
        .await;
    app.screenshot("billing-invoices").await;

    // The KAM opens the customer: its charges, its debt and its consumption's chart.
    app.switch_user(KAM).await;
    app.nav("customers").await;
    app.click(&format!("tr[data-ruc=\"{CUSTOMER_RUC}\"] td"))
        .await;
    app.wait_text("h1", CUSTOMER_NAME).await;
    app.wait_text("#debt-owed", "USD 514,81").await;
    app.wait_text("#customer-charges", SUBSCRIBER_ID).await;
    app.wait_text("#customer-invoices", "pagada en parte").await;
    app.find("#consumption-chart canvas").await;
    app.script(
        "document.getElementById('customer-billing').scrollIntoView()",
        vec![],
    )
    .await;
    app.screenshot("billing-customer-page").await;

    // And saves the statement of the closed period, where the save dialog says.
    let statement = app.desk.dir().join("estado-de-cuenta.pdf");
    app.desk.answer_dialog(&statement);
    app.click("#customer-charges button[data-statement]").await;
    app.wait_text("#customer-charges [role=status]", "guardado en")
        .await;
    let pdf = std::fs::read(&statement).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"), "the statement is a PDF");
}

/// Opens the customer's page from the customers list.
async fn open_customer(app: &App) {
    app.nav("customers").await;
    app.click(&format!("tr[data-ruc=\"{CUSTOMER_RUC}\"] td"))
        .await;
    app.wait_text("h1", CUSTOMER_NAME).await;
}

/// `2026-12-03` as typed in a date field, `03/12/2026`.
fn dmy(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// The demonstration's open period has a subscription whose consumption jumped: before
/// exporting, the billing specialist sees the warning above the run, the flagged row with
/// the three earlier periods and their average, and the consumption line's calculation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumption_more_than_twice_the_usual_is_flagged_before_export() {
    let desk = crate::harness::Desk::demo(200);
    let app = App::launch(desk, "billing-spike").await;
    app.sign_in("hugo.martinez").await;
    app.nav("billing").await;
    app.wait_text("#run-flags", "revisar antes de exportar")
        .await;
    let flag = app
        .wait_text("td[data-flag]", "más del doble del promedio")
        .await;
    assert!(flag.contains("promedio"), "{flag}");
    let subscriber = app
        .attr("td[data-flag]", "data-flag")
        .await
        .unwrap_or_default();
    app.click(&format!(
        "tr[data-subscriber=\"{subscriber}\"] [data-action=\"explain\"]"
    ))
    .await;
    let why = app.text("td[data-explanation]").await;
    assert!(!why.is_empty(), "the line says how it was computed");
    app.script(
        "document.querySelector('td[data-flag]').scrollIntoView({block: 'center'})",
        vec![],
    )
    .await;
    app.screenshot("billing-spike-flag").await;
}
