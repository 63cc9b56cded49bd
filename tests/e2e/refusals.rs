//! Two refusals, each shown with its message: a user without the step's role is told
//! whose turn it is, by name; a KAM at step 9 for a customer without the Master Solutions
//! Contract is told so at the top of the step's card before filling anything, with a
//! button to the customer's page; completing anyway gets the core's «Contrato Marco»
//! message, one sentence, and the order stays at step 9.

use crate::harness::App;
use crate::office::{
    CUSTOMER_NAME, KAM, OFFERS, office, open_order, order_line, to_the_offer_decision,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_without_the_role_and_a_customer_without_master_contract_are_refused() {
    let desk = office(false);
    let order = open_order(&desk, "Cuenta AWS para el portal");
    to_the_offer_decision(&desk, &order, false);
    let app = App::launch(desk, "refusals").await;

    // The offers desk at step 9 (the KAM's): no form, a message naming the person whose
    // turn it is (the KAM who opened the order) and the role; the header says the same.
    app.sign_in(OFFERS).await;
    app.open_order(&order).await;
    app.find("li[data-step=\"9\"][data-state=\"current\"]")
        .await;
    let turn = app.wait_text("#not-your-turn", "Ejecutivo comercial").await;
    assert!(turn.contains("Karina Duarte"), "the KAM by name: {turn}");
    let pill = app.text("#order-status").await;
    assert!(
        pill.contains("Le corresponde a Karina Duarte") && pill.contains("esperando"),
        "the header names whose turn it is and how long it waited: {pill}"
    );
    assert!(
        !app.exists("form.step-form").await,
        "no form for {OFFERS}: {turn}"
    );
    assert!(!app.exists("#complete-step").await);
    app.screenshot("order-not-your-turn").await;

    // The KAM sees what blocks the step before filling anything, with the way to fix it;
    // the risk act is not asked for: the offer records no risks.
    app.switch_user(KAM).await;
    app.open_order(&order).await;
    app.find("form.step-form[data-step=\"9\"]").await;
    let blocked = app
        .wait_text("#current-step #blockers", "Contrato Marco")
        .await;
    assert!(
        blocked.contains(CUSTOMER_NAME) && app.exists("#fix-master_contract").await,
        "the notice names the customer and offers its page: {blocked}"
    );
    let risk_act = app
        .text("form.step-form [data-field=\"signed_risk_act\"]")
        .await;
    assert!(
        risk_act.contains("No hace falta: la oferta no registra riesgos")
            && !app.exists("#f-signed_risk_act").await,
        "the risk act is decided for this order, and no upload is offered: {risk_act}"
    );
    app.screenshot("order-blocked-master-contract").await;
    let pdf = app.desk.pdf("oferta-firmada.pdf");
    app.fill("signed_offer", &pdf).await;
    app.complete_step().await;
    let said = app.wait_text("#step-error", "Contrato Marco").await;
    for words in ["paso 9", CUSTOMER_NAME] {
        assert!(
            said.contains(words),
            "the refusal should mention «{words}»: {said}"
        );
    }
    assert!(
        said.starts_with("El paso 9"),
        "one sentence, with its capital letter: {said}"
    );
    app.find("li[data-step=\"9\"][data-state=\"current\"]")
        .await;
    app.screenshot("order-refused-master-contract").await;
    assert_eq!(order_line(&app.desk, &order)["current_step"], 9);

    // The notice's button opens the customer, where the contract is recorded.
    app.click("#fix-master_contract").await;
    app.find("#record-contract").await;
}
