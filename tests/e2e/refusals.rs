//! Two refusals, each shown with its message: a user without the step's role is told
//! whose turn it is; a KAM at step 9 for a customer without the Master Solutions Contract
//! gets the core's «Contrato Marco» message and the order stays at step 9.

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

    // The offers desk at step 9 (the KAM's): no form, a message naming the role.
    app.sign_in(OFFERS).await;
    app.open_order(&order).await;
    app.find("li[data-step=\"9\"][data-state=\"current\"]")
        .await;
    let turn = app
        .wait_text("#not-your-turn", "KAM / Ejecutivo Comercial")
        .await;
    assert!(
        !app.exists("form.step-form").await,
        "no form for {OFFERS}: {turn}"
    );
    assert!(!app.exists("#complete-step").await);
    app.screenshot("order-not-your-turn").await;

    // The KAM attaches the signed offer; the core refuses for want of the contract.
    app.switch_user(KAM).await;
    app.open_order(&order).await;
    app.find("form.step-form[data-step=\"9\"]").await;
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
    app.find("li[data-step=\"9\"][data-state=\"current\"]")
        .await;
    app.screenshot("order-refused-master-contract").await;
    assert_eq!(order_line(&app.desk, &order)["current_step"], 9);
}
