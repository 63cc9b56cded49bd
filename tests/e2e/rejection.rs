//! The offers desk rejects a price exception at step 8 with a reason: the order is back at
//! the offer (step 7), the current step's card says who returned it, when and why, and
//! the offers desk can no longer act. A rejection without a reason is refused inside its
//! dialog, in one sentence.

use crate::harness::App;
use crate::office::{KAM, OFFERS, office, open_order, order_line, to_the_offer_decision};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_at_step_8_sends_the_order_back_to_step_7_with_its_reason() {
    let desk = office(true);
    let order = open_order(&desk, "Cuenta AWS con descuento VIP");
    to_the_offer_decision(&desk, &order, true);
    let app = App::launch(desk, "rejection").await;
    app.sign_in(OFFERS).await;
    app.open_order(&order).await;
    app.find("form.step-form[data-step=\"8\"]").await;

    // Without a reason the rejection is refused inside the dialog, which says where the
    // order would go; the order stays at step 8.
    app.click("#reject").await;
    app.find("#reason").await;
    let lead = app.text("#reason-lead").await;
    assert!(
        lead.contains("7. Oferta"),
        "the dialog says what will happen: {lead}"
    );
    app.click("#confirm-reason").await;
    let refused = app
        .find("#reason-error")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        refused.chars().next().is_some_and(char::is_uppercase) && refused.ends_with('.'),
        "the refusal should say why, in one sentence: {refused}"
    );
    assert!(
        !app.exists("#order-error").await,
        "the error stays in the dialog"
    );
    app.screenshot("order-reject-without-reason").await;
    app.click("#reason-dialog-close").await;
    app.wait_gone("#reason").await;
    app.find("li[data-step=\"8\"][data-state=\"current\"]")
        .await;
    assert_eq!(order_line(&app.desk, &order)["current_step"], 8);

    let reason = "El descuento supera la política: máximo 10%";
    app.click("#reject").await;
    app.type_into("#reason", reason).await;
    app.click("#confirm-reason").await;
    app.wait_gone("#reason").await;

    // Back at the offer: its card says who returned it, when and why; the history too.
    app.find("li[data-step=\"7\"][data-state=\"current\"]")
        .await;
    app.wait_text("#current-step h2", "7.").await;
    let note = app.wait_text("#current-step #returned", reason).await;
    assert!(
        note.contains("8.") && note.contains("Carlos Benítez"),
        "the card should name the step rejected and who returned it: {note}"
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

/// Cancelling sits apart from completing a step, behind «Más acciones», and asks the
/// reason after saying what will happen; the page then says who cancelled and why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_is_behind_more_actions_and_says_what_will_happen() {
    let desk = office(true);
    let order = open_order(&desk, "Cuenta AWS que el cliente ya no quiere");
    let app = App::launch(desk, "cancellation").await;
    app.sign_in(KAM).await;
    app.open_order(&order).await;
    app.find("li[data-step=\"1\"][data-state=\"current\"]")
        .await;
    assert!(
        !app.exists("#cancel-order").await,
        "the cancellation is not beside the form"
    );
    app.click("#more-actions").await;
    app.click("#cancel-order").await;
    let lead = app.text("#reason-lead").await;
    assert!(
        lead.contains("cancelado desde este momento") && lead.contains("No se puede deshacer"),
        "the dialog says what will happen and from when: {lead}"
    );
    app.screenshot("order-cancel-dialog").await;
    let reason = "El cliente eligió otro proveedor";
    app.type_into("#reason", reason).await;
    app.click("#confirm-reason").await;
    app.wait_gone("#reason").await;
    app.wait_text("#order-status", "ancelado").await;
    let said = app.wait_text("#cancellation", reason).await;
    assert!(said.contains("Karina Duarte"), "{said}");
}
