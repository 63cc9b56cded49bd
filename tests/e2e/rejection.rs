//! The offers desk rejects a price exception at step 8 with a reason: the order is back at
//! the offer (step 7), the reason is on the page, and the offers desk can no longer act.

use crate::harness::App;
use crate::office::{OFFERS, office, open_order, order_line, to_the_offer_decision};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_at_step_8_sends_the_order_back_to_step_7_with_its_reason() {
    let desk = office(true);
    let order = open_order(&desk, "Cuenta AWS con descuento VIP");
    to_the_offer_decision(&desk, &order, true);
    let app = App::launch(desk, "rejection").await;
    app.sign_in(OFFERS).await;
    app.open_order(&order).await;
    app.find("form.step-form[data-step=\"8\"]").await;

    // Without a reason the rejection is refused, and the order stays at step 8.
    app.click("#reject").await;
    app.find("#reason").await;
    app.click("#confirm-reason").await;
    let refused = app.text("#order-error").await;
    assert!(!refused.trim().is_empty(), "the refusal should say why");
    app.find("li[data-step=\"8\"][data-state=\"current\"]")
        .await;
    assert_eq!(order_line(&app.desk, &order)["current_step"], 8);

    let reason = "El descuento supera la política: máximo 10%";
    app.click("#reject").await;
    app.type_into("#reason", reason).await;
    app.click("#confirm-reason").await;
    app.wait_gone("#reason").await;

    // Back at the offer, with the reason on the page and in the history.
    app.find("li[data-step=\"7\"][data-state=\"current\"]")
        .await;
    app.wait_text("#current-step h2", "7.").await;
    let note = app.wait_text(".rejection", reason).await;
    assert!(
        note.contains("8.") && note.contains("7."),
        "the rejection should name the step rejected and the one returned to: {note}"
    );
    app.wait_text("#history", reason).await;
    assert!(
        !app.exists("#order-error").await,
        "{}",
        app.text("#order-error").await
    );
    // The offer is pre-sales' to redo: the offers desk sees whose turn it is.
    app.wait_text("#not-your-turn", "Ing. Preventa").await;
    app.screenshot("order-rejected").await;

    let line = order_line(&app.desk, &order);
    assert_eq!(line["current_step"], 7, "{line}");
    let shown = app.desk.cli(None, &["order", "show", &order]);
    assert_eq!(shown["order"]["rejections"][0]["reason"], reason, "{shown}");
}
