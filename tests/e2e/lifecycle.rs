//! A customer who stops paying, in the window, in a demonstration office: the credit
//! manager suspends its subscription from the customer's page; the KAM (from «Mis
//! tareas»), corporate support and regional take the suspension's steps, and the KAM
//! issues the suspension notice and looks at it; the subscription is suspended. Once the invoices are paid, the service executive confirms
//! the payment from the same page, and corporate support, regional and the KAM take the
//! reconnection to its end, with its notice: the subscription is active again. A customer who ends its
//! whole contract and will not pay: the KAM records the request with the signed letter,
//! the credit manager, the sales manager and the offers desk each authorise with a reason,
//! and the service executive, the KAM and pre-sales take it to its confirmation, whose
//! PDF pre-sales issues for the customer to sign.

use nimbo_testkit::dates::days_ago;
use serde_json::Value;

use crate::harness::{App, Desk};

const KAM: &str = "ana.duarte";
const EXECUTIVE: &str = "sofia.ramirez";
const SUPPORT: &str = "maria.gonzalez";
const REGIONAL: &str = "laura.acosta";
const CREDIT: &str = "ricardo.ortiz";
const SPECIALIST: &str = "hugo.martinez";
const SALES_MANAGER: &str = "patricia.caceres";
const OFFERS: &str = "carlos.benitez";
const PRESALES: &str = "pedro.gimenez";

/// An active subscription of the demo: Subscriber ID, billing account, customer's RUC.
fn active_subscription(desk: &Desk) -> (String, String, String) {
    let list = desk.cli(None, &["subscription", "list"]);
    let found = list
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| {
            // One the demonstration left alone: active, with no process of its own.
            let id = s["subscription"]["subscriber_id"]
                .as_str()
                .unwrap_or_default();
            let history = desk.cli(None, &["subscription", "history", id]);
            s["subscription"]["status"] == "active" && history.as_array().is_some_and(Vec::is_empty)
        })
        .unwrap_or_else(|| panic!("the demo has an untouched active subscription: {list}"));
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (
        text(&found["subscription"]["subscriber_id"]),
        text(&found["subscription"]["billing_account"]),
        text(&found["ruc"]),
    )
}

/// Pays in full every unpaid invoice of the account, as the billing specialist records.
fn pay_everything(desk: &Desk, account: &str) {
    let invoices = desk.cli(None, &["invoice", "list"]);
    for i in invoices.as_array().cloned().unwrap_or_default() {
        if i["billing_account"] != account || i["balance"] == "0.00" {
            continue;
        }
        let number = i["number"].as_str().unwrap_or_default();
        let amount = i["balance"].as_str().unwrap_or_default();
        desk.cli(
            Some(SPECIALIST),
            &[
                "payment",
                "add",
                "--invoice",
                number,
                "--date",
                &days_ago(0),
                "--amount",
                amount,
                "--reference",
                &format!("TRF {number}"),
            ],
        );
    }
}

fn status_of(desk: &Desk, subscriber_id: &str) -> String {
    desk.cli(None, &["subscription", "show", subscriber_id])["subscription"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn open_customer(app: &App, ruc: &str) {
    app.nav("customers").await;
    app.type_into("#customer-search", ruc).await;
    app.click(&format!("tr[data-ruc=\"{ruc}\"] td")).await;
    app.find("#customer-subscriptions").await;
}

/// Issues the process's document of `kind` from its page, opens it in the app's viewer,
/// waits for every page to be drawn and keeps a screenshot of it.
async fn issue_and_look(app: &App, kind: &str, shot: &str) {
    let card = format!("section.doc[data-kind=\"{kind}\"]");
    app.click(&format!("{card} [data-action=\"generate\"]"))
        .await;
    app.find(&format!("{card}:not([data-state=\"none\"])"))
        .await;
    app.click(&format!("{card} [data-action=\"open\"]")).await;
    assert!(app.viewer_drawn().await >= 1);
    app.screenshot(shot).await;
    app.click("#close-viewer").await;
    app.wait_gone("#pdf-viewer").await;
}

/// The number of the process whose page just opened, once its title shows `prefix`
/// (`SUS-`, `REC-`, `BAJ-`).
async fn opened_process(app: &App, prefix: &str) -> String {
    let title = app.wait_text("h1", prefix).await;
    title
        .split_whitespace()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_default()
        .to_string()
}

/// Opens the process from «Mis tareas».
async fn open_task(app: &App, number: &str) {
    app.nav("tasks").await;
    app.click(&format!(
        "#process-tasks tr[data-process=\"{number}\"] td button"
    ))
    .await;
    app.wait_text("h1", number).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_who_stops_paying_is_suspended_and_reconnected_in_the_window() {
    let desk = Desk::demo(200);
    let (subscription, account, ruc) = active_subscription(&desk);
    desk.cli(
        Some(SPECIALIST),
        &[
            "invoice",
            "add",
            "--number",
            "001-009-0000002",
            "--account",
            &account,
            "--issued",
            &days_ago(50),
            "--due",
            &days_ago(40),
            "--amount",
            "1250.00",
        ],
    );
    let card = format!("li[data-subscription=\"{subscription}\"]");
    let t = days_ago(0);

    let app = App::launch(desk, "lifecycle").await;
    // The credit manager suspends from the customer's page.
    app.sign_in(CREDIT).await;
    open_customer(&app, &ruc).await;
    app.click(&format!("{card} [data-action=\"suspend\"]"))
        .await;
    app.wait_text("#suspend-title", &subscription).await;
    app.screenshot("lifecycle-suspend-dialog").await;
    app.click("#confirm-suspend").await;
    let number = opened_process(&app, "SUS-").await;
    app.wait_text("#process-facts", "001-009-0000002").await;
    app.wait_text("#process-debt", "USD").await;
    app.wait_text("#not-your-turn", "Ejecutivo comercial").await;
    app.screenshot("lifecycle-suspension-decided").await;

    // The KAM finds the notice in «Mis tareas» and records it.
    app.switch_user(KAM).await;
    open_task(&app, &number).await;
    app.fill("suspension_date", &days_ago(-7)).await;
    app.fill("notified_on", &t).await;
    app.screenshot("lifecycle-suspension-notice").await;
    app.complete_step().await;
    app.wait_text("#process-current", "Siebel").await;
    // The notice gives the date just recorded: the KAM issues it and looks at it.
    issue_and_look(&app, "suspension_notice", "lifecycle-suspension-notice-pdf").await;

    app.switch_user(SUPPORT).await;
    open_task(&app, &number).await;
    app.fill("servicenow_request", "REQ0045678").await;
    app.complete_step().await;
    app.wait_text("#process-current", "MCO").await;

    app.switch_user(REGIONAL).await;
    open_task(&app, &number).await;
    app.fill("cut_on", &t).await;
    app.complete_step().await;
    app.wait_text("#process-status", "terminado").await;
    app.screenshot("lifecycle-suspended").await;
    assert_eq!(status_of(&app.desk, &subscription), "suspended");

    // Paid: the service executive confirms the payment from the customer's page.
    pay_everything(&app.desk, &account);
    app.switch_user(EXECUTIVE).await;
    open_customer(&app, &ruc).await;
    app.wait_text(&format!("{card} [data-status]"), "suspendida")
        .await;
    app.screenshot("lifecycle-customer-suspended").await;
    app.click(&format!("{card} [data-action=\"reconnect\"]"))
        .await;
    app.fill("payment_reference", "TRF 889122").await;
    app.fill("paid_on", &t).await;
    app.screenshot("lifecycle-reconnect-dialog").await;
    app.click("#complete-step").await;
    let reconnection = opened_process(&app, "REC-").await;

    app.switch_user(SUPPORT).await;
    open_task(&app, &reconnection).await;
    app.fill("servicenow_request", "REQ0045999").await;
    app.complete_step().await;
    app.wait_text("#process-current", "MCO").await;

    app.switch_user(REGIONAL).await;
    open_task(&app, &reconnection).await;
    app.fill("reconnected_on", &t).await;
    app.complete_step().await;
    app.wait_text("#process-current", "Aviso de reconexión")
        .await;
    assert_eq!(status_of(&app.desk, &subscription), "active");

    app.switch_user(KAM).await;
    open_task(&app, &reconnection).await;
    issue_and_look(
        &app,
        "reconnection_notice",
        "lifecycle-reconnection-notice-pdf",
    )
    .await;
    app.fill("notified_on", &t).await;
    app.complete_step().await;
    app.wait_text("#process-status", "terminado").await;
    app.screenshot("lifecycle-reconnected").await;

    // The customer's page lists both processes under the subscription.
    open_customer(&app, &ruc).await;
    app.wait_text(&format!("{card} [data-status]"), "activa")
        .await;
    app.wait_text(&card, &number).await;
    app.wait_text(&card, &reconnection).await;
    app.screenshot("lifecycle-customer-history").await;

    // The subscription's own page: its status over time, cut and reconnected, and the
    // processes' notices among its documents.
    app.click(&format!("[data-open-subscription=\"{subscription}\"]"))
        .await;
    app.wait_text("#subscription-id", &subscription).await;
    let history = app.wait_text("#subscription-history", "Reconectada").await;
    assert!(history.contains("Suspendida"), "{history}");
    assert!(history.contains(&number), "{history}");
    assert!(history.contains(&reconnection), "{history}");
    app.wait_text("#subscription-invoices", "001-009-0000002")
        .await;
    let documents = app
        .wait_text("#subscription-documents", "Aviso de suspensión")
        .await;
    assert!(documents.contains("Aviso de reconexión"), "{documents}");
    app.screenshot("lifecycle-subscription-page").await;
}

/// One authorising role's decision from «Mis tareas», with its reason; the timeline names
/// who decided (the reasons fold away once the step is done).
async fn authorise(app: &App, (user, name): (&str, &str), number: &str, reason: &str) {
    app.switch_user(user).await;
    open_task(app, number).await;
    app.click("#decision-authorise").await;
    app.type_into("#decision-reason", reason).await;
    app.click("#decide").await;
    app.wait_text("#process-timeline li[data-step=\"authorisation\"]", name)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_total_termination_with_debt_goes_through_the_three_authorisations_in_the_window() {
    let desk = Desk::demo(200);
    let (subscription, account, ruc) = active_subscription(&desk);
    desk.cli(
        Some(SPECIALIST),
        &[
            "invoice",
            "add",
            "--number",
            "001-009-0000003",
            "--account",
            &account,
            "--issued",
            &days_ago(30),
            "--due",
            &days_ago(20),
            "--amount",
            "2480.00",
        ],
    );
    let letter = desk.dir().join("carta-de-baja.pdf");
    std::fs::write(&letter, b"%PDF-1.4\n% carta de baja firmada\n%%EOF\n")
        .unwrap_or_else(|e| panic!("cannot write the letter: {e}"));
    desk.answer_dialog(&letter);
    let card = format!("li[data-subscription=\"{subscription}\"]");
    let t = days_ago(0);

    let app = App::launch(desk, "termination").await;
    // The KAM records the request from the customer's page: too soon first.
    app.sign_in(KAM).await;
    open_customer(&app, &ruc).await;
    app.click(&format!("{card} [data-action=\"terminate\"]"))
        .await;
    app.wait_text("#termination-title", &subscription).await;
    app.type_into("#termination-date", &day_first(&days_ago(-20)))
        .await;
    app.click("#choose-letter").await;
    app.wait_text("#letter-name", "carta-de-baja.pdf").await;
    app.wait_text("#termination-scope", "Baja total").await;
    app.click("#request-termination").await;
    let refusal = app.wait_text("#termination-error", "30 días").await;
    assert!(
        refusal.contains(&day_first(&days_ago(-30))),
        "the refusal names the earliest date: {refusal}"
    );
    app.screenshot("termination-too-soon").await;
    app.type_into("#termination-date", &day_first(&days_ago(-45)))
        .await;
    app.click("#request-termination").await;
    let number = opened_process(&app, "BAJ-").await;
    app.wait_text("#process-facts", "carta-de-baja.pdf").await;
    app.wait_text("#process-debt", "USD").await;

    // The KAM verifies: the customer will not pay.
    app.fill("leaves_debt", "si").await;
    app.complete_step().await;
    app.wait_text("#process-current", "Autorización").await;
    app.screenshot("termination-waiting-authorisations").await;

    authorise(
        &app,
        (CREDIT, "Ricardo Ortiz"),
        &number,
        "deuda derivada a gestión de cobro",
    )
    .await;
    authorise(
        &app,
        (SALES_MANAGER, "Patricia Cáceres"),
        &number,
        "cliente estratégico, se autoriza",
    )
    .await;
    authorise(
        &app,
        (OFFERS, "Carlos Benítez"),
        &number,
        "sin objeción de ofertas",
    )
    .await;
    app.wait_text("#process-current", "Confirmación enviada")
        .await;
    // Unfolded, the done step shows the three decisions with their reasons.
    app.click("#process-timeline li[data-step=\"authorisation\"] [data-fold]")
        .await;
    for reason in [
        "deuda derivada a gestión de cobro",
        "cliente estratégico, se autoriza",
        "sin objeción de ofertas",
    ] {
        app.wait_text("#process-timeline li[data-step=\"authorisation\"]", reason)
            .await;
    }
    app.screenshot("termination-authorised").await;

    app.switch_user(KAM).await;
    open_task(&app, &number).await;
    app.fill("confirmed_on", &t).await;
    app.complete_step().await;
    app.wait_text("#process-current", "Confirmación de deuda")
        .await;
    // The service executive has 24 hours: the deadline shows on the open step.
    app.find("#process-deadline").await;

    app.switch_user(EXECUTIVE).await;
    open_task(&app, &number).await;
    app.fill("debt_exists", "si").await;
    app.complete_step().await;
    app.wait_text("#process-current", "Solicitud derivada")
        .await;

    // Authorised, so the KAM may forward it with the invoice still unpaid.
    app.switch_user(KAM).await;
    open_task(&app, &number).await;
    app.complete_step().await;
    app.wait_text("#process-current", "Cambio de estado").await;

    app.switch_user(EXECUTIVE).await;
    open_task(&app, &number).await;
    app.fill("status_changed_on", &t).await;
    app.complete_step().await;
    app.wait_text("#process-current", "Orden de trabajo").await;

    app.switch_user(PRESALES).await;
    open_task(&app, &number).await;
    app.fill("work_order", "WO0012345").await;
    app.complete_step().await;
    app.wait_text("#process-current", "Baja confirmada").await;
    assert_eq!(status_of(&app.desk, &subscription), "active");
    app.complete_step().await;
    app.wait_text("#process-status", "terminado").await;
    app.screenshot("termination-confirmed").await;
    assert_eq!(status_of(&app.desk, &subscription), "terminated");
    // Pre-sales issues the confirmation the customer receives and signs.
    issue_and_look(
        &app,
        "termination_confirmation",
        "termination-confirmation-pdf",
    )
    .await;
    app.find("section.doc[data-kind=\"termination_confirmation\"] li[data-party=\"customer\"]")
        .await;

    open_customer(&app, &ruc).await;
    app.wait_text(&card, &number).await;
    app.screenshot("termination-customer").await;
}

/// `2026-12-03` as a person types it (`03/12/2026`).
fn day_first(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => panic!("{iso} is not YYYY-MM-DD"),
    }
}
